/**
 * First use, cold, on page A (issue 17): a fresh tab, loaded for at least 1.5 s and untouched
 * (ours' tab of the installed comparison, once every tab of its run has been read), then either
 *
 * - the first hover: the pointer comes to rest on a highlighted phrase (one trusted CDP
 *   `Input.dispatchMouseEvent` move, from a corner of the page) → the end of the first frame
 *   whose rendering starts with the tooltip visible. "Visible" is decided in the page's main
 *   world by hit-testing points just below and above the phrase (where the tooltip is placed):
 *   a hit on `<policy-lens-ui>` (the closed shadow root's host) means the tooltip is displayed,
 *   not `visibility: hidden`, and placed. Checked at the start of each frame (its
 *   requestAnimationFrame callback), so a tooltip shown by a later callback of the same frame
 *   counts one frame late — never early. Confirmed afterwards through CDP (readTooltip).
 * - the first note editor: a passage selected with a trusted drag, the "Add note" button found in
 *   the closed shadow root (CDP) and clicked with a trusted click once it stopped moving (and at
 *   least 300 ms after the selection, the least a reader takes to reach it) → the end of the
 *   first frame after the note panel turned visible (`opacity: 1`, set once the note frame has
 *   drawn its editor and reported its height; watched by a MutationObserver on the shadow root,
 *   reached from the button with `getRootNode()` through CDP). Confirmed afterwards with
 *   waitNoteFrame('form.note-editor').
 *
 * Both are measured in the page's clock: from the input event's `timeStamp` (when CDP dispatched
 * it) to `performance.now()` in a task posted from the frame's requestAnimationFrame callback
 * (the end of that frame's rendering), as the probe times frames.
 */
import type { CDPSession, Page } from 'playwright-core';
import { pointOfHighlight, readTooltip } from '../tests/harness/chromium';
import { quoteRects, waitNoteFrame } from '../tests/harness/note-frame';
import { boxOf, findShadow } from '../tests/harness/shadow';
import { withTimeout } from './measure';

export interface HoverRun {
  phrase: string;
  /** Pointer at rest on the phrase → end of the first frame showing the tooltip, ms. */
  ms: number;
}

export interface EditorRun {
  /** Trusted click on "Add note" → end of the first frame showing the note panel, ms. */
  ms: number;
  /** Selection (mouse released) → "Add note" placed and still, ms (test-runner clock). */
  buttonMs: number;
}

/** A passage of the sample article without a glossary term, in its first screen. */
const PASSAGE = '马兴瑞、何立峰、张国清、袁家军同志';
const PASSAGE_IN = 'rm_txt_con';
/** The least time a reader takes from letting go of a selection to clicking its button. */
const REACH_MS = 300;
const TIMEOUT_MS = 5000;

type Point = [number, number];

/** One trusted mouse event; `held`: the left button is down (a drag). */
const mouse = (
  cdp: CDPSession,
  type: 'mouseMoved' | 'mousePressed' | 'mouseReleased',
  [x, y]: Point,
  held = type === 'mousePressed',
) =>
  cdp.send('Input.dispatchMouseEvent', {
    type,
    x,
    y,
    button: type === 'mouseMoved' && !held ? 'none' : 'left',
    buttons: held ? 1 : 0,
    clickCount: type === 'mouseMoved' ? 0 : 1,
  });

/** Runs in the page: watches for the tooltip frame by frame (see the header). */
function watchTooltip(points: Point[]): number {
  const w = window as unknown as {
    __firstUse: { at: number; drawnAt: number; done: Promise<void> };
  };
  let resolve: () => void = () => {};
  const state = { at: -1, drawnAt: -1, done: new Promise<void>((r) => (resolve = r)) };
  w.__firstUse = state;
  const ours = (p: Point) =>
    document.elementFromPoint(p[0], p[1])?.nodeName.startsWith('POLICY-LENS') === true;
  // Points our UI already covers (none expected) say nothing.
  const watched = points.filter((p) => !ours(p));
  addEventListener(
    'mousemove',
    (e) => {
      if (e.isTrusted) state.at = e.timeStamp;
    },
    true,
  );
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    state.drawnAt = performance.now();
    resolve();
  };
  const frame = () => {
    if (state.at >= 0 && watched.some(ours)) ch.port2.postMessage(null);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return watched.length;
}

/** Runs in the page on the "Add note" button (`this`): watches its shadow root for the panel. */
function watchPanel(this: Element): void {
  const w = window as unknown as {
    __firstUse: { at: number; drawnAt: number; done: Promise<void> };
  };
  let resolve: () => void = () => {};
  const state = { at: -1, drawnAt: -1, done: new Promise<void>((r) => (resolve = r)) };
  w.__firstUse = state;
  const root = this.getRootNode() as ParentNode & Node;
  addEventListener(
    'click',
    (e) => {
      if (e.isTrusted) state.at = e.timeStamp;
    },
    true,
  );
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    state.drawnAt = performance.now();
    resolve();
  };
  const mo = new MutationObserver(() => {
    if (state.at < 0) return;
    const panel = root.querySelector<HTMLElement>('.note-panel');
    if (!panel || panel.style.opacity !== '1' || !panel.checkVisibility()) return;
    mo.disconnect();
    requestAnimationFrame(() => ch.port2.postMessage(null));
  });
  mo.observe(root, { subtree: true, childList: true, attributes: true });
}

const result = (tab: Page) =>
  withTimeout(
    tab.evaluate(async () => {
      const s = (
        window as unknown as { __firstUse: { at: number; drawnAt: number; done: Promise<void> } }
      ).__firstUse;
      await s.done;
      return s.drawnAt - s.at;
    }),
    TIMEOUT_MS,
    'first use',
  );

export async function firstHover(tab: Page, cdp: CDPSession): Promise<HoverRun> {
  // The first phrase registered: the top of the article, in the first screen.
  const phrase = await tab.evaluate(() => {
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('policy-lens-term')) continue;
      for (const r of h) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.toString();
      }
    }
    return null;
  });
  if (!phrase) throw new Error('no phrase highlighted');
  const { x, y, rect } = await pointOfHighlight(tab, phrase);
  await mouse(cdp, 'mouseMoved', [1, 1]);
  await tab.waitForTimeout(200);
  const xs = [rect.left + 6, rect.left + 30, x];
  const ys = [rect.bottom + 14, rect.bottom + 30, rect.bottom + 60, rect.top - 14, rect.top - 30];
  const points = xs.flatMap((px) => ys.map((py): Point => [px, py]));
  if (!(await tab.evaluate(watchTooltip, points)))
    throw new Error('our UI already covers every point beside the phrase');
  await mouse(cdp, 'mouseMoved', [x, y]);
  const ms = await result(tab);
  const tip = await readTooltip(tab);
  if (!tip?.text.trim()) throw new Error(`the tooltip of "${phrase}" is not shown`);
  return { phrase, ms };
}

export async function firstEditor(tab: Page, cdp: CDPSession): Promise<EditorRun> {
  await tab.bringToFront();
  const lines = await quoteRects(tab, PASSAGE_IN, PASSAGE);
  const first = lines?.[0];
  const last = lines?.[lines.length - 1];
  if (!first || !last) throw new Error(`"${PASSAGE}" not on the page`);
  // A reader's drag over the passage: press before its first character, release after its last.
  const [y0, y1] = [(first.top + first.bottom) / 2, (last.top + last.bottom) / 2];
  await mouse(cdp, 'mouseMoved', [first.left + 1, y0]);
  await mouse(cdp, 'mousePressed', [first.left + 1, y0]);
  await mouse(cdp, 'mouseMoved', [(first.left + last.right) / 2, y1], true);
  await mouse(cdp, 'mouseMoved', [last.right - 1, y1], true);
  await mouse(cdp, 'mouseReleased', [last.right - 1, y1]);
  const released = Date.now();
  const selected = await tab.evaluate(() => document.getSelection()?.toString() ?? '');
  if (selected !== PASSAGE) throw new Error(`the drag selected "${selected}"`);
  // The button, once it has stopped moving (it is placed a frame after it appears).
  let last2 = '';
  let box: { x: number; y: number; width: number; height: number } | null = null;
  let button = null;
  for (const deadline = Date.now() + TIMEOUT_MS; Date.now() < deadline;) {
    button = await findShadow(tab, { cls: 'note-add' });
    if (button) {
      const b = await boxOf(tab, button);
      const key = JSON.stringify(b);
      if (key === last2) {
        box = b;
        break;
      }
      last2 = key;
    }
    await tab.waitForTimeout(50);
  }
  if (!button || !box) throw new Error('no "Add note" button after the selection');
  const buttonMs = Date.now() - released;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: button.backendNodeId });
  await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: watchPanel.toString(),
  });
  await cdp.send('Runtime.releaseObject', { objectId: object.objectId! }).catch(() => {});
  const at: Point = [box.x + box.width / 2, box.y + box.height / 2];
  await mouse(cdp, 'mouseMoved', at);
  const wait = REACH_MS - (Date.now() - released);
  await tab.waitForTimeout(Math.max(50, wait));
  await mouse(cdp, 'mousePressed', at);
  await mouse(cdp, 'mouseReleased', at);
  const ms = await result(tab);
  await waitNoteFrame(tab, 'form.note-editor');
  return { ms, buttonMs };
}
