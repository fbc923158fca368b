import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pageReport,
  readHighlights,
  readTooltip,
  settledHighlights,
  type Chromium,
} from '../../scripts/harness/chromium';
import { startFixtureServer, type FixtureServer } from '../../scripts/harness/fixture-server';
import {
  boxOf,
  clickShadow,
  currentWorker,
  findShadow,
  queryShadow,
  selectText,
  stopServiceWorkers,
  storedNotes,
  typeShadow,
  valueOfShadow,
} from '../../scripts/harness/shadow';

let server: FixtureServer;
let browser: Chromium;
const errors: string[] = [];
const SHOTS = '.output/screenshots';
const NOTE = 'policy-lens-note';

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

const noteRanges = async (page: Page) =>
  (await readHighlights(page)).filter((r) => r.name === NOTE).map((r) => [r.where, r.text]);

/** Selects `quote` in #`id`, presses "Add note", types `text` (and tags), saves with Ctrl+Enter. */
async function addNote(
  page: Page,
  id: string,
  quote: string,
  text: string,
  opts: { tags?: string; nth?: number; save?: boolean } = {},
): Promise<void> {
  await selectText(page, id, quote, opts.nth);
  await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
  await clickShadow(page, { cls: 'note-add' });
  await expect.poll(() => findShadow(page, { cls: 'note-editor' })).not.toBeNull();
  if (text) await typeShadow(page, { cls: 'note-text' }, text);
  if (opts.tags) await typeShadow(page, { cls: 'note-tags' }, opts.tags);
  if (opts.save === false) return;
  await typeShadow(page, { cls: 'note-text' }, ''); // focus back in the text field
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();
}

/** Moves the pointer onto the painted note whose text is `quote`. */
async function hoverNote(page: Page, quote: string): Promise<void> {
  const p = await page.evaluate(
    ([name, q]) => {
      for (const r of CSS.highlights.get(name as string) ?? []) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        if (live.toString().replace(/\s+/g, '') !== (q as string).replace(/\s+/g, '')) continue;
        (r.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
        const rect = live.getClientRects()[0]!;
        return { x: rect.left + Math.min(12, rect.width / 2), y: rect.top + rect.height / 2 };
      }
      return null;
    },
    [NOTE, quote] as const,
  );
  if (!p) throw new Error(`no note painted on "${quote}"`);
  await page.mouse.move(5, 5);
  await page.mouse.move(p.x, p.y, { steps: 2 });
}

const cardText = async (page: Page) => (await findShadow(page, { cls: 'note-card' }))?.text ?? null;

describe('notes on a page (Chromium)', () => {
  let page: Page;
  const QUOTE = '必须继续做好创新这篇大文章';

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
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).not.toBeNull();
    expect((await findShadow(page, { cls: 'note-quote' }))!.text).toBe(QUOTE);
    // The passage being annotated is marked while the editor is open.
    expect((await readHighlights(page)).filter((r) => r.name === `${NOTE}-draft`)).toHaveLength(1);
    await typeShadow(page, { cls: 'note-text' }, '创新是引领发展的第一动力。\nSecond line.');
    await typeShadow(page, { cls: 'note-tags' }, '创新, economy');
    await page.screenshot({ path: `${SHOTS}/notes-2-editor.png` });
    await typeShadow(page, { cls: 'note-text' }, '');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();
    expect(await noteRanges(page)).toEqual([['p2', QUOTE]]);

    const [stored] = await storedNotes(browser);
    expect(stored).toMatchObject({
      url: 'http://www.people.cn/notes.html', // no tracking parameters, no fragment
      site: 'people.cn',
      text: '创新是引领发展的第一动力。\nSecond line.',
      tags: ['创新', 'economy'],
      selectors: { version: 1, quote: { exact: QUOTE } },
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
    await expect.poll(() => noteRanges(page)).toEqual([['p2', QUOTE]]);
    await hoverNote(page, QUOTE);
    await expect
      .poll(() => cardText(page), { timeout: 5000 })
      .toContain('创新是引领发展的第一动力。');
    const card = (await findShadow(page, { cls: 'note-card' }))!;
    expect(card.text).toContain('Second line.');
    expect(card.text).toContain('economy');
    expect(await findShadow(page, { tag: 'button', text: 'Edit' })).not.toBeNull();
    expect(await findShadow(page, { tag: 'button', text: 'Delete' })).not.toBeNull();
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
    await clickShadow(page, { tag: 'button', text: 'Edit' });
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).not.toBeNull();
    expect(await valueOfShadow(page, { cls: 'note-text' })).toBe(
      '创新是引领发展的第一动力。\nSecond line.',
    );
    await typeShadow(page, { cls: 'note-text' }, ' (edited)');
    await clickShadow(page, { tag: 'button', text: 'Save' });
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();
    const [stored] = await storedNotes(browser);
    expect(stored!.text).toBe('创新是引领发展的第一动力。\nSecond line. (edited)');
    expect(stored!.updatedAt).toBeGreaterThanOrEqual(stored!.createdAt);
    await page.mouse.move(5, 5);
    await hoverNote(page, QUOTE);
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain('(edited)');
  });

  it('Delete removes the note from page and database; Undo brings it back', async () => {
    const id = (await storedNotes(browser))[0]!.id;
    await clickShadow(page, { tag: 'button', text: 'Delete' });
    await expect.poll(() => noteRanges(page)).toEqual([]);
    expect(await storedNotes(browser)).toEqual([]);
    expect((await storedNotes(browser, 'trash')).map((n) => n.id)).toEqual([id]);
    const toast = (await findShadow(page, { cls: 'note-toast' }))!;
    expect(toast.text).toContain('Note deleted.');
    await clickShadow(page, { tag: 'button', text: 'Undo' });
    await expect.poll(() => noteRanges(page)).toEqual([['p2', QUOTE]]);
    const back = await storedNotes(browser);
    expect(back.map((n) => [n.id, n.text])).toEqual([
      [id, '创新是引领发展的第一动力。\nSecond line. (edited)'],
    ]);
    expect(await storedNotes(browser, 'trash')).toEqual([]);
    // And it is there on the next visit.
    await page.reload();
    await expect.poll(() => noteRanges(page)).toEqual([['p2', QUOTE]]);
  });

  it('Escape cancels an empty editor at once, and asks first when text was typed', async () => {
    const before = (await storedNotes(browser)).length;
    await addNote(page, 'p3', '先进生产力质态', '', { save: false });
    await page.keyboard.press('Escape');
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();

    await addNote(page, 'p3', '先进生产力质态', 'half a thought', { save: false });
    await page.keyboard.press('Escape');
    await expect.poll(() => findShadow(page, { cls: 'note-confirm' })).not.toBeNull();
    expect((await findShadow(page, { cls: 'note-confirm' }))!.text).toContain('Discard this note?');
    await clickShadow(page, { tag: 'button', text: 'Keep editing' });
    expect(await valueOfShadow(page, { cls: 'note-text' })).toBe('half a thought');
    await page.keyboard.press('Escape');
    await expect.poll(() => findShadow(page, { cls: 'note-confirm' })).not.toBeNull();
    await clickShadow(page, { tag: 'button', text: 'Discard' });
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();
    expect((await storedNotes(browser)).length).toBe(before);
    expect((await readHighlights(page)).filter((r) => r.name === `${NOTE}-draft`)).toEqual([]);
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
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).not.toBeNull();
    expect((await findShadow(page, { cls: 'note-quote' }))!.text).toBe('碳达峰碳中和');
    await typeShadow(page, { cls: 'note-text' }, 'Dual carbon goals: 2030 / 2060.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();
    const n = (await storedNotes(browser)).find((x) => x.text.startsWith('Dual carbon'));
    expect(n?.selectors.quote.exact).toBe('碳达峰碳中和');
    expect(n?.termIds[0]).toMatch(/carbon/);
    expect(await noteRanges(page)).toContainEqual(['p5', '碳达峰碳中和']);
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
    await expect.poll(() => findShadow(page, { cls: 'note-quote' })).not.toBeNull();
    expect((await findShadow(page, { cls: 'note-quote' }))!.text).toBe(
      '教育、科技、人才的良性循环',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => findShadow(page, { cls: 'note-editor' })).toBeNull();
    const manifest = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: WorkerChrome }).chrome.runtime.getManifest(),
    );
    expect(manifest.permissions).toEqual(
      expect.arrayContaining(['contextMenus', 'unlimitedStorage']),
    );
    expect(manifest.commands['add-note']).toBeDefined();
  });

  it('the page report counts the page’s notes', async () => {
    const report = await pageReport(browser, page);
    expect((report as { notes?: unknown }).notes).toMatchObject({
      url: 'http://www.people.cn/notes.html',
      total: 2,
      anchored: 2,
      orphaned: [],
    });
  });

  it('m. and www. variants meet through the canonical link', async () => {
    const other = await open('http://en.people.cn/notes.html?spm=a.b.c');
    await expect.poll(() => noteRanges(other)).toContainEqual(['p2', QUOTE]);
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
    expect(await noteRanges(page)).toEqual(
      expect.arrayContaining([
        ['p1', '高质量发展是新时代的硬道理'],
        ['p4', '科技创新能够催生新产业'],
      ]),
    );
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
    await Promise.all([
      clickShadow(a, { tag: 'button', text: 'Save' }),
      clickShadow(b, { tag: 'button', text: 'Save' }),
    ]);
    await expect.poll(async () => (await storedNotes(browser)).length).toBe(before + 2);
    const texts = (await storedNotes(browser)).map((n) => n.text);
    expect(texts).toEqual(expect.arrayContaining(['from tab A', 'from tab B']));
    // Each tab painted its own; the other appears on its next visit.
    await a.reload();
    await expect
      .poll(() => noteRanges(a))
      .toEqual(
        expect.arrayContaining([
          ['p3', '摆脱传统经济增长方式'],
          ['p6', '完善人才培养'],
        ]),
      );
    await a.close();
    await b.close();
  });

  it('a 100,000-character note saves, comes back and shows', async () => {
    const page = await open('notes.html');
    // CDP shortens long text nodes, so the card is checked by its start, the database in full.
    const long = 'THE START. ' + '长'.repeat(99_981) + 'THE END.';
    await addNote(page, 'p5', '绿色发展是高质量发展的底色', long);
    const stored = (await storedNotes(browser)).find((n) => n.text.endsWith('THE END.'));
    expect(stored?.text).toBe(long);
    expect(long.length).toBe(100_000);
    await page.reload();
    await settledHighlights(page, 300);
    await expect.poll(() => noteRanges(page)).toContainEqual(['p5', '绿色发展是高质量发展的底色']);
    await hoverNote(page, '绿色发展是高质量发展的底色');
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain('THE START. 长长长');
    await page.close();
  });

  it('a note whose passage is gone is kept and reported as not found on this page', async () => {
    const para = (s: string) =>
      `<!doctype html><meta charset="utf-8"><title>orphan</title><p id="a">${s}</p><p id="b">新质生产力本身就是绿色生产力。</p>`;
    server.pages.set('/orphan.html', para('必须加快发展方式绿色转型，助力碳达峰碳中和。'));
    const page = await open('orphan.html');
    await addNote(page, 'a', '必须加快发展方式绿色转型', 'about the green transition');
    const id = (await storedNotes(browser)).find(
      (n) => n.text === 'about the green transition',
    )!.id;
    server.pages.set('/orphan.html', para('这一段已经改写，原来的句子不见了。'));
    await page.reload();
    await expect.poll(() => findShadow(page, { cls: 'orphans-toggle' })).not.toBeNull();
    expect(await noteRanges(page)).toEqual([]);
    expect((await findShadow(page, { cls: 'orphans-toggle' }))!.text).toBe(
      '1 note(s) not found on this page',
    );
    await clickShadow(page, { cls: 'orphans-toggle' });
    const list = (await findShadow(page, { cls: 'orphans-list' }))!;
    expect(list.text).toContain('必须加快发展方式绿色转型');
    expect(list.text).toContain('about the green transition');
    expect(list.text).toContain('not found on this page');
    const report = (await pageReport(browser, page)) as { notes?: { orphaned: string[] } };
    expect(report.notes?.orphaned).toEqual([id]);
    expect((await storedNotes(browser)).some((n) => n.id === id)).toBe(true);
    // The passage comes back: the note is found again.
    server.pages.set('/orphan.html', para('必须加快发展方式绿色转型，助力碳达峰碳中和。'));
    await page.reload();
    await expect.poll(() => noteRanges(page)).toEqual([['a', '必须加快发展方式绿色转型']]);
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
    await addNote(page, 'late', '以科技创新引领产业创新', 'arrives late');
    server.pages.set('/late.html', html(true));
    await page.reload();
    await page.waitForTimeout(500);
    expect(await noteRanges(page)).toEqual([]);
    await expect
      .poll(() => noteRanges(page), { timeout: 5000 })
      .toEqual([['late', '以科技创新引领产业创新']]);
    // Not an orphan any more.
    expect(await findShadow(page, { cls: 'orphans-toggle' })).toBeNull();
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
    await hoverNote(page, '符合新发展理念的先进生产力质态');
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain(payload);
    expect(await queryShadow(page, { tag: 'img', visible: false })).toEqual([]);
    expect(await queryShadow(page, { tag: 'script', visible: false })).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('page scripts cannot read notes: no Policy Lens storage in the page, text only in the closed shadow root', async () => {
    const page = await open('notes.html');
    await expect.poll(async () => (await noteRanges(page)).length).toBeGreaterThan(2);
    await hoverNote(page, '必须继续做好创新这篇大文章');
    await expect.poll(() => cardText(page), { timeout: 5000 }).toContain('(edited)');
    const seen = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      inDom: document.documentElement.outerHTML.includes('(edited)'),
      inText: document.body.innerText.includes('(edited)'),
      shadowRoot: document.querySelector('policy-lens-ui')?.shadowRoot ?? null,
      hosts: document.querySelectorAll('policy-lens-ui').length,
      cookie: document.cookie,
    }));
    expect(seen.databases.filter((n) => /policy|lens|dexie|note/i.test(n))).toEqual([]);
    expect(seen.local).toEqual([]);
    expect(seen.session).toEqual([]);
    expect(seen.inDom).toBe(false);
    expect(seen.inText).toBe(false);
    expect(seen.shadowRoot).toBeNull(); // closed
    expect(seen.hosts).toBe(1);
    expect(seen.cookie).toBe('');
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
