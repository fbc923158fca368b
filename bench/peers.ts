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
 * A simple, independent matcher in the page: walks every text node (the same bare TreeWalker
 * walk as the oracle), cuts them into block flows (consecutive text nodes under the same
 * nearest non-inline ancestor, so matches cross inline tags as ours do), and finds the
 * glossary's surface forms with a leftmost-longest multi-pattern scan (Latin letters
 * case-insensitive; no traditional forms, no whitespace folding). It gives the oracle the full
 * set of matches on the page, and the viewport checks of ours something to compare with.
 * `flat` is [startNode, startOffset, endNode, endOffset] as indices into the walk; with `keep`
 * the ranges stay on the page (window.__peer) for `coverage`.
 */
export function peerMatches({
  terms,
  keep,
  watch = false,
}: {
  terms: string[];
  keep: boolean;
  /**
   * Page D's oracle: also register every match found now, and every match in content the page
   * adds later (a MutationObserver matches each added element on arrival), in CSS.highlights
   * under our name: the floor for painting a feed's matches as they come.
   */
  watch?: boolean;
}): {
  flat: number[];
  matches: number;
  chars: number;
  ms: number;
} {
  const t0 = performance.now();
  const INLINE = new Set([
    'A',
    'ABBR',
    'B',
    'BDI',
    'BDO',
    'BR',
    'CITE',
    'CODE',
    'DFN',
    'EM',
    'FONT',
    'I',
    'KBD',
    'LABEL',
    'MARK',
    'Q',
    'RUBY',
    'RT',
    'S',
    'SAMP',
    'SMALL',
    'SPAN',
    'STRONG',
    'SUB',
    'SUP',
    'TIME',
    'U',
    'VAR',
    'WBR',
  ]);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TITLE', 'TEMPLATE']);
  const byFirst = new Map<string, string[]>();
  for (const t of terms) {
    const f = t.toLowerCase();
    if (!f) continue;
    const list = byFirst.get(f[0]!) ?? [];
    if (!list.includes(f)) list.push(f);
    byFirst.set(f[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const blockOf = new Map<Element, Element>();
  const block = (el: Element): Element => {
    const hit = blockOf.get(el);
    if (hit) return hit;
    let b = el;
    while (INLINE.has(b.nodeName) && b.parentElement) b = b.parentElement;
    blockOf.set(el, b);
    return b;
  };
  let flat: number[] = [];
  let kept: { block: Element; range: StaticRange }[] = [];
  const keepRanges = keep || watch;
  let chars = 0;
  let nodes: Text[] = [];
  let idx: number[] = [];
  let starts: number[] = [];
  let text = '';
  let owner: Element | null = null;
  const scan = () => {
    if (!nodes.length) return;
    const lower = text.toLowerCase();
    const at = (off: number, end: boolean): number => {
      // Last node starting at or before off (for an end: before off, unless off is 0).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (end ? starts[mid]! < off : starts[mid]! <= off) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    for (let i = 0; i < lower.length;) {
      const cands = byFirst.get(lower[i]!);
      let len = 0;
      if (cands) {
        for (const c of cands) {
          if (lower.startsWith(c, i)) {
            len = c.length;
            break;
          }
        }
      }
      if (!len) {
        i++;
        continue;
      }
      const a = at(i, false);
      const b = at(i + len, true);
      flat.push(idx[a]!, i - starts[a]!, idx[b]!, i + len - starts[b]!);
      chars += len;
      if (keepRanges)
        kept.push({
          block: owner!,
          range: new StaticRange({
            startContainer: nodes[a]!,
            startOffset: i - starts[a]!,
            endContainer: nodes[b]!,
            endOffset: i + len - starts[b]!,
          }),
        });
      i += len;
    }
  };
  const walk = (root: Node) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let n = 0;
    owner = null;
    for (let node = w.nextNode(); node; node = w.nextNode(), n++) {
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.nodeName)) continue;
      const b = block(parent);
      if (b !== owner) {
        scan();
        owner = b;
        nodes = [];
        idx = [];
        starts = [];
        text = '';
      }
      nodes.push(node as Text);
      idx.push(n);
      starts.push(text.length);
      text += (node as Text).data;
    }
    scan();
    nodes = [];
  };
  walk(document.body);
  const result = { flat, matches: flat.length / 4, chars, ms: performance.now() - t0 };
  if (keep) (window as unknown as { __peer: typeof kept }).__peer = kept;
  if (watch) {
    const h = new Highlight();
    CSS.highlights.set('policy-lens-term', h);
    for (const k of kept) h.add(k.range);
    new MutationObserver((records) => {
      for (const r of records) {
        for (const added of r.addedNodes) {
          if (added.nodeType !== 1) continue;
          flat = [];
          kept = [];
          walk(added);
          for (const k of kept) h.add(k.range);
        }
      }
      flat = [];
      kept = [];
    }).observe(document.body, { childList: true, subtree: true });
  }
  return result;
}

/**
 * Run in the tab with the extension after `peerMatches(…, true)`: of the matches whose text is
 * inside the viewport now (±0 px), how many overlap a range of ours registered in
 * CSS.highlights, and the rAF time the probe first saw the last of those ranges (-1: a
 * covering range was never seen by the probe).
 */
export function coverage(): { total: number; covered: number; registered: number; at: number } {
  const peer = (window as unknown as { __peer: { block: Element; range: StaticRange }[] }).__peer;
  const firstSeen = (
    window as unknown as { __bench?: { firstSeen: WeakMap<AbstractRange, number> } }
  ).__bench?.firstSeen;
  // The inline elements of peerMatches: a range's block is its nearest other ancestor.
  const INLINE =
    /^(A|ABBR|B|BDI|BDO|BR|CITE|CODE|DFN|EM|FONT|I|KBD|LABEL|MARK|Q|RUBY|RT|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR|WBR)$/;
  const vw = innerWidth;
  const vh = innerHeight;
  const inView = (b: DOMRect) => b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw;
  const live = (r: AbstractRange) => {
    const x = document.createRange();
    x.setStart(r.startContainer, r.startOffset);
    x.setEnd(r.endContainer, r.endOffset);
    return x;
  };
  // Ours, registered now, grouped by the element that holds their start.
  const ours = new Map<Element, Range[]>();
  const seenAt = new Map<Range, number>();
  let registered = 0;
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('policy-lens-term')) continue;
    for (const r of h) {
      const el =
        r.startContainer.nodeType === 1
          ? (r.startContainer as Element)
          : r.startContainer.parentElement;
      if (!el) continue;
      registered++;
      const x = live(r);
      seenAt.set(x, firstSeen?.get(r) ?? -1);
      let b = el;
      while (INLINE.test(b.nodeName) && b.parentElement) b = b.parentElement;
      const list = ours.get(b);
      if (list) list.push(x);
      else ours.set(b, [x]);
    }
  }
  const blockVisible = new Map<Element, boolean>();
  let total = 0;
  let covered = 0;
  let at = 0;
  for (const { block, range } of peer) {
    let v = blockVisible.get(block);
    if (v === undefined) {
      v = inView(block.getBoundingClientRect());
      blockVisible.set(block, v);
    }
    if (!v) continue;
    const p = live(range);
    if (!inView(p.getBoundingClientRect())) continue;
    total++;
    const hit = (ours.get(block) ?? []).find(
      (o) =>
        o.compareBoundaryPoints(Range.START_TO_END, p) > 0 &&
        o.compareBoundaryPoints(Range.END_TO_START, p) < 0,
    );
    if (!hit) continue;
    covered++;
    const t = seenAt.get(hit) ?? -1;
    at = at < 0 || t < 0 ? -1 : Math.max(at, t);
  }
  return { total, covered, registered, at: total ? at : -1 };
}

/**
 * 2. The oracle: walks the text nodes and registers precomputed ranges — every match on the
 * page, from `peerMatches` on the same tab before the clock starts — all at once: the floor
 * for painting these matches with the Highlight API.
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
