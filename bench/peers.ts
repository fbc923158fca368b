/**
 * The peers, run in the page's main world of a browser WITHOUT the extension (so our content
 * script neither competes with them nor reacts to mark.js rewriting the DOM), on the same page
 * HTML, with the same highlight name and stylesheet as ours. Each function is serialised into
 * the page by Playwright: self-contained, no imports at run time.
 *
 * Timing: `ms` is the script's own work; `frameMs` is the cost of the next frame (from its rAF
 * callback to the first task after it: style, layout and paint of what was just added). The
 * headline compares `ms + frameMs` ("painted") for every contender, ours included.
 */

export interface PeerTiming {
  ms: number;
  frameMs: number;
  matches: number;
  /** Characters covered by the matches (same total = same matches, modulo boundaries). */
  chars: number;
}

/** 1. The floor any DOM scanner pays: a bare TreeWalker reading every text node. */
export function walkFloor(): { ms: number; nodes: number; chars: number } {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    chars += (n as Text).data.length;
    nodes++;
  }
  return { ms: performance.now() - t0, nodes, chars };
}

/**
 * 2. The oracle: walks the text nodes and registers precomputed ranges (ours, read from a run
 * with the extension, as [startNode, startOffset, endNode, endOffset] over the same walk).
 */
export async function oracle(flat: number[]): Promise<PeerTiming> {
  const frameCost = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const t = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t);
        ch.port2.postMessage(null);
      }),
    );
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n as Text);
  const h = new Highlight();
  for (let i = 0; i < flat.length; i += 4) {
    h.add(
      new StaticRange({
        startContainer: nodes[flat[i]!]!,
        startOffset: flat[i + 1]!,
        endContainer: nodes[flat[i + 2]!]!,
        endOffset: flat[i + 3]!,
      }),
    );
  }
  CSS.highlights.set('policy-lens-term', h);
  const ms = performance.now() - t0;
  const frameMs = await frameCost();
  let chars = 0;
  for (const r of h) {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    chars += live.toString().length;
  }
  return { ms, frameMs, matches: h.size, chars };
}

/**
 * 4. A naive per-term RegExp scan: one RegExp per surface form, run over every text node
 * (no folding, no crossing tags), overlaps resolved leftmost-longest per node, painted with
 * the Highlight API like ours.
 */
export async function regexpScan(terms: string[]): Promise<PeerTiming> {
  const frameCost = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const t = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t);
        ch.port2.postMessage(null);
      }),
    );
  const t0 = performance.now();
  const res = terms.map(
    (t) => new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), /[A-Za-z]/.test(t) ? 'gi' : 'g'),
  );
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TITLE']);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const h = new Highlight();
  let chars = 0;
  const found: [number, number][] = [];
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const text = n as Text;
    if (skip.has(text.parentNode?.nodeName ?? '')) continue;
    const data = text.data;
    found.length = 0;
    for (const re of res) {
      re.lastIndex = 0;
      for (let m = re.exec(data); m; m = re.exec(data))
        found.push([m.index, m.index + m[0].length]);
    }
    if (!found.length) continue;
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let end = -1;
    for (const [s, e] of found) {
      if (s < end) continue;
      h.add(
        new StaticRange({ startContainer: text, startOffset: s, endContainer: text, endOffset: e }),
      );
      chars += e - s;
      end = e;
    }
  }
  CSS.highlights.set('policy-lens-term', h);
  const ms = performance.now() - t0;
  const frameMs = await frameCost();
  return { ms, frameMs, matches: h.size, chars };
}

/**
 * 3. mark.js (8.11) with acrossElements and the same surface forms; mark.js must already be
 * on the page (addScriptTag). `matches` counts runs of adjacent <mark> pieces (a match that
 * crosses tags is wrapped piece by piece); `marks` counts the elements.
 */
export async function markJs(terms: string[]): Promise<PeerTiming & { marks: number }> {
  const frameCost = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const t = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t);
        ch.port2.postMessage(null);
      }),
    );
  type MarkCtor = new (el: Element) => {
    mark(
      terms: string[],
      opt: { acrossElements: boolean; separateWordSearch: boolean; done: (n: number) => void },
    ): void;
  };
  const Mark = (window as unknown as { Mark: MarkCtor }).Mark;
  const t0 = performance.now();
  const marks = await new Promise<number>((resolve) =>
    new Mark(document.body).mark(terms, {
      acrossElements: true,
      separateWordSearch: false,
      done: resolve,
    }),
  );
  const ms = performance.now() - t0;
  const frameMs = await frameCost();
  // Count matches as runs of marked text with no unmarked text between them.
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let matches = 0;
  let chars = 0;
  let inRun = false;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const marked = n.parentElement?.closest('mark[data-markjs]') != null;
    const len = (n as Text).data.length;
    if (marked) {
      if (!inRun) matches++;
      inRun = true;
      chars += len;
    } else if (len > 0) inRun = false;
  }
  return { ms, frameMs, matches, chars, marks };
}

/**
 * Ours, read back from the registry after our scan: ranges as indices into the same bare
 * TreeWalker walk the oracle does (the extension adds no text node to the page).
 */
export function readOurRanges(): { flat: number[]; chars: number } {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const index = new Map<Node, number>();
  let i = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) index.set(n, i++);
  const flat: number[] = [];
  let chars = 0;
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('policy-lens-term')) continue;
    for (const r of h) {
      flat.push(
        index.get(r.startContainer)!,
        r.startOffset,
        index.get(r.endContainer)!,
        r.endOffset,
      );
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      chars += live.toString().length;
    }
  }
  return { flat, chars };
}
