import type { Frame, Page } from 'playwright-core';
import { atTextIn, cdpOf, findShadow } from './shadow';

/**
 * Notes since the privacy change: the editor and card live in an extension-origin iframe
 * (`note-frame.html#t=<ticket>`) inside the closed shadow root, and note highlights are boxes
 * drawn by lib/page/highlight/note-overlay.ts in that shadow root (`.pl-note-overlay > div > span`,
 * class `n` tint, `u` underline, `d` draft, `f` flash).
 */

/** The note frame when it shows a note or draft (a closed frame is blanked to `#t=`). */
export function noteFrame(page: Page): Frame | null {
  return page.frames().find((f) => f.url().includes('note-frame.html#t=')) ?? null;
}

/** Waits for the note frame to show `selector` (the editor or the card); returns the frame. */
export async function waitNoteFrame(
  page: Page,
  selector: string,
  timeoutMs = 5000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = noteFrame(page);
    if (
      f &&
      (await f
        .locator(selector)
        .count()
        .catch(() => 0)) > 0 &&
      (await panelSettled(page))
    )
      return f;
    if (Date.now() > deadline) throw new Error(`no note frame showing ${selector}`);
    await page.waitForTimeout(50);
  }
}

/** True while a note frame shows something matching `selector`. */
export async function frameShows(page: Page, selector: string): Promise<boolean> {
  const f = noteFrame(page);
  if (!f) return false;
  return (
    (await f
      .locator(selector)
      .count()
      .catch(() => 0)) > 0
  );
}

/**
 * The panel is shown and settled: it turns opaque once placed at its frame's own height (an
 * action aimed at it before would land where it no longer is).
 */
async function panelSettled(page: Page): Promise<boolean> {
  const style = async () => (await findShadow(page, { cls: 'note-panel' }))?.attrs.style ?? '';
  const first = await style();
  if (!/opacity: 1/.test(first)) return false;
  // And still: a card placed at its new height can be placed once more as its maximum height
  // follows (the product's one re-placement; see the issue 15 note).
  await page.waitForTimeout(120);
  return (await style()) === first;
}

/** The text of the card in the note frame, or null when none shows (settled). */
export async function frameCardText(page: Page): Promise<string | null> {
  const f = noteFrame(page);
  if (!f || !(await panelSettled(page))) return null;
  const card = f.locator('.note-card');
  if ((await card.count().catch(() => 0)) === 0) return null;
  return card.textContent().catch(() => null);
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface OverlayBox extends Rect {
  /** n: note tint, u: note underline, d: draft, f: flash. */
  cls: string;
}

interface RawNode {
  backendNodeId: number;
  nodeName: string;
  nodeType: number;
  attributes?: string[];
  children?: RawNode[];
  shadowRoots?: RawNode[];
}

/**
 * The boxes the note overlay draws now, in viewport coordinates, read through the closed shadow
 * root with CDP (pierce), never through anything the page could see.
 */
export async function overlayBoxes(page: Page): Promise<OverlayBox[]> {
  const cdp = await cdpOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: RawNode;
  };
  let container: RawNode | null = null;
  const visit = (n: RawNode, inUi: boolean) => {
    if (container) return;
    const attrs = n.attributes ?? [];
    const cls = attrs[attrs.indexOf('class') + 1] ?? '';
    if (inUi && attrs.includes('class') && cls.split(/\s+/).includes('pl-note-overlay')) {
      container = n;
      return;
    }
    for (const s of n.shadowRoots ?? []) visit(s, inUi || n.nodeName === 'POLICY-LENS-UI');
    for (const c of n.children ?? []) visit(c, inUi);
  };
  visit(root, false);
  const found = container as RawNode | null;
  if (!found) return [];
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: found.backendNodeId });
  const r = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: `function () {
      const out = [];
      for (const s of this.querySelectorAll('span')) {
        const b = s.getBoundingClientRect();
        if (b.width === 0 && b.height === 0) continue;
        if (getComputedStyle(s).display === 'none') continue;
        out.push({ cls: s.className, left: b.left, top: b.top, right: b.right, bottom: b.bottom });
      }
      const layer = this.querySelector(':scope > div');
      return layer && getComputedStyle(layer).display === 'none' ? [] : out;
    }`,
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: object.objectId! }).catch(() => {});
  return r.result.value as OverlayBox[];
}

/**
 * The line boxes of the `nth` `quote` inside #`id`, from the page's own text, in viewport
 * coordinates, merged per line as the overlay merges them. Scrolls the paragraph to the middle
 * of the viewport first when `scroll`.
 */
export function quoteRects(
  page: Page,
  id: string,
  quote: string,
  opts: { nth?: number; scroll?: boolean } = {},
): Promise<Rect[] | null> {
  return atTextIn(page, id, quote, { ...opts, then: 'rects' });
}

const near = (a: Rect, b: Rect, tol = 1.5) =>
  Math.abs(a.left - b.left) <= tol &&
  Math.abs(a.right - b.right) <= tol &&
  Math.abs(a.top - b.top) <= tol &&
  Math.abs(a.bottom - b.bottom) <= tol;

/**
 * Which of the `candidates` ([paragraph id, quote]) are painted as notes now: a candidate is
 * painted when every line of its quote has a note tint box at the same place (±1.5 px).
 * `stray` counts tint boxes that match no candidate's line (a note painted elsewhere). The
 * candidates' paragraphs should be in view (the overlay draws what is on screen).
 */
export async function paintedNotes(
  page: Page,
  candidates: readonly (readonly [string, string])[],
): Promise<{ painted: [string, string][]; stray: number }> {
  const boxes = (await overlayBoxes(page)).filter((b) => b.cls === 'n');
  const used = new Set<number>();
  const painted: [string, string][] = [];
  for (const [id, quote] of candidates) {
    const lines = await quoteRects(page, id, quote);
    if (!lines || lines.length === 0) continue;
    const hits = lines.map((l) => boxes.findIndex((b) => near(b, l)));
    if (hits.every((i) => i >= 0)) {
      painted.push([id, quote]);
      for (const i of hits) used.add(i);
    }
  }
  return { painted, stray: boxes.filter((_, i) => !used.has(i)).length };
}

/**
 * Moves the pointer onto the quote's text, computed from the page's own text (a Range over the
 * quote in #`id`), a few px into its first line.
 */
export async function hoverQuote(page: Page, id: string, quote: string): Promise<void> {
  const lines = await quoteRects(page, id, quote, { scroll: true });
  const first = lines?.[0];
  if (!first) throw new Error(`"${quote}" not in #${id}`);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(50);
  await page.mouse.move(
    first.left + Math.min(12, (first.right - first.left) / 2),
    (first.top + first.bottom) / 2,
    { steps: 2 },
  );
}

/** Event types a page could use to watch typing. */
const TYPING_EVENTS = [
  'keydown',
  'keypress',
  'keyup',
  'beforeinput',
  'input',
  'textInput',
  'compositionend',
] as const;

/**
 * Installs page-world capture listeners on window and document for every typing event; they
 * record each event's type, key and data (what a key logger on the page would get).
 */
export async function installTypingSpy(page: Page): Promise<void> {
  await page.evaluate(
    (types) => {
      const w = window as unknown as { __plSpy?: string[] };
      w.__plSpy = [];
      for (const target of [window, document]) {
        for (const t of types) {
          target.addEventListener(
            t,
            (e) => {
              const k = e as KeyboardEvent & InputEvent;
              w.__plSpy!.push(`${t}:${k.key ?? ''}:${k.data ?? ''}`);
            },
            true,
          );
        }
      }
    },
    TYPING_EVENTS as unknown as string[],
  );
}

/** What the page-world typing listeners saw since installTypingSpy. */
export function typingSpySaw(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __plSpy?: string[] }).__plSpy ?? []);
}

/**
 * Every text node and attribute value of the page's own DOM, shadow roots included (CDP pierce,
 * so the closed one too), but not the documents of frames in it (the note frame is the
 * extension's origin, which the page cannot read).
 */
export async function pageDomStrings(page: Page): Promise<string[]> {
  const cdp = await cdpOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: RawNode & { nodeValue?: string };
  };
  const out: string[] = [];
  const visit = (n: RawNode & { nodeValue?: string }) => {
    if (n.nodeValue) out.push(n.nodeValue);
    const a = n.attributes ?? [];
    for (let i = 1; i < a.length; i += 2) out.push(a[i]!);
    for (const s of n.shadowRoots ?? []) visit(s);
    for (const c of n.children ?? []) visit(c);
    // contentDocument (a frame's document) deliberately not visited.
  };
  visit(root);
  return out;
}
