import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pageReport,
  readTooltip,
  settledHighlights,
  type Chromium,
} from '../harness/chromium';
import {
  frameCardText,
  frameShows,
  hoverQuote,
  installTypingSpy,
  noteFrame,
  overlayBoxes,
  pageDomStrings,
  paintedNotes,
  quoteRects,
  typingSpySaw,
  waitNoteFrame,
} from '../harness/note-frame';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import {
  boxOf,
  clickShadow,
  currentWorker,
  findShadow,
  selectText,
  stopServiceWorkers,
  storedNotes,
} from '../harness/shadow';

let server: FixtureServer;
let browser: Chromium;
const errors: string[] = [];
const SHOTS = '.output/screenshots';

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
  browser.context.on('weberror', (e) => errors.push(`weberror: ${e.error().message}`));
  browser.context.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url.startsWith('http') ? url : `http://www.people.cn/${url}`);
  await settledHighlights(page, 300);
  return page;
}

type Spot = readonly [string, string];

/**
 * Of the `expected` notes ([paragraph id, quote]), those painted now: note boxes drawn by the
 * overlay exactly over the quote's lines in the page. Any box over no expected quote is
 * reported as `['?', 'stray']`, so `toEqual` also says "nothing else is painted".
 */
async function noteRanges(page: Page, expected: readonly Spot[]): Promise<string[][]> {
  const { painted, stray } = await paintedNotes(page, expected);
  return [...painted, ...Array.from({ length: stray }, () => ['?', 'stray'])];
}

/** The draft boxes (the passage being annotated) match the quote's lines in the page. */
async function draftOn(page: Page, id: string, quote: string): Promise<boolean> {
  const boxes = (await overlayBoxes(page)).filter((b) => b.cls === 'd');
  const lines = (await quoteRects(page, id, quote)) ?? [];
  return (
    lines.length > 0 &&
    boxes.length === lines.length &&
    lines.every((l) =>
      boxes.some(
        (b) =>
          Math.abs(b.left - l.left) <= 1.5 &&
          Math.abs(b.right - l.right) <= 1.5 &&
          Math.abs(b.top - l.top) <= 1.5 &&
          Math.abs(b.bottom - l.bottom) <= 1.5,
      ),
    )
  );
}

const draftBoxes = async (page: Page) =>
  (await overlayBoxes(page)).filter((b) => b.cls === 'd').length;

/** The note frame's editor is open. */
const editorOpen = (page: Page) => frameShows(page, 'form.note-editor');

/** The note frame's textarea has the keyboard (focused in a frame that has the focus). */
async function textFocused(page: Page): Promise<boolean> {
  const f = noteFrame(page);
  if (!f) return false;
  return f
    .evaluate(() => document.hasFocus() && document.activeElement?.className === 'note-text')
    .catch(() => false);
}

/** Waits until the editor has taken the keyboard, as it does each time it opens. */
async function focusText(page: Page): Promise<void> {
  await expect.poll(() => textFocused(page)).toBe(true);
}

/** Types into the focused field of the note frame: short text key by key, long text at once. */
async function typeInFrame(page: Page, text: string): Promise<void> {
  if (text.length > 200) {
    await (
      await waitNoteFrame(page, 'textarea.note-text')
    )
      .locator('textarea.note-text')
      .fill(text);
  } else {
    await page.keyboard.type(text);
  }
}

/** Selects `quote` in #`id`, presses "Add note", types `text` (and tags), saves with Ctrl+Enter. */
async function addNote(
  page: Page,
  id: string,
  quote: string,
  text: string,
  opts: { tags?: string; nth?: number; save?: boolean; afterSelect?: () => Promise<void> } = {},
): Promise<void> {
  await selectText(page, id, quote, opts.nth);
  await opts.afterSelect?.();
  await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
  await clickShadow(page, { cls: 'note-add' });
  const frame = await waitNoteFrame(page, 'textarea.note-text');
  // The editor takes the keyboard as it opens.
  await expect.poll(() => textFocused(page)).toBe(true);
  if (text) await typeInFrame(page, text);
  if (opts.tags) await frame.locator('input.note-tags').fill(opts.tags);
  if (opts.save === false) return;
  await frame.locator('textarea.note-text').focus(); // focus back in the text field
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => editorOpen(page)).toBe(false);
}

/** Moves the pointer onto the painted note on `quote` in #`id`. */
async function hoverNote(page: Page, id: string, quote: string): Promise<void> {
  await hoverQuote(page, id, quote);
}

const cardText = (page: Page) => frameCardText(page);

/** A button in the note frame, by its text. */
const frameButton = (page: Page, name: string) =>
  noteFrame(page)!.getByRole('button', { name, exact: true });

describe('notes on a page (Chromium)', () => {
  let page: Page;
  const QUOTE = '必须继续做好创新这篇大文章';
  const AT: Spot = ['p2', QUOTE];

  it('selecting text shows "Add note"; the editor saves with Ctrl+Enter and paints the note', async () => {
    page = await open('notes.html?utm_source=wechat&from=timeline#p2');
    await selectText(page, 'p2', QUOTE);
    await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
    const button = (await findShadow(page, { cls: 'note-add' }))!;
    expect(button.text).toBe('Add note');
    await page.screenshot({ path: `${SHOTS}/notes-1-button.png` });
    // The button sits by the end of the selection.
    const sel = await page.evaluate(() => {
      const r = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { right: r.right, bottom: r.bottom };
    });
    const b = await boxOf(page, button);
    expect(Math.abs(b.x + b.width - sel.right)).toBeLessThan(40);
    expect(b.y).toBeGreaterThanOrEqual(sel.bottom);

    await clickShadow(page, { cls: 'note-add' });
    const frame = await waitNoteFrame(page, 'form.note-editor');
    // The editor is the extension's page in a frame inside the closed shadow root.
    // use_dynamic_url: the frame's origin is a per-session id, not the extension id.
    expect(frame.url()).toMatch(
      /^chrome-extension:\/\/([a-p]{32}|[0-9a-f-]{36})\/note-frame\.html#t=[0-9a-f-]{36}&theme=light$/,
    );
    expect(await findShadow(page, { cls: 'note-frame' })).not.toBeNull();
    expect(await frame.locator('.note-quote').textContent()).toBe(QUOTE);
    // The passage being annotated is marked while the editor is open.
    await expect.poll(() => draftOn(page, 'p2', QUOTE)).toBe(true);
    // The text field has the focus: typing goes there.
    await expect.poll(() => textFocused(page)).toBe(true);
    await page.keyboard.type('创新是引领发展的第一动力。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second line.');
    await frame.locator('input.note-tags').fill('创新, economy');
    await frame.locator('textarea.note-text').focus();
    await page.screenshot({ path: `${SHOTS}/notes-2-editor.png` });
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => editorOpen(page)).toBe(false);
    await expect.poll(() => noteRanges(page, [AT])).toEqual([AT]);
    expect(await draftBoxes(page)).toBe(0);

    const [stored] = await storedNotes(browser);
    expect(stored).toMatchObject({
      url: 'http://www.people.cn/notes.html', // no tracking parameters, no fragment
      site: 'people.cn',
      text: '创新是引领发展的第一动力。\nSecond line.',
      tags: ['创新', 'economy'],
      selectors: { version: 1, quote: { exact: QUOTE } },
      rev: 1,
    });
    expect(stored!.title).toContain('发展新质生产力');
    expect(stored!.termIds).toContain('work-on-innovation'); // the term inside the quote
    expect(stored!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('after a reload the note is painted at the same place, and hovering it shows the note', async () => {
    await page.reload();
    await settledHighlights(page, 300);
    await expect.poll(() => noteRanges(page, [AT])).toEqual([AT]);
    await hoverNote(page, 'p2', QUOTE);
    await expect
      .poll(() => cardText(page), { timeout: 5000 })
      .toContain('创新是引领发展的第一动力。');
    const text = (await cardText(page))!;
    expect(text).toContain('Second line.');
    expect(text).toContain('economy');
    await expect(frameButton(page, 'Edit').count()).resolves.toBe(1);
    await expect(frameButton(page, 'Delete').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/notes-3-card.png` });
    // The note and the term inside it are both visible where they overlap.
    const clip = await page.evaluate(() => {
      const r = document.getElementById('p2')!.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
    await page.screenshot({ path: `${SHOTS}/notes-4-overlap.png`, clip });
  });

  it('the card stays open while the pointer moves into it; Edit saves new text', async () => {
    const panel = (await findShadow(page, { cls: 'note-panel' }))!;
    const box = await boxOf(page, panel);
    await page.mouse.move(box.x + 20, box.y + box.height - 10, { steps: 6 });
    await page.waitForTimeout(600);
    expect(await cardText(page)).not.toBeNull();
    await frameButton(page, 'Edit').click();
    const frame = await waitNoteFrame(page, 'form.note-editor');
    await expect(frame.locator('textarea.note-text').inputValue()).resolves.toBe(
      '创新是引领发展的第一动力。\nSecond line.',
    );
    await frame.locator('textarea.note-text').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' (edited)');
    await frameButton(page, 'Save').click();
    await expect.poll(() => editorOpen(page)).toBe(false);
    const [stored] = await storedNotes(browser);
    expect(stored!.text).toBe('创新是引领发展的第一动力。\nSecond line. (edited)');
    expect(stored!.updatedAt).toBeGreaterThanOrEqual(stored!.createdAt);
    expect(stored!.rev).toBe(2);
    await page.mouse.move(5, 5);
    await hoverNote(page, 'p2', QUOTE);
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain('(edited)');
  });

  it('Delete removes the note from page and database; Undo brings it back', async () => {
    const id = (await storedNotes(browser))[0]!.id;
    // Clicked in the frame's own document: the card over this two-line passage can still be
    // placed once more as the pointer crosses into it (noted in issue 15), and a click at
    // page coordinates computed before that lands where the button no longer is.
    await frameButton(page, 'Delete').dispatchEvent('click');
    await expect.poll(() => noteRanges(page, [AT])).toEqual([]);
    expect(await storedNotes(browser)).toEqual([]);
    expect((await storedNotes(browser, 'trash')).map((n) => n.id)).toEqual([id]);
    await expect.poll(() => findShadow(page, { cls: 'note-toast' })).not.toBeNull();
    const toast = (await findShadow(page, { cls: 'note-toast' }))!;
    expect(toast.text).toContain('Note deleted.');
    await clickShadow(page, { tag: 'button', text: 'Undo' });
    await expect.poll(() => noteRanges(page, [AT])).toEqual([AT]);
    const back = await storedNotes(browser);
    expect(back.map((n) => [n.id, n.text])).toEqual([
      [id, '创新是引领发展的第一动力。\nSecond line. (edited)'],
    ]);
    expect(await storedNotes(browser, 'trash')).toEqual([]);
    // And it is there on the next visit.
    await page.reload();
    await expect.poll(() => noteRanges(page, [AT])).toEqual([AT]);
  });

  it('Escape cancels an empty editor at once, and asks first when text was typed', async () => {
    const before = (await storedNotes(browser)).length;
    await addNote(page, 'p3', '先进生产力质态', '', { save: false });
    await page.keyboard.press('Escape');
    await expect.poll(() => editorOpen(page)).toBe(false);

    await addNote(page, 'p3', '先进生产力质态', 'half a thought', { save: false });
    await page.keyboard.press('Escape');
    await expect.poll(() => frameShows(page, '.note-confirm')).toBe(true);
    expect(await noteFrame(page)!.locator('.note-confirm').textContent()).toContain(
      'Discard this note?',
    );
    await frameButton(page, 'Keep editing').click();
    await expect(noteFrame(page)!.locator('textarea.note-text').inputValue()).resolves.toBe(
      'half a thought',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => frameShows(page, '.note-confirm')).toBe(true);
    await frameButton(page, 'Discard').click();
    await expect.poll(() => editorOpen(page)).toBe(false);
    expect((await storedNotes(browser)).length).toBe(before);
    await expect.poll(() => draftBoxes(page)).toBe(0);
  });

  it('"Add note" in a term’s tooltip makes a note on that term, linked to it', async () => {
    const p = await page.evaluate(() => {
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('policy-lens-term')) continue;
        for (const r of h) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          if (live.toString() !== '碳达峰碳中和') continue;
          const rect = live.getClientRects()[0]!;
          return { x: rect.left + 8, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    });
    await page.mouse.move(5, 5);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).toBeNull();
    await page.mouse.move(p!.x, p!.y);
    await expect
      .poll(async () => (await readTooltip(page))?.text ?? '', { timeout: 5000 })
      .toContain('碳达峰');
    await clickShadow(page, { cls: 'tip-add-note' });
    const frame = await waitNoteFrame(page, 'form.note-editor');
    expect(await frame.locator('.note-quote').textContent()).toBe('碳达峰碳中和');
    await focusText(page); // reused frame: see focusText
    await page.keyboard.type('Dual carbon goals: 2030 / 2060.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => editorOpen(page)).toBe(false);
    const n = (await storedNotes(browser)).find((x) => x.text.startsWith('Dual carbon'));
    expect(n?.selectors.quote.exact).toBe('碳达峰碳中和');
    expect(n?.termIds[0]).toMatch(/carbon/);
    await expect
      .poll(() => noteRanges(page, [AT, ['p5', '碳达峰碳中和']]))
      .toEqual([AT, ['p5', '碳达峰碳中和']]);
  });

  it('the context menu / shortcut path opens the editor on the selection', async () => {
    // Headless Chromium cannot open a context menu or press an extension shortcut; this sends
    // what their handlers send.
    await selectText(page, 'p6', '教育、科技、人才的良性循环');
    const worker = await currentWorker(browser.context);
    const answer = await worker.evaluate(async (u) => {
      const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      const [tab] = await api.tabs.query({ url: u });
      return api.tabs.sendMessage(tab!.id!, { type: 'note-from-selection' });
    }, page.url().split('#')[0]!);
    expect(answer).toEqual({ ok: true });
    const frame = await waitNoteFrame(page, '.note-quote');
    expect(await frame.locator('.note-quote').textContent()).toBe('教育、科技、人才的良性循环');
    await focusText(page); // reused frame: see focusText
    await page.keyboard.press('Escape');
    await expect.poll(() => editorOpen(page)).toBe(false);
    const manifest = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: WorkerChrome }).chrome.runtime.getManifest(),
    );
    expect(manifest.permissions).toEqual(
      expect.arrayContaining(['contextMenus', 'unlimitedStorage']),
    );
    expect(manifest.commands['add-note']).toBeDefined();
  });

  it('the editor takes the keyboard each time it opens', async () => {
    // First opening on a fresh page: focused (checked above). Each later opening (a new frame
    // each time) must give the text field the keyboard again.
    for (const quote of ['创新起主导作用', '具有高科技、高效能、高质量特征']) {
      await selectText(page, 'p3', quote);
      await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
      await clickShadow(page, { cls: 'note-add' });
      await waitNoteFrame(page, 'textarea.note-text');
      await expect.poll(() => textFocused(page), { timeout: 2000 }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => editorOpen(page)).toBe(false);
    }
  });

  it('the page report counts the page’s notes', async () => {
    const report = await pageReport(browser, page);
    expect((report as { notes?: unknown }).notes).toMatchObject({
      // The page's claim; the background and the popup decide what it counts for (same-site).
      canonical: 'http://www.people.cn/notes.html',
      total: 2,
      anchored: 2,
      orphaned: [],
    });
  });

  it('m. and www. variants meet through the canonical link', async () => {
    const other = await open('http://en.people.cn/notes.html?spm=a.b.c');
    await expect
      .poll(() => noteRanges(other, [AT, ['p5', '碳达峰碳中和']]))
      .toEqual([AT, ['p5', '碳达峰碳中和']]);
    expect((await pageReport(browser, other)).notes).toMatchObject({ total: 2, anchored: 2 });
    await other.close();
  });
});

describe('nothing lost', () => {
  it('the service worker stopped between two saves loses nothing, and the next note saves', async () => {
    const page = await open('notes.html');
    const before = (await storedNotes(browser)).length;
    await addNote(page, 'p1', '高质量发展是新时代的硬道理', 'before the worker stopped');
    await expect.poll(async () => (await storedNotes(browser)).length).toBe(before + 1);
    await stopServiceWorkers(page); // resolves once the worker is reported stopped
    await addNote(page, 'p4', '科技创新能够催生新产业', 'after the worker stopped');
    const texts = (await storedNotes(browser)).map((n) => n.text);
    expect(texts).toEqual(
      expect.arrayContaining(['before the worker stopped', 'after the worker stopped']),
    );
    const both: Spot[] = [
      ['p1', '高质量发展是新时代的硬道理'],
      ['p4', '科技创新能够催生新产业'],
    ];
    await expect.poll(async () => (await paintedNotes(page, both)).painted).toEqual(both);
    await page.close();
  });

  it('two tabs saving at the same time keep every note', async () => {
    const a = await open('notes.html');
    const b = await open('notes.html');
    const before = (await storedNotes(browser)).length;
    await a.bringToFront();
    await addNote(a, 'p3', '摆脱传统经济增长方式', 'from tab A', { save: false });
    await b.bringToFront();
    await addNote(b, 'p6', '完善人才培养', 'from tab B', { save: false });
    await Promise.all([frameButton(a, 'Save').click(), frameButton(b, 'Save').click()]);
    await expect.poll(async () => (await storedNotes(browser)).length).toBe(before + 2);
    const texts = (await storedNotes(browser)).map((n) => n.text);
    expect(texts).toEqual(expect.arrayContaining(['from tab A', 'from tab B']));
    // Each tab painted its own; the other appears on its next visit.
    await a.reload();
    const both: Spot[] = [
      ['p3', '摆脱传统经济增长方式'],
      ['p6', '完善人才培养'],
    ];
    await expect.poll(async () => (await paintedNotes(a, both)).painted).toEqual(both);
    await a.close();
    await b.close();
  });

  it('a 100,000-character note saves, comes back and shows', async () => {
    const page = await open('notes.html');
    const long = 'THE START. ' + '长'.repeat(99_981) + 'THE END.';
    const at: Spot = ['p5', '绿色发展是高质量发展的底色'];
    await addNote(page, 'p5', '绿色发展是高质量发展的底色', long);
    const stored = (await storedNotes(browser)).find((n) => n.text.endsWith('THE END.'));
    expect(stored?.text).toBe(long);
    expect(long.length).toBe(100_000);
    await page.reload();
    await settledHighlights(page, 300);
    await expect.poll(async () => (await paintedNotes(page, [at])).painted).toEqual([at]);
    await hoverNote(page, ...at);
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain('THE START. 长长长');
    expect((await cardText(page))!).toContain('长THE END.');
    await page.close();
  });

  it('a note whose passage is gone is kept and reported as not found on this page', async () => {
    const para = (s: string) =>
      `<!doctype html><meta charset="utf-8"><title>orphan</title><p id="a">${s}</p><p id="b">新质生产力本身就是绿色生产力。</p>`;
    server.pages.set('/orphan.html', para('必须加快发展方式绿色转型，助力碳达峰碳中和。'));
    const page = await open('orphan.html');
    const at: Spot = ['a', '必须加快发展方式绿色转型'];
    await addNote(page, 'a', '必须加快发展方式绿色转型', 'about the green transition');
    const id = (await storedNotes(browser)).find(
      (n) => n.text === 'about the green transition',
    )!.id;
    server.pages.set('/orphan.html', para('这一段已经改写，原来的句子不见了。'));
    await page.reload();
    // The popup lists orphans; the page reports them.
    await expect
      .poll(async () => (await pageReport(browser, page)).notes)
      .toMatchObject({ total: 1, anchored: 0, orphaned: [id] });
    expect(await noteRanges(page, [])).toEqual([]);
    expect((await storedNotes(browser)).some((n) => n.id === id)).toBe(true);
    // The passage comes back: the note is found again.
    server.pages.set('/orphan.html', para('必须加快发展方式绿色转型，助力碳达峰碳中和。'));
    await page.reload();
    await expect.poll(() => noteRanges(page, [at])).toEqual([at]);
    expect((await pageReport(browser, page)).notes).toMatchObject({
      total: 1,
      anchored: 1,
      orphaned: [],
    });
    await page.close();
  });

  it('a note on content that arrives late is painted when it arrives', async () => {
    const html = (late: boolean) =>
      `<!doctype html><meta charset="utf-8"><title>late</title><div id="feed"><p id="first">高质量发展是新时代的硬道理。</p></div>` +
      (late
        ? `<script>setTimeout(() => { const p = document.createElement('p'); p.id = 'late'; p.textContent = '以科技创新引领产业创新，积极培育和发展新质生产力。'; document.getElementById('feed').append(p); }, 1500);</script>`
        : `<p id="late">以科技创新引领产业创新，积极培育和发展新质生产力。</p>`);
    server.pages.set('/late.html', html(false));
    const page = await open('late.html');
    const at: Spot = ['late', '以科技创新引领产业创新'];
    await addNote(page, 'late', '以科技创新引领产业创新', 'arrives late');
    server.pages.set('/late.html', html(true));
    await page.reload();
    await page.waitForTimeout(500);
    expect(await noteRanges(page, [])).toEqual([]);
    await expect.poll(() => noteRanges(page, [at]), { timeout: 5000 }).toEqual([at]);
    // Not an orphan any more.
    expect((await pageReport(browser, page)).notes).toMatchObject({ anchored: 1, orphaned: [] });
    await page.close();
  });
});

describe('nothing leaked', () => {
  it('script and HTML in a note are shown as text, never run', async () => {
    const page = await open('notes.html');
    const payload =
      '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>&lt;b&gt; "quoted"';
    await addNote(page, 'p3', '符合新发展理念的先进生产力质态', payload);
    await page.reload();
    await settledHighlights(page, 300);
    await hoverNote(page, 'p3', '符合新发展理念的先进生产力质态');
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain(payload);
    const frame = noteFrame(page)!;
    expect(await frame.locator('.note-body').textContent()).toBe(payload);
    // Inside the frame: no element made from the text, nothing ran there or in the page.
    expect(await frame.locator('.note-panel img, .note-panel script').count()).toBe(0);
    expect(await frame.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('page scripts cannot read notes: typed text, painted passages and stored notes stay out of the page', async () => {
    const page = await open('notes.html');
    const noteText = 'A private thought 私人笔记 xyzzy';
    await installTypingSpy(page);
    // The spy works: typing in the page itself is seen.
    await page.click('#pageScript');
    await page.keyboard.type('q');
    expect(await typingSpySaw(page)).toContain('keydown:q:');
    // The page hears the keys the reader selects with; from then on, nothing.
    const clearSpy = () =>
      page.evaluate(() => void ((window as unknown as { __plSpy: string[] }).__plSpy.length = 0));
    await addNote(page, 'p6', '畅通教育、科技、人才的良性循环', noteText, {
      afterSelect: clearSpy,
    });
    expect(await typingSpySaw(page)).toEqual([]);
    const stored = (await storedNotes(browser)).find((n) => n.text === noteText);
    expect(stored).toBeDefined();
    await expect
      .poll(() => noteRanges(page, [['p6', '畅通教育、科技、人才的良性循环']]))
      .toContainEqual(['p6', '畅通教育、科技、人才的良性循环']);
    // The card shows it, in the frame, still out of the page's reach.
    await hoverNote(page, 'p6', '畅通教育、科技、人才的良性循环');
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain(noteText);
    expect(await typingSpySaw(page)).toEqual([]);
    const seen = await page.evaluate(
      async (t) => ({
        found: (window as unknown as { find(s: string): boolean }).find(t),
        foundEdited: (window as unknown as { find(s: string): boolean }).find('(edited)'),
        highlights: [...CSS.highlights.keys()],
        databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
        local: Object.keys(localStorage),
        session: Object.keys(sessionStorage),
        inDom: document.documentElement.outerHTML.includes(t),
        inText: document.body.innerText.includes(t),
        shadowRoot: document.querySelector('policy-lens-ui')?.shadowRoot ?? null,
        hosts: document.querySelectorAll('policy-lens-ui').length,
        cookie: document.cookie,
      }),
      noteText,
    );
    expect(seen.found).toBe(false);
    expect(seen.foundEdited).toBe(false);
    expect(seen.highlights.every((n) => n.startsWith('policy-lens-term'))).toBe(true);
    expect(seen.databases.filter((n) => /policy|lens|dexie|note/i.test(n))).toEqual([]);
    expect(seen.local).toEqual([]);
    expect(seen.session).toEqual([]);
    expect(seen.inDom).toBe(false);
    expect(seen.inText).toBe(false);
    expect(seen.shadowRoot).toBeNull(); // closed
    expect(seen.hosts).toBe(1);
    expect(seen.cookie).toBe('');
    // Not even in the closed shadow root (CDP pierces it; the frame's document is not the page's).
    const strings = await pageDomStrings(page);
    expect(strings.some((s) => s.includes('私人笔记') || s.includes('xyzzy'))).toBe(false);
    expect(strings.some((s) => s.includes('(edited)'))).toBe(false);
    // The page's own script ran as usual.
    expect(await page.textContent('#ran')).toBe('1');
    await page.close();
  });
});

describe('health', () => {
  it('logged no errors in pages or the service worker', () => {
    expect(errors).toEqual([]);
  });
});

interface WorkerChrome {
  tabs: {
    query(q: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, msg: unknown): Promise<unknown>;
  };
  runtime: {
    getManifest(): { permissions: string[]; commands: Record<string, unknown> };
  };
}
