import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import glossary from '../../glossary/generated/glossary.json';
import { citeTerm } from '../../lib/shared/citation/cite';
import { isoDay } from '../../lib/shared/citation/dates';
import type { CitationFormat } from '../../lib/shared/citation/formats';
import { termCitationOf } from '../../lib/extension/citation/compose';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { makeLookup } from '../../lib/shared/glossary/lookup';
import {
  CHROME_BUILD,
  launchChromium,
  pointOfHighlight,
  readTooltip,
  settledHighlights,
  type Chromium,
} from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import { cdpOf, clickShadow, findShadow, selectText } from '../harness/shadow';
import {
  frameCardText,
  frameShows,
  hoverQuote,
  noteFrame,
  waitNoteFrame,
} from '../harness/note-frame';

// "Cite" on a plain-http page (no navigator.clipboard in the content script there): the
// background composes the citation and writes it from our own origin, so the clipboard holds
// it while the page — listening to every copy, key and input event — learns nothing of it.

let server: FixtureServer;
let browser: Chromium;
const SHOTS = join(CHROME_BUILD, '..', 'screenshots');
const TERM = 'new-quality-productive-forces';
const lookup = makeLookup(glossary as CompiledGlossary);

/** What the background should compose for the term today. */
function expected(format: CitationFormat): string {
  return citeTerm(termCitationOf(lookup(TERM)!, new Date()), format);
}

/** The page's spy: capture listeners for every clipboard, key and input event. */
const SPY = `(() => {
  const seen = (window.__seen = []);
  const types = ['copy', 'cut', 'paste', 'beforecopy', 'beforecut', 'keydown', 'keypress',
    'keyup', 'beforeinput', 'input', 'textInput', 'select', 'selectionchange'];
  for (const target of [window, document]) {
    for (const t of types) {
      target.addEventListener(t, (e) => seen.push({
        type: t,
        data: (e.clipboardData && e.clipboardData.getData('text/plain')) || '',
        selection: String(document.getSelection()),
      }), true);
    }
  }
  const exec = document.execCommand.bind(document);
  document.execCommand = (...a) => { seen.push({ type: 'execCommand', data: String(a[0]), selection: '' }); return exec(...a); };
})();`;

type Seen = { type: string; data: string; selection: string };
const seenBy = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);

// The system clipboard, read and written the way a reader would: Ctrl+V / Ctrl+C in a text box
// of a page of the test's own (no extension there, no permission to grant).
let reader: Page;
async function clipboard(): Promise<string> {
  await reader.bringToFront();
  await reader.fill('#box', '');
  await reader.focus('#box');
  await reader.keyboard.press('Control+V');
  return reader.inputValue('#box');
}
async function setClipboard(text: string): Promise<void> {
  await reader.bringToFront();
  await reader.fill('#box', text);
  await reader.focus('#box');
  await reader.keyboard.press('Control+A');
  await reader.keyboard.press('Control+C');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
  reader = await browser.context.newPage();
  await reader.setContent('<textarea id="box"></textarea>');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openTooltip(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(SPY);
  await page.goto('http://www.people.cn/cases.html');
  await settledHighlights(page);
  await page.bringToFront();
  const p = await pointOfHighlight(page, '新质生产力', 0);
  await page.mouse.move(p.x, p.y);
  await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^新质生产力/);
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  const tip = (await readTooltip(page))!.box;
  const pad = 16;
  await page.screenshot({
    path: join(SHOTS, name),
    clip: {
      x: Math.max(0, tip.x - pad),
      y: Math.max(0, tip.y - pad),
      width: tip.width + 2 * pad,
      height: Math.min(880, tip.height + 2 * pad + 150),
    },
  });
}

/** The pointer stays over the card (as a reader's would) while the keyboard works in it. */
async function pointAtCard(page: Page): Promise<void> {
  const b = (await readTooltip(page))!.box;
  await page.mouse.move(b.x + b.width - 6, b.y + 6);
}

describe('Copy as citation (Chromium, http page)', () => {
  it('the page is plain http: its content script has no navigator.clipboard', async () => {
    const page = await openTooltip();
    expect(page.url()).toMatch(/^http:\/\//);
    expect(await page.evaluate(() => typeof navigator.clipboard)).toBe('undefined');
    await page.close();
  });

  it('one click on Cite copies the default (plain text); the page hears nothing of it', async () => {
    await setClipboard('before');
    const page = await openTooltip();
    const first = (await readTooltip(page))!;
    console.log(`first level: ${Math.round(first.box.height)} px tall`);
    // Compact: the first level is a summary, not half the article.
    expect(first.box.height).toBeLessThan(220);
    expect(first.text).toContain('new quality productive forces');
    await shoot(page, 'tooltip-first-level.png');

    const cite = await findShadow(page, { tag: 'button', cls: 'cite' });
    expect(cite?.text).toMatch(/引用|Cite/);
    await clickShadow(page, { tag: 'button', cls: 'cite' });
    await expect
      .poll(() => findShadow(page, { cls: 'cite-status', text: 'Copied' }))
      .not.toBeNull();
    const text = await clipboard();
    expect(text).toBe(expected('plain'));
    expect(
      text.startsWith('新质生产力 (xīn zhì shēng chǎn lì) — new quality productive forces\n“'),
    ).toBe(true);
    expect(text).toContain('http://cpc.people.com.cn/');

    const seen = await seenBy(page);
    expect(seen.map((s) => s.type).filter((t) => t !== 'selectionchange')).toEqual([]);
    for (const s of seen) {
      expect(text).not.toContain(s.data || '\u0000');
      expect(s.selection).not.toContain('xīn zhì');
    }
    await page.close();
  });

  it('the menu beside it copies the other formats, by mouse and keyboard', async () => {
    const page = await openTooltip();
    await clickShadow(page, { tag: 'button', cls: 'cite-more' });
    await expect.poll(() => findShadow(page, { role: 'menu' })).not.toBeNull();
    expect((await findShadow(page, { cls: 'cite-more' }))!.attrs['aria-expanded']).toBe('true');
    await shoot(page, 'tooltip-cite-menu.png');
    // Opened by the mouse on its first item: ArrowDown → Markdown, Enter copies it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => findShadow(page, { role: 'menu' })).toBeNull();
    await expect
      .poll(async () => (await findShadow(page, { cls: 'cite-status' }))?.text)
      .toBe('Copied');
    await expect.poll(clipboard).toBe(expected('markdown'));
    await page.bringToFront();
    await pointAtCard(page);

    // Back on the menu button: ArrowUp opens on the last item (APA).
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => findShadow(page, { role: 'menu' })).not.toBeNull();
    await page.keyboard.press('Enter');
    await expect.poll(clipboard).toBe(expected('apa'));
    await page.bringToFront();
    await pointAtCard(page);

    // ArrowDown opens on the first; End, ArrowUp → GB/T 7714.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => findShadow(page, { role: 'menu' })).not.toBeNull();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const gbt = await expect.poll(clipboard).toBe(expected('gbt7714')).then(clipboard);
    expect(gbt).toContain('[N/OL]. 人民日报, 2024-02-02(1)[');

    // Escape closes the menu, not the card.
    await page.bringToFront();
    await pointAtCard(page);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => findShadow(page, { role: 'menu' })).not.toBeNull();
    await page.keyboard.press('Escape');
    await expect.poll(() => findShadow(page, { role: 'menu' })).toBeNull();
    expect(await readTooltip(page)).not.toBeNull();

    // Keys reach the page (retargeted to our host), the text never does.
    for (const s of await seenBy(page)) {
      expect(s.type).not.toMatch(/copy|cut|paste|execCommand/);
      expect(s.selection).not.toContain('xīn zhì');
    }
    await page.close();
  });

  it('"More" is a disclosure: by keyboard it opens and closes the second level', async () => {
    const page = await openTooltip();
    const more = await findShadow(page, { tag: 'button', cls: 'tip-more' });
    expect(more?.attrs['aria-expanded']).toBe('false');
    expect(await findShadow(page, { cls: 'details' })).toBeNull();
    // Into the card with the mouse (the Cite menu button), then the keyboard: Tab → More.
    await clickShadow(page, { tag: 'button', cls: 'cite-more' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await findShadow(page, { cls: 'tip-more' }))?.attrs['aria-expanded'])
      .toBe('true');
    const details = await findShadow(page, { cls: 'details' });
    expect(details?.text).toContain('发展新质生产力是推动高质量发展的内在要求');
    expect(details?.text).toMatch(/\d+ (renderings?|种译法)/);
    const expandedTip = (await readTooltip(page))!;
    console.log(`expanded: ${Math.round(expandedTip.box.height)} px tall`);
    await shoot(page, 'tooltip-expanded.png');
    await page.keyboard.press(' ');
    await expect
      .poll(async () => (await findShadow(page, { cls: 'tip-more' }))?.attrs['aria-expanded'])
      .toBe('false');
    expect(await findShadow(page, { cls: 'details' })).toBeNull();
    await page.close();
  });

  it('a related term is a button that shows its entry in the card, with a way back', async () => {
    const page = await openTooltip();
    await clickShadow(page, { tag: 'button', cls: 'tip-more' });
    const related = await findShadow(page, { tag: 'button', cls: 'related-term' });
    expect(related).not.toBeNull();
    const name = related!.text;
    await clickShadow(page, { tag: 'button', cls: 'related-term' });
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toContain(name);
    const back = await findShadow(page, { tag: 'button', cls: 'tip-back' });
    expect(back?.text).toContain('新质生产力');
    await clickShadow(page, { tag: 'button', cls: 'tip-back' });
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^新质生产力/);
    expect(await findShadow(page, { cls: 'tip-back' })).toBeNull();
    await page.close();
  });

  it('the second level and the open menu have no serious or critical axe violations', async () => {
    const page = await openTooltip();
    await clickShadow(page, { tag: 'button', cls: 'tip-more' });
    await expect.poll(() => findShadow(page, { cls: 'details' })).not.toBeNull();
    await clickShadow(page, { tag: 'button', cls: 'cite-more' });
    await expect.poll(() => findShadow(page, { role: 'menu' })).not.toBeNull();
    // axe cannot enter the closed shadow root: check a copy of the live markup with the real
    // stylesheet in an open page (as tooltip-a11y.test.ts does).
    const tip = (await findShadow(page, { role: 'tooltip' }))!;
    const cdp = await cdpOf(page);
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { backendNodeId: tip.backendNodeId });
    expect(outerHTML).toContain('role="menu"');
    const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
    const css = read('../../components/page/tooltip.css').replace(
      "@import '../shared/fonts.css';",
      read('../../components/shared/fonts.css'),
    );
    const copy = await browser.context.newPage();
    await copy.setContent(
      `<!doctype html><html lang="en"><head><title>tooltip</title><style>${css}
      .tip { position: static !important; max-height: none !important; visibility: visible !important; }
      </style></head><body><main>${outerHTML}</main></body></html>`,
    );
    const { violations } = await new AxeBuilder({ page: copy }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    await copy.close();
    await page.close();
  });

  it('the note card on the page cites the note, written from our origin too', async () => {
    const QUOTE = '必须继续做好创新这篇大文章';
    await setClipboard('before');
    const page = await browser.context.newPage();
    await page.addInitScript(SPY);
    await page.goto('http://www.people.cn/notes.html');
    await settledHighlights(page);
    await selectText(page, 'p2', QUOTE);
    await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
    await clickShadow(page, { cls: 'note-add' });
    const editor = await waitNoteFrame(page, 'textarea.note-text');
    await editor.locator('textarea.note-text').fill('A note to cite.');
    await editor.locator('textarea.note-text').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => frameShows(page, 'form.note-editor')).toBe(false);
    await page.mouse.move(2, 2);
    await hoverQuote(page, 'p2', QUOTE);
    await expect.poll(() => frameCardText(page), { timeout: 5000 }).toContain('A note to cite.');
    const card = noteFrame(page)!;
    await card.getByRole('button', { name: /^(Cite|引用)$/ }).click();
    await expect.poll(() => card.locator('button.cite').textContent()).toMatch(/Copied|已复制/);
    await page.screenshot({ path: join(SHOTS, 'note-card-cite.png') });
    const title = await page.title();
    expect(await clipboard()).toBe(
      `“${QUOTE}”\n— ${title}, 人民网. http://www.people.cn/notes.html (read ${isoDay(new Date())})`,
    );
    for (const s of await seenBy(page)) {
      expect(s.type).not.toMatch(/copy|cut|paste|execCommand/);
      expect(s.selection).not.toContain('人民网');
    }
    await page.close();
  });
});
