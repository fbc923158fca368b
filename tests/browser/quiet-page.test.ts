import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pageReport, type Chromium } from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import { overlayBoxes, waitNoteFrame } from '../harness/note-frame';
import { clickShadow, findShadow, selectText } from '../harness/shadow';

// A page where no term can occur that nobody touches gets no element of ours (issue 17: the cost of being
// installed) — and whether it has notes changes nothing the page can see: with or without
// them, our host arrives at the reader's first interaction, and notes are drawn then.

let server: FixtureServer;
let browser: Chromium;
const PASSAGE = '本市今年新建社区食堂十二家，覆盖老年居民两万余人';
// The other page has other words: a passage this long would follow its note there (issue 19).
const OTHER = '区图书馆延长周末开放时间，并增加儿童阅读区座位一百个';
const QUIET = (n: number) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>社区新闻 ${n}</title></head>
<body><h1>社区食堂开张</h1><p id="p1">${n === 1 ? PASSAGE : OTHER}。</p>
<p id="p2">街道工作人员介绍，食堂每天供应午餐和晚餐，菜价比市场低两成。</p></body></html>`;

beforeAll(async () => {
  server = await startFixtureServer();
  server.pages.set('/quiet-1.html', QUIET(1));
  server.pages.set('/quiet-2.html', QUIET(2));
  browser = await launchChromium(server.port);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const hosts = (p: Page) => p.evaluate(() => document.querySelectorAll('policy-lens-ui').length);

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await pageReport(browser, page)).notes !== undefined).toBe(true);
  return page;
}

describe('a page without terms (Chromium)', () => {
  it('gets our host only at the first interaction, notes or not; its notes are drawn then', async () => {
    // A note on quiet-1, made as a reader makes one.
    const made = await open('http://www.people.cn/quiet-1.html');
    expect((await pageReport(browser, made)).terms).toEqual([]);
    await selectText(made, 'p1', PASSAGE);
    await expect.poll(() => findShadow(made, { cls: 'note-add' })).not.toBeNull();
    await clickShadow(made, { cls: 'note-add' });
    const frame = await waitNoteFrame(made, 'textarea.note-text');
    await frame.locator('textarea.note-text').fill('食堂的数字要核实');
    await made.keyboard.press('Control+Enter');
    await expect.poll(async () => (await pageReport(browser, made)).notes?.anchored).toBe(1);
    await made.close();

    const withNote = await open('http://www.people.cn/quiet-1.html');
    const without = await open('http://www.people.cn/quiet-2.html');
    // The note is found (anchored) but nothing is in the page yet, as on the page without.
    await expect.poll(async () => (await pageReport(browser, withNote)).notes?.anchored).toBe(1);
    await withNote.waitForTimeout(300);
    expect(await hosts(withNote)).toBe(0);
    expect(await hosts(without)).toBe(0);
    // The page's own made-up events do not count as the reader's.
    await withNote.evaluate(() => {
      window.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
      window.dispatchEvent(new Event('scroll'));
    });
    await withNote.waitForTimeout(200);
    expect(await hosts(withNote)).toBe(0);
    // The reader moves the mouse: the host comes, on both pages alike, and the note is drawn.
    for (const p of [withNote, without]) {
      await p.bringToFront();
      await p.mouse.move(200, 200);
      await p.mouse.move(220, 240);
      await expect.poll(() => hosts(p)).toBe(1);
    }
    await expect.poll(async () => (await overlayBoxes(withNote)).length).toBeGreaterThan(0);
    expect(await overlayBoxes(without)).toEqual([]);
  });
});
