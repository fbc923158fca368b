import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockHashes, keyString, windowHashes } from '../../lib/shared/notes/passage-keys';
import { launchChromium, pageReport, type Chromium } from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import { asContentScript } from '../harness/content-world';
import { noteCreateRequest } from '../harness/note-create';
import { hoverQuote, paintedNotes, waitNoteFrame } from '../harness/note-frame';
import { clickShadow, findShadow, selectText, storedNotes } from '../harness/shadow';

// A note follows its passage: made on people.cn, shown on reprints of the speech on news.cn —
// other markup, half-width punctuation and hard line breaks, traditional characters — and not
// on a page without the passage. Read as the reader (report, overlay, card, popup), as the page
// (what its main world can observe) and as a compromised content script.

let server: FixtureServer;
let browser: Chromium;
const SHOTS = `${process.env.POLICY_LENS_OUT ?? '.output'}/screenshots`;
const ORIGIN = 'http://www.people.cn/reprint-origin.html';
/** Verbatim sentences of the speech (tests/fixtures/reprint-*.html). */
const A = '科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素。';
const B = '绿色发展是高质量发展的底色，新质生产力本身就是绿色生产力。';
/** 14 ideographs: under the minimum, does not travel. */
const SHORT = '新质生产力本身就是绿色生产力';
/** On the markup reprint only in its sidebar (boilerplate). */
const C = '生产关系必须与生产力发展要求相适应。';
const ids = { a: '', b: '', short: '', c: '' };

/** The page's own watch, installed before anything: DOM changes, events, resources. */
const WATCH = `(() => {
  const log = (window.__watch = { mutations: [], events: [] });
  // From the end of parsing on (before it, the parser's own insertions differ page by page).
  // Our host element is on every page we scan, notes or not; its arrival may race the parse.
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((rs) => {
      for (const r of rs) {
        const added = [...r.addedNodes].map((n) => n.nodeName).join(',');
        if (added === 'POLICY-LENS-UI') continue;
        log.mutations.push(r.type + ':' + (r.attributeName ?? '') + ':' + added);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const types = ['message', 'focus', 'blur', 'focusin', 'visibilitychange', 'selectionchange',
    'pointerover', 'mouseover', 'scroll', 'resize', 'transitionstart', 'animationstart',
    'securitypolicyviolation', 'error', 'hashchange', 'storage', 'keydown', 'input'];
  for (const target of [window, document]) {
    for (const t of types) target.addEventListener(t, () => log.events.push(t), true);
  }
})();`;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(url);
  await expect.poll(async () => (await pageReport(browser, page)).notes !== undefined).toBe(true);
  return page;
}

/** What the page's main world can see of us. */
const look = (p: Page) =>
  p.evaluate(() => {
    const w = (window as unknown as { __watch: { mutations: string[]; events: string[] } }).__watch;
    return {
      hosts: document.querySelectorAll('policy-lens-ui').length,
      children: [...document.querySelectorAll('policy-lens-ui')].map((h) => h.childNodes.length),
      attributes: [...document.querySelectorAll('policy-lens-ui')].map((h) =>
        h.getAttributeNames(),
      ),
      shadow: [...document.querySelectorAll('policy-lens-ui')].map((h) => h.shadowRoot),
      registry: [...CSS.highlights.keys()].sort(),
      extensionResources: performance
        .getEntriesByType('resource')
        .filter((e) => /extension:/.test(e.name))
        .map((e) => e.name),
      handover: Object.getOwnPropertySymbols(window).map(String),
      mutations: w.mutations,
      events: [...new Set(w.events)].sort(),
    };
  });

/** Ranges in the page-visible registry whose text contains part of `passage`'s start. */
const registryCovers = (p: Page, passage: string) =>
  p.evaluate((q) => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights) {
      for (const r of h) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const s = live.toString();
        if (s.length > 5 && q.includes(s)) out.push(`${name}:${s}`);
      }
    }
    return out;
  }, passage);

/** A note saved through the background, as our pages save one; filed under people.cn. */
async function seed(note: {
  exact: string;
  text: string;
  url?: string;
  title?: string;
}): Promise<string> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const r = (await popup.evaluate(
    (req) =>
      // An extension page's world, where `chrome` is the extension API.
      (globalThis as unknown as { chrome: RuntimeLike }).chrome.runtime.sendMessage(req),
    noteCreateRequest({
      url: ORIGIN,
      title: '习近平在中共中央政治局第十一次集体学习时强调',
      ...note,
    }),
  )) as { ok: boolean; note?: { id: string } };
  await popup.close();
  expect(r.ok).toBe(true);
  return r.note!.id;
}

const elsewhere = async (p: Page) =>
  [...((await pageReport(browser, p)).notes?.elsewhere ?? [])].sort();

describe('a note follows its passage to reprints (Chromium)', () => {
  it('is made on people.cn: one by selecting, three seeded', async () => {
    const page = await open(ORIGIN);
    await selectText(page, 'o1', A);
    await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
    await clickShadow(page, { cls: 'note-add' });
    const frame = await waitNoteFrame(page, 'textarea.note-text');
    await frame.locator('textarea.note-text').fill('核心要素: note made on people.cn');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await pageReport(browser, page)).notes?.anchored).toBe(1);
    ids.a = (await storedNotes(browser))[0]!.id;
    ids.b = await seed({ exact: B, text: 'green' });
    ids.short = await seed({ exact: SHORT, text: 'short' });
    ids.c = await seed({ exact: C, text: 'sidebar' });
    await page.reload();
    await expect.poll(async () => (await pageReport(browser, page)).notes?.anchored).toBe(4);
    // Its own page lists them as its own, none as from elsewhere.
    expect(await elsewhere(page)).toEqual([]);
    await page.close();
  });

  it('shows on a reprint with other markup on another site, from there, and edits the one note', async () => {
    const page = await open('http://www.news.cn/reprint-markup.html');
    await expect.poll(() => elsewhere(page)).toEqual([ids.a, ids.b].sort());
    // The short passage is on this page too but does not travel; the sidebar's is boilerplate.
    const report = (await pageReport(browser, page)).notes!;
    expect(report).toMatchObject({ anchored: 2, total: 2, orphaned: [] });
    const { painted, stray } = await paintedNotes(page, [
      ['ra', A],
      ['rb1', B.slice(0, B.indexOf('，') + 1)],
    ]);
    expect(painted.map(([id]) => id)).toEqual(['ra', 'rb1']);
    expect(stray).toBeGreaterThan(0); // the second paragraph of B
    // Hover: the card, in the frame, says where the note was made, with a link there.
    await hoverQuote(page, 'ra', '科技');
    const frame = await waitNoteFrame(page, '.note-card');
    const link = frame.locator('.note-from a');
    expect(await link.textContent()).toBe('From people.cn');
    expect(await link.getAttribute('href')).toBe(ORIGIN);
    await page.screenshot({ path: `${SHOTS}/reprint-markup-card.png` });
    await frame.getByRole('button', { name: 'Edit' }).click();
    await frame.locator('textarea.note-text').fill('edited on the news.cn reprint');
    await frame.locator('textarea.note-text').press('Control+Enter');
    await expect
      .poll(async () => (await storedNotes(browser)).find((n) => n.id === ids.a)?.text)
      .toBe('edited on the news.cn reprint');
    const notes = await storedNotes(browser);
    expect(notes).toHaveLength(4);
    expect(notes.find((n) => n.id === ids.a)).toMatchObject({ url: ORIGIN, rev: 2 });
    // Still shown here as a note from elsewhere.
    expect(await elsewhere(page)).toEqual([ids.a, ids.b].sort());
    await page.close();
  });

  it('the popup’s This page lists notes from elsewhere apart from the page’s own', async () => {
    const page = await open('http://www.news.cn/reprint-markup.html');
    await expect.poll(() => elsewhere(page)).toEqual([ids.a, ids.b].sort());
    const tabId = await tabIdOf('http://www.news.cn/reprint-markup.html');
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 700 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    const section = popup.locator('section[aria-labelledby="elsewhere-notes-heading"]');
    await section.waitFor();
    expect(await section.locator('h2').textContent()).toContain('2');
    const texts = await section.locator('.note-text').allTextContents();
    expect(texts.sort()).toEqual(['edited on the news.cn reprint', 'green']);
    expect(await section.textContent()).toContain('people.cn');
    // The page's own notes: none.
    const own = popup.locator('section[aria-labelledby="page-notes-heading"]');
    expect(await own.locator('.note-text').count()).toBe(0);
    await popup.screenshot({ path: `${SHOTS}/reprint-popup.png` });
    await popup.close();
    await page.close();
  });

  it('shows on a repost with half-width punctuation and hard line breaks', async () => {
    const page = await open('http://www.news.cn/reprint-halfwidth.html');
    await expect.poll(() => elsewhere(page)).toEqual([ids.a]);
    expect((await pageReport(browser, page)).notes).toMatchObject({ anchored: 1, total: 1 });
    await page.close();
  });

  it('shows on a traditional-character reprint', async () => {
    const page = await open('http://www.news.cn/reprint-traditional.html');
    await expect.poll(() => elsewhere(page)).toEqual([ids.a, ids.b].sort());
    const { painted } = await paintedNotes(page, [
      ['ta', '科技創新能夠催生新產業、新模式、新動能，是發展新質生產力的核心要素。'],
      ['tb', '綠色發展是高質量發展的底色，新質生產力本身就是綠色生產力。'],
    ]);
    expect(painted.map(([id]) => id)).toEqual(['ta', 'tb']);
    await page.screenshot({ path: `${SHOTS}/reprint-traditional.png` });
    await page.close();
  });

  it('does not show on a page without the passage', async () => {
    const page = await open('http://www.news.cn/reprint-none.html');
    // Give a wrong answer every chance to arrive.
    await page.waitForTimeout(500);
    expect((await pageReport(browser, page)).notes).toMatchObject({ total: 0, anchored: 0 });
    expect(await elsewhere(page)).toEqual([]);
    await page.close();
  });

  it('the page’s main world observes the same with notes from elsewhere as without', async () => {
    const none = await open('http://www.news.cn/reprint-none.html');
    await none.waitForTimeout(500);
    const base = await look(none);
    expect(base.hosts).toBe(1);
    expect(base.registry.every((n) => n.includes('term'))).toBe(true);
    for (const [url, passage, shown] of [
      ['http://www.news.cn/reprint-markup.html', A, 2],
      ['http://www.news.cn/reprint-halfwidth.html', A, 1],
      ['http://www.news.cn/reprint-traditional.html', B, 2],
    ] as const) {
      const page = await open(url);
      await expect.poll(async () => (await elsewhere(page)).length).toBe(shown);
      const seen = await look(page);
      expect(seen, url).toEqual(base);
      // No range in the shared registry is (part of) a note's passage beyond term phrases.
      const covered = await registryCovers(page, passage);
      expect(
        covered.every((c) => c.startsWith('policy-lens-term')),
        url,
      ).toBe(true);
      // window.find finds no note text.
      expect(await page.evaluate(() => (window as unknown as Finder).find('edited on'))).toBe(
        false,
      );
      await page.close();
    }
    await none.close();
  });

  it('a compromised content script gets nothing for a passage its page lacks, and opens only what it was shown', async () => {
    const windowsOf = (s: string) => [...windowHashes(keyString(s))];
    // Forged: a passage one character off, and 50,000 made-up fingerprints.
    const forged = [
      ...windowsOf(A.replace('核心', '重要')),
      ...Array.from({ length: 50_000 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0),
    ];
    const none = await open('http://www.news.cn/reprint-none.html');
    const markup = await open('http://www.news.cn/reprint-markup.html');
    await expect.poll(() => elsewhere(markup)).toEqual([ids.a, ids.b].sort());
    const onNone = await asContentScript(browser, 'http://www.news.cn/reprint-none.html', [
      { type: 'note-frame-open', canonical: null, open: { kind: 'edit', id: ids.a } },
      { type: 'note-frame-open', canonical: ORIGIN, open: { kind: 'card', id: ids.a } },
      { type: 'notes-by-passage', canonical: null, windows: forged },
      { type: 'note-frame-open', canonical: null, open: { kind: 'edit', id: ids.a } },
      // Fingerprints of a passage under the minimum, which the page could compute.
      { type: 'notes-by-passage', canonical: null, windows: windowsOf(SHORT) },
      // The first step with made-up blocks: no hit, and nothing it may open.
      { type: 'passage-blocks', canonical: null, blocks: forged.map((h) => (h ^ 1) >>> 0) },
      { type: 'passage-blocks', canonical: null, blocks: blockHashes(keyString(SHORT)) },
      // Every window of the passage but in the wrong order: not the passage.
      { type: 'passage-blocks', canonical: null, blocks: windowsOf(A).reverse() },
      { type: 'note-frame-open', canonical: null, open: { kind: 'card', id: ids.a } },
    ]);
    expect(onNone[0]).toMatchObject({ ok: false, code: 'forbidden' });
    expect(onNone[1]).toMatchObject({ ok: false, code: 'forbidden' });
    expect(onNone[2]).toEqual({ ok: true, passages: [] });
    expect(onNone[3]).toMatchObject({ ok: false, code: 'forbidden' });
    expect(onNone[4]).toEqual({ ok: true, passages: [] });
    expect(onNone[5]).toEqual({ ok: true, candidates: { hits: [], reach: 0 } });
    expect(onNone[6]).toEqual({ ok: true, candidates: { hits: [], reach: 0 } });
    expect(onNone[7]).toEqual({ ok: true, candidates: { hits: [], reach: 0 } });
    expect(onNone[8]).toMatchObject({ ok: false, code: 'forbidden' });
    // The reprint was shown A and B: it may open those, not the sidebar's note nor the short one.
    const onMarkup = await asContentScript(browser, 'http://www.news.cn/reprint-markup.html', [
      { type: 'note-frame-open', canonical: null, open: { kind: 'card', id: ids.a } },
      { type: 'note-frame-open', canonical: null, open: { kind: 'edit', id: ids.c } },
      { type: 'note-frame-open', canonical: null, open: { kind: 'edit', id: ids.short } },
      { type: 'notes-for-page', canonical: ORIGIN },
    ]);
    expect(onMarkup[0]).toMatchObject({ ok: true });
    expect(onMarkup[1]).toMatchObject({ ok: false, code: 'forbidden' });
    expect(onMarkup[2]).toMatchObject({ ok: false, code: 'forbidden' });
    // A cross-site canonical grants nothing: notes travel, this page's own are none.
    expect(onMarkup[3]).toMatchObject({ ok: true, anchors: [], travel: true });
    // No answer carries note text.
    expect(JSON.stringify([onNone, onMarkup])).not.toMatch(/green|sidebar|edited on/);
    expect((await storedNotes(browser)).map((n) => n.text).sort()).toEqual([
      'edited on the news.cn reprint',
      'green',
      'short',
      'sidebar',
    ]);
    await none.close();
    await markup.close();
  });

  it('a note whose own page changed stays there as not found, and is shown where its passage is', async () => {
    // Filed under a page that no longer has its passage (people.cn serves other text there now).
    const gone = 'http://www.people.cn/reprint-none.html';
    const exact = '必须加强科技创新特别是原创性、颠覆性科技创新，加快实现高水平科技自立自强。';
    const id = await seed({ exact, url: gone, title: 'changed', text: 'its page changed' });
    const home = await open(gone);
    await expect
      .poll(async () => (await pageReport(browser, home)).notes)
      .toMatchObject({ total: 1, anchored: 0, orphaned: [id] });
    const reprint = await open('http://www.news.cn/reprint-halfwidth.html');
    await expect.poll(() => elsewhere(reprint)).toEqual([ids.a, id].sort());
    expect((await storedNotes(browser)).find((n) => n.id === id)).toMatchObject({ url: gone });
    await home.close();
    await reprint.close();
  });
});

async function tabIdOf(url: string): Promise<number> {
  return browser.worker.evaluate(async (u) => {
    const api = (globalThis as unknown as { chrome: ChromeLike }).chrome;
    const [tab] = await api.tabs.query({ url: u });
    return tab!.id!;
  }, url);
}

interface Finder {
  find(s: string): boolean;
}
interface RuntimeLike {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
}
interface ChromeLike {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
}
