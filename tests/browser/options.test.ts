import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pointOfHighlight,
  readHighlights,
  readTooltip,
  settledHighlights,
  type Chromium,
} from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

// The options page changes open pages live, without a reload.

let server: FixtureServer;
let browser: Chromium;
let options: Page;
let article: Page;

const highlightNames = (p: Page) =>
  p.evaluate(() =>
    [...CSS.highlights.keys()].filter((k) => k.startsWith('policy-lens-term')).sort(),
  );
const paintedCount = (p: Page) =>
  p.evaluate(() => {
    let n = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('policy-lens-term')) n += h.size;
    return n;
  });

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
  article = await browser.context.newPage();
  await article.goto('http://www.people.cn/cases.html');
  await settledHighlights(article);
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByRole('switch', { name: 'people.cn', exact: true }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('options page (Chromium)', () => {
  it('has no serious or critical accessibility violations', async () => {
    const { violations } = await new AxeBuilder({ page: options }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });

  it('is set in our font and size, not the one Chromium gives extension pages (75%, its UI font)', async () => {
    const font = await options.evaluate(() => {
      const s = getComputedStyle(document.querySelector('.lead')!);
      return { size: s.fontSize, family: s.fontFamily };
    });
    expect(font).toEqual({
      size: '15px',
      family: expect.stringMatching(/^system-ui, "PingFang SC",/),
    });
  });

  it('switching a site off clears its open pages at once; on brings them back', async () => {
    const before = await paintedCount(article);
    expect(before).toBeGreaterThan(10);
    await options.getByRole('switch', { name: 'people.cn', exact: true }).uncheck();
    await expect.poll(() => paintedCount(article)).toBe(0);
    await options.getByRole('switch', { name: 'people.cn', exact: true }).check();
    await expect.poll(() => paintedCount(article)).toBe(before);
  });

  it('changes the highlight style without a reload', async () => {
    expect(await highlightNames(article)).toEqual(['policy-lens-term']);
    await options.getByRole('radio', { name: /Dotted underline/ }).check();
    await expect.poll(() => highlightNames(article)).toEqual(['policy-lens-term-dotted']);
    await options.getByRole('radio', { name: /Soft background/ }).check();
    await expect.poll(() => highlightNames(article)).toEqual(['policy-lens-term']);
  });

  it('a category switched off is no longer painted', async () => {
    const count = () =>
      article.evaluate(() => {
        const texts: string[] = [];
        for (const r of CSS.highlights.get('policy-lens-term') ?? []) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          texts.push(live.toString());
        }
        return texts.filter((t) => t === '高科技，高效能，高质量').length;
      });
    await expect.poll(count).toBe(1);
    await options.getByRole('checkbox', { name: /提法/ }).uncheck();
    await expect.poll(count).toBe(0);
    await options.getByRole('checkbox', { name: /提法/ }).check();
    await expect.poll(count).toBe(1);
  });

  it('explanations in English only, without pinyin', async () => {
    await options.getByRole('radio', { name: 'English', exact: true }).check();
    await options.getByRole('checkbox', { name: /pinyin/i }).uncheck();
    await article.bringToFront();
    const p = await pointOfHighlight(article, '数字经济');
    await article.mouse.move(p.x, p.y);
    await expect.poll(() => readTooltip(article), { timeout: 5000 }).not.toBeNull();
    const tip = (await readTooltip(article))!;
    expect(tip.text).toContain('digital economy');
    expect(tip.text).not.toContain('shù zì');
    expect(tip.text).not.toMatch(/以数据为关键/);
    await article.keyboard.press('Escape');
    await article.mouse.move(2, 2);
    await options.getByRole('radio', { name: 'Chinese and English' }).check();
    await options.getByRole('checkbox', { name: /pinyin/i }).check();
  });

  it('imports custom terms from CSV, names the bad rows, and highlights the good ones on open pages', async () => {
    const csv = [
      'term,English,definition,note',
      '后来加载,loaded later,A phrase of our test page,ours',
      'x,too short,,',
      '新质生产力,duplicate of bundled,,',
      '"<img src=x onerror=alert(1)>",script payload,shown as text,',
    ].join('\n');
    await options.bringToFront();
    await options.locator('input[type=file]').setInputFiles({
      name: 'terms.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const preview = options.locator('.import-preview');
    await expect
      .poll(() => preview.textContent())
      .toContain('2 terms ready to add, 2 rows rejected');
    const errors = await preview.locator('.errors li').allTextContents();
    expect(errors.some((e) => e.startsWith('row 3'))).toBe(true);
    expect(errors.some((e) => e.includes('新质生产力') && e.includes('already'))).toBe(true);
    await options.getByRole('button', { name: /Add 2 terms/ }).click();
    await expect.poll(() => options.locator('table.terms tbody tr').count()).toBe(2);
    // The article's appended paragraph contains 后来加载.
    await article.bringToFront();
    await article.click('#add');
    await expect.poll(() => highlightedTexts(article)).toContain('后来加载');
    const p = await pointOfHighlight(article, '后来加载');
    await article.mouse.move(p.x, p.y);
    await expect
      .poll(async () => (await readTooltip(article))?.text ?? '', { timeout: 5000 })
      .toContain('loaded later');
    await article.keyboard.press('Escape');
    // A page opened now finds the reader's terms too (asked for after its first scan).
    server.pages.set('/custom-terms.html', '<!doctype html><p>我们后来加载了这一段。</p>');
    const fresh = await browser.context.newPage();
    await fresh.goto('http://www.people.cn/custom-terms.html');
    await expect.poll(() => highlightedTexts(fresh)).toEqual(['后来加载']);
    await fresh.close();
  });

  it('a bundled term can be hidden', async () => {
    await options.bringToFront();
    await options.getByRole('searchbox').fill('数字经济');
    await options.getByRole('checkbox', { name: /数字经济 digital economy/ }).uncheck();
    const count = () =>
      article.evaluate(() => {
        let n = 0;
        for (const r of CSS.highlights.get('policy-lens-term') ?? []) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          if (live.toString() === '数字经济') n++;
        }
        return n;
      });
    await expect.poll(count).toBe(0);
    await options.getByRole('checkbox', { name: /数字经济 digital economy/ }).check();
    await expect.poll(count).toBeGreaterThan(0);
  });

  it('rejects a site name that is not one, with a message', async () => {
    await options.getByLabel('Add a site').fill('not a site');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toContain('not a site name');
  });
});

/** The text of every painted term highlight on the page. */
async function highlightedTexts(page: Page): Promise<string[]> {
  return (await readHighlights(page))
    .filter((r) => r.name === 'policy-lens-term')
    .map((r) => r.text);
}
