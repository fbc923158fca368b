import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pageReport,
  pointOfHighlight,
  readTooltip,
  type Chromium,
} from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import { asContentScript } from '../harness/content-world';
import { hoverQuote, waitNoteFrame } from '../harness/note-frame';
import {
  clickShadow,
  extendAndTakeBack,
  findShadow,
  selectText,
  storedNotes,
  withoutSelectionKeys,
} from '../harness/shadow';

// What a hostile page can learn of the reader's notes, tried as the page would: listeners on
// every key and input event, window.find, the shared highlight registry, canonical links to
// other sites with made-up visibilitychange events — and a compromised content script.

let server: FixtureServer;
let browser: Chromium;
const QUOTE = '必须继续做好创新这篇大文章';
const SHOTS = '.output/screenshots';

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's own spy: capture listeners on window and document, installed before anything. */
const SPY = `(() => {
  const seen = (window.__seen = []);
  const types = ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'textInput',
    'compositionstart', 'compositionupdate', 'compositionend', 'paste'];
  for (const target of [window, document]) {
    for (const t of types) {
      target.addEventListener(t, (e) => seen.push(t + ':' + (e.key ?? e.data ?? '')), true);
    }
  }
})();`;

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(SPY);
  await page.goto(url);
  await expect.poll(async () => (await pageReport(browser, page)).notes !== undefined).toBe(true);
  return page;
}

async function startNote(page: Page): Promise<Frame> {
  await selectText(page, 'p2', QUOTE);
  await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
  await clickShadow(page, { cls: 'note-add' });
  return waitNoteFrame(page, 'textarea.note-text');
}

const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
const find = (page: Page, s: string) =>
  page.evaluate((t) => (window as unknown as { find(s: string): boolean }).find(t), s);

describe('a page learns nothing of notes (Chromium)', () => {
  let noteId = '';

  it('typing a note (ASCII and an IME commit) reaches none of the page’s listeners, and window.find finds none of it', async () => {
    const page = await open('http://www.people.cn/notes.html');
    await page.evaluate(() => ((window as unknown as { __seen: string[] }).__seen.length = 0));
    const frame = await startNote(page);
    // The page heard the keys the reader selected with, and nothing else while the editor came.
    expect(withoutSelectionKeys(await seen(page))).toEqual([]);
    // From here on: what the reader types in the editor.
    await page.evaluate(() => ((window as unknown as { __seen: string[] }).__seen.length = 0));
    await page.keyboard.type('private ASCII words');
    // An IME: composition, then the committed text, as a Chinese input method sends them.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'mimi', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.insertText', { text: '秘密笔记' });
    await cdp.detach();
    await expect.poll(() => frame.locator('textarea.note-text').inputValue()).toContain('秘密笔记');
    expect(await frame.locator('textarea.note-text').inputValue()).toContain('private ASCII words');
    expect(await seen(page)).toEqual([]);
    expect(await find(page, 'private ASCII')).toBe(false);
    expect(await find(page, '秘密笔记')).toBe(false);
    await page.screenshot({ path: `${SHOTS}/privacy-editor.png` });
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await pageReport(browser, page)).notes?.anchored).toBe(1);
    const [note] = await storedNotes(browser);
    expect(note!.text).toBe('private ASCII words秘密笔记');
    noteId = note!.id;
    expect(await seen(page)).toEqual([]);
    await page.close();
  });

  it('a page with notes and one without look the same: one host, no note range in the shared registry', async () => {
    const withNotes = await open('http://www.people.cn/notes.html');
    await expect.poll(async () => (await pageReport(browser, withNotes)).notes?.anchored).toBe(1);
    const without = await open('http://www.people.cn/sample-article.html');
    expect((await pageReport(browser, without)).notes?.total).toBe(0);
    const look = (p: Page) =>
      p.evaluate(() => ({
        hosts: document.querySelectorAll('policy-lens-ui').length,
        children: [...document.querySelectorAll('policy-lens-ui')].map((h) => h.childNodes.length),
        shadow: [...document.querySelectorAll('policy-lens-ui')].map((h) => h.shadowRoot),
        // Our stylesheets style the host from inside (:host): none may come with notes alone.
        // Every computed property, against an element of the same tag and inline style that
        // the page makes beside it (what differs is ours).
        style: [...document.querySelectorAll('policy-lens-ui')].map((h) => {
          const twin = document.createElement('policy-lens-ui');
          twin.setAttribute('style', h.getAttribute('style') ?? '');
          h.after(twin);
          const ours = getComputedStyle(h);
          const theirs = getComputedStyle(twin);
          const differ = [...ours]
            .filter((p) => ours.getPropertyValue(p) !== theirs.getPropertyValue(p))
            .map((p) => `${p}: ${ours.getPropertyValue(p)}`);
          twin.remove();
          return differ;
        }),
        registry: [...CSS.highlights.keys()].sort(),
        // The note UI loads when notes are on the page: the page must not see it load.
        extensionResources: performance
          .getEntriesByType('resource')
          .filter((e) => /extension:/.test(e.name))
          .map((e) => e.name),
        handover: Object.getOwnPropertySymbols(window).map(String),
      }));
    // The host arrives where terms may show before they are painted, on every such page.
    await expect.poll(async () => (await look(without)).hosts).toBe(1);
    const a = await look(withNotes);
    expect(a).toEqual(await look(without));
    expect(a.hosts).toBe(1);
    expect(a.registry.every((n) => n.includes('term'))).toBe(true);
    // Nothing the page can read covers the annotated passage.
    const covered = await withNotes.evaluate((q) => {
      const out: string[] = [];
      for (const [, h] of CSS.highlights) {
        for (const r of h) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          if (live.toString() === q) out.push(live.toString());
        }
      }
      return out;
    }, QUOTE);
    expect(covered).toEqual([]);
    // The overlay does not take the pointer: the page's own element is under the note.
    const hit = await withNotes.evaluate(() => {
      const r = document.createRange();
      const p = document.getElementById('p2')!;
      r.selectNodeContents(p);
      const rect = r.getClientRects()[0]!;
      return document.elementFromPoint(rect.left + 5, rect.top + 5)?.id;
    });
    expect(hit).toBe('p2');
    await withNotes.screenshot({ path: `${SHOTS}/privacy-painted.png` });
    await withNotes.close();
    await without.close();
  });

  it('a page that defines <policy-lens-ui> itself gets no way into our shadow root (ElementInternals), before or after our host comes', async () => {
    // A shadow root attached to a page's custom element is available to its ElementInternals,
    // closed or not: the page's own definition of our tag, with attachInternals, read it.
    const DEFINE = `window.__internals = [];
      window.PlUi = class extends HTMLElement {
        constructor() { super(); if (window.__early) window.__internals.push(this.attachInternals()); }
      };
      if (window.__early) customElements.define('policy-lens-ui', window.PlUi);`;
    const insideOf = (p: Page) =>
      p.evaluate(() => {
        const w = window as unknown as { __internals: ElementInternals[] };
        return w.__internals.map((i) => (i.shadowRoot ? i.shadowRoot.innerHTML.length : null));
      });
    for (const early of [true, false]) {
      const page = await browser.context.newPage();
      await page.addInitScript(`window.__early = ${early}; ${DEFINE}`);
      await page.goto('http://www.people.cn/notes.html');
      await expect.poll(async () => (await pageReport(browser, page)).notes?.anchored).toBe(1);
      await expect
        .poll(() => page.evaluate(() => !!document.querySelector('policy-lens-ui')))
        .toBe(true);
      if (!early) {
        // Defined once our host is in: it is upgraded there, and asked for its internals.
        await page.evaluate(() => {
          const w = window as unknown as {
            PlUi: CustomElementConstructor;
            __internals: ElementInternals[];
          };
          customElements.define('policy-lens-ui', w.PlUi);
          const host = document.querySelector('policy-lens-ui') as HTMLElement;
          w.__internals.push(host.attachInternals());
        });
      }
      // Our UI works on that page: the note's card opens over its passage.
      await hoverQuote(page, 'p2', QUOTE);
      await waitNoteFrame(page, '.note-card');
      if (early) await page.screenshot({ path: `${SHOTS}/privacy-own-element.png` });
      const upgraded = await page.evaluate(() =>
        document.querySelector('policy-lens-ui')!.matches(':defined'),
      );
      expect({ early, upgraded }).toEqual({ early, upgraded: true });
      expect(await insideOf(page)).toEqual([null]);
      await page.close();
    }
  });

  it('a selection the page makes from script drives nothing of ours; the reader’s, by keyboard, shows "Add note"', async () => {
    // With notes (our UI loaded at once) and without (it loads at the reader's first need): a
    // page that selected text from script and timed our "Add note" would tell the two apart.
    for (const url of ['notes.html', 'sample-article.html']) {
      const page = await open(`http://www.people.cn/${url}`);
      await page.evaluate(() => {
        const p = [...document.querySelectorAll('p')].find(
          (e) => (e.firstChild?.textContent?.length ?? 0) > 12,
        )!;
        p.scrollIntoView({ block: 'center' });
        document.getSelection()!.setBaseAndExtent(p.firstChild!, 2, p.firstChild!, 10);
      });
      // Nothing comes, however long the page waits (page-ui.js, when asked for, loads in tens
      // of milliseconds); where no note is, the UI is not even loaded (its stylesheet would be in
      // our root).
      for (let i = 0; i < 8; i++) {
        await page.waitForTimeout(250);
        expect({
          url,
          button: await findShadow(page, { cls: 'note-add', visible: false }),
        }).toEqual({ url, button: null });
      }
      if (url === 'sample-article.html') {
        expect(await findShadow(page, { tag: 'style', visible: false })).toBeNull();
      }
      // A key that cannot select (Space, as to scroll) opens no way for the page's script.
      await page.evaluate(() => document.getSelection()!.removeAllRanges());
      await page.keyboard.press('Space');
      await page.evaluate(() => {
        const p = [...document.querySelectorAll('p')].find(
          (e) => (e.firstChild?.textContent?.length ?? 0) > 12,
        )!;
        document.getSelection()!.setBaseAndExtent(p.firstChild!, 2, p.firstChild!, 10);
      });
      await page.waitForTimeout(600);
      expect({
        url,
        afterKey: await findShadow(page, { cls: 'note-add', visible: false }),
      }).toEqual({ url, afterKey: null });
      await extendAndTakeBack(page);
      await expect.poll(() => findShadow(page, { cls: 'note-add' })).not.toBeNull();
      await page.close();
    }
  });

  it('another site naming this page as its canonical gets nothing, however often it asks', async () => {
    // www.news.cn serves the same article, with the canonical link to www.people.cn.
    const probe = await open('http://www.news.cn/notes.html');
    expect((await pageReport(browser, probe)).notes).toMatchObject({ total: 0, anchored: 0 });
    await probe.evaluate(() => {
      const link = document.querySelector('link[rel=canonical]')!;
      link.setAttribute('href', 'http://www.people.cn/notes.html#again');
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await probe.waitForTimeout(300);
    expect((await pageReport(browser, probe)).notes).toMatchObject({ total: 0, anchored: 0 });
    // The same site's other host does meet its notes through the canonical.
    const twin = await open('http://en.people.cn/notes.html');
    await expect.poll(async () => (await pageReport(browser, twin)).notes?.anchored).toBe(1);
    await probe.close();
    await twin.close();
  });

  it('a compromised content script on another site can neither read nor change the note', async () => {
    const page = await open('http://www.news.cn/notes.html');
    // Sent from the content script's own world, as a compromised one would.
    const answers = await asContentScript(browser, 'http://www.news.cn/notes.html', [
      {
        type: 'note-frame-open',
        canonical: null,
        open: { kind: 'edit', id: noteId },
      },
      {
        type: 'note-frame-open',
        canonical: 'http://www.people.cn/notes.html',
        open: { kind: 'card', id: noteId },
      },
      { type: 'note-update', id: noteId, baseRev: 1, text: 'pwned' },
      { type: 'note-delete', id: noteId },
      { type: 'note-restore', id: noteId, canonical: null },
      { type: 'open-note', id: noteId },
      // Our pages' requests: a ticket it did not get, a note for another site, a relayed
      // frame event, a scan of another tab.
      {
        type: 'note-frame-session',
        token: '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c',
      },
      {
        type: 'note-create',
        note: {
          url: 'http://www.people.cn/notes.html',
          title: 'forged',
          selectors: {
            version: 1,
            quote: { type: 'TextQuoteSelector', exact: '创新', prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 2 },
          },
          text: 'forged',
          tags: [],
          termIds: [],
        },
      },
      {
        type: 'note-frame-event',
        token: '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c',
        event: { kind: 'close' },
      },
      { type: 'scan-tab', tabId: 1 },
      { type: 'notes-for-page', canonical: 'http://www.people.cn/notes.html' },
    ]);
    const last = answers.length - 1;
    for (const a of answers.slice(0, last)) {
      expect(a).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(answers[last]).toEqual({ ok: true, anchors: [] });
    expect(await storedNotes(browser)).toHaveLength(1);
    const [note] = await storedNotes(browser);
    expect(note).toMatchObject({ id: noteId, text: 'private ASCII words秘密笔记' });
    await page.close();
  });

  it('an edit made elsewhere meanwhile is not overwritten: the page’s editor shows it and the reader merges', async () => {
    const page = await open('http://www.people.cn/notes.html');
    await expect.poll(async () => (await pageReport(browser, page)).notes?.anchored).toBe(1);
    // Open the page's editor on the note (card, then Edit), starting from revision 1.
    await hoverQuote(page, 'p2', QUOTE);
    const frame = await waitNoteFrame(page, '.note-card');
    await page.screenshot({ path: `${SHOTS}/privacy-card.png` });
    await frame.getByRole('button', { name: 'Edit' }).click();
    await frame.locator('textarea.note-text').waitFor();
    // Meanwhile the popup (an extension page) edits the same note.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?view=notes`);
    const r = await popup.evaluate(
      (id) =>
        // The popup page's world, where `chrome` is the extension API.
        (globalThis as unknown as { chrome: RuntimeLike }).chrome.runtime.sendMessage({
          type: 'note-update',
          id,
          baseRev: 1,
          text: 'from the popup',
        }),
      noteId,
    );
    expect(r).toMatchObject({ ok: true, note: { rev: 2 } });
    await frame.locator('textarea.note-text').fill('from the page');
    await frame.locator('textarea.note-text').press('Control+Enter');
    await expect.poll(() => frame.locator('.note-conflict').count()).toBe(1);
    expect(await frame.locator('.note-conflict').innerText()).toContain('from the popup');
    expect((await storedNotes(browser))[0]).toMatchObject({ text: 'from the popup', rev: 2 });
    await page.screenshot({ path: `${SHOTS}/privacy-conflict.png` });
    await frame.getByRole('button', { name: 'Merge both' }).click();
    await expect
      .poll(() => frame.locator('textarea.note-text').inputValue())
      .toBe('from the popup\n\nfrom the page');
    await frame.locator('textarea.note-text').press('Control+Enter');
    await expect
      .poll(async () => (await storedNotes(browser))[0])
      .toMatchObject({ text: 'from the popup\n\nfrom the page', rev: 3 });
    await popup.close();
    await page.close();
  });

  it('events the page makes up drive nothing: a synthetic hover opens no tooltip', async () => {
    const page = await open('http://www.people.cn/notes.html');
    const at = await pointOfHighlight(page, '新质生产力');
    await page.evaluate(({ x, y }) => {
      for (const type of ['pointerover', 'pointermove', 'mousemove']) {
        document
          .elementFromPoint(x, y)!
          .dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, clientY: y }));
      }
    }, at);
    await page.waitForTimeout(700);
    expect(await readTooltip(page)).toBeNull();
    // The reader's own pointer does open it (the check above can fail).
    await page.mouse.move(at.x, at.y);
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toContain('新质生产力');
    await page.close();
  });

  it('the page deleting or emptying our term highlight gets it back', async () => {
    const page = await open('http://www.people.cn/notes.html');
    const size = () => page.evaluate(() => CSS.highlights.get('policy-lens-term')?.size ?? 0);
    await expect.poll(size).toBeGreaterThan(10);
    const before = await size();
    await page.evaluate(() => CSS.highlights.delete('policy-lens-term'));
    await page.mouse.move(100, 100);
    await page.mouse.move(120, 130);
    await expect.poll(size).toBe(before);
    await page.evaluate(() => CSS.highlights.get('policy-lens-term')!.clear());
    await page.mouse.move(200, 200);
    await expect.poll(size).toBe(before);
    await page.close();
  });
});

interface RuntimeLike {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
}
