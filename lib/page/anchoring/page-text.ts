import { FlowWalker, type Flow } from '../text/flows';
import { collapse, CONTEXT_CHARS, SPACE_RUN } from './anchor';
import type { NoteSelectors } from '../../shared/notes/model';

/**
 * The page as one string for anchoring notes, with the way back to the DOM.
 *
 * Built from the same text flows the term scanner walks (lib/page/text/flows.ts), so excluded
 * regions — scripts, editable fields, code, hidden elements, our own UI — are never part of a
 * quote. Flows are joined with "\n" into the raw text; the anchor text is the raw text without
 * white space (see anchor.ts); runs of non-space text map anchor offsets back to raw ones.
 */
export interface TextBoundaries {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
  /** Every text node the range touches, first to last. */
  nodes: Text[];
}

/** A note's selectors as the page gives them; the selector version is added by the caller. */
export type NoteSelectorsShape = Omit<NoteSelectors, 'version'>;

export class PageText {
  private constructor(
    /** Anchor text: the page's text without white space. */
    readonly text: string,
    private readonly raw: string,
    /** Runs of non-space text: run k starts at anchor offset runAnchor[k], raw offset runRaw[k]. */
    private readonly runAnchor: number[],
    private readonly runRaw: number[],
    private readonly nodes: Text[],
    private readonly nodeRaw: number[],
    private readonly nodeIndex: Map<Text, number>,
  ) {}

  static fromDocument(
    doc: Document,
    root: Node | null = doc.body ?? doc.documentElement,
  ): PageText {
    const flows: Flow[] = [];
    if (root) {
      const walker = new FlowWalker(doc, { first: root, last: root });
      for (let f = walker.next(); f; f = walker.next()) flows.push(f);
    }
    return PageText.fromFlows(flows);
  }

  /**
   * The same, built in slices of about `sliceMs` between which the page gets the main thread
   * (a 1,000,000-character page takes ~100 ms to walk: too long for one task).
   */
  static async fromDocumentSliced(
    doc: Document,
    yieldToPage: () => Promise<void>,
    sliceMs = 8,
    now: () => number = () => performance.now(),
  ): Promise<PageText> {
    const root = doc.body ?? doc.documentElement;
    const flows: Flow[] = [];
    if (root) {
      const walker = new FlowWalker(doc, { first: root, last: root });
      let deadline = now() + sliceMs;
      for (let f = walker.next(); f; f = walker.next()) {
        flows.push(f);
        if (now() > deadline) {
          await yieldToPage();
          deadline = now() + sliceMs;
        }
      }
    }
    return PageText.fromFlows(flows);
  }

  static fromFlows(flows: readonly Flow[]): PageText {
    const nodes: Text[] = [];
    const nodeRaw: number[] = [];
    const nodeIndex = new Map<Text, number>();
    let rawLength = 0;
    flows.forEach((f, i) => {
      if (i > 0) rawLength++; // the "\n" between flows
      f.nodes.forEach((n, k) => {
        nodeIndex.set(n, nodes.length);
        nodes.push(n);
        nodeRaw.push(rawLength + f.starts[k]!);
      });
      rawLength += f.text.length;
    });
    const raw = flows.map((f) => f.text).join('\n');
    // Runs between white space, found by a native regexp: a character loop in JS took ~70 ms
    // on a 1,000,000-character page, one long task.
    const runAnchor: number[] = [];
    const runRaw: number[] = [];
    const parts: string[] = [];
    let anchor = 0;
    let last = 0;
    const space = new RegExp(SPACE_RUN.source, 'g');
    for (let m = space.exec(raw); m; m = space.exec(raw)) {
      if (m.index > last) {
        runAnchor.push(anchor);
        runRaw.push(last);
        parts.push(raw.slice(last, m.index));
        anchor += m.index - last;
      }
      last = m.index + m[0].length;
    }
    if (last < raw.length) {
      runAnchor.push(anchor);
      runRaw.push(last);
      parts.push(raw.slice(last));
    }
    return new PageText(parts.join(''), raw, runAnchor, runRaw, nodes, nodeRaw, nodeIndex);
  }

  /** Raw offset of anchor character `i`. */
  private toRaw(i: number): number {
    const a = this.runAnchor;
    let lo = 0;
    let hi = a.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (a[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.runRaw[lo]! + (i - a[lo]!);
  }

  /** Number of anchor characters whose raw offset is before `rawPos`. */
  private anchorBefore(rawPos: number): number {
    const r = this.runRaw;
    let lo = 0;
    let hi = r.length - 1;
    if (hi < 0 || r[0]! >= rawPos) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r[mid]! < rawPos) lo = mid;
      else hi = mid - 1;
    }
    const runLength = (this.runAnchor[lo + 1] ?? this.text.length) - this.runAnchor[lo]!;
    return this.runAnchor[lo]! + Math.min(rawPos - r[lo]!, runLength);
  }

  get length(): number {
    return this.text.length;
  }

  /** The DOM range of anchor text [start, end), or null if it is empty or out of bounds. */
  boundaries(start: number, end: number): TextBoundaries | null {
    if (start < 0 || end > this.text.length || start >= end) return null;
    const first = this.nodeOfRaw(this.toRaw(start));
    const lastRaw = this.toRaw(end - 1);
    const last = this.nodeOfRaw(lastRaw);
    return {
      startContainer: this.nodes[first]!,
      startOffset: this.toRaw(start) - this.nodeRaw[first]!,
      endContainer: this.nodes[last]!,
      endOffset: lastRaw - this.nodeRaw[last]! + 1,
      nodes: this.nodes.slice(first, last + 1),
    };
  }

  /** Anchor offsets of a DOM range; null when it holds no anchor text (e.g. only spaces). */
  offsetsOf(range: AbstractRange): { start: number; end: number } | null {
    const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
    const start = this.indexAt(doc, range.startContainer, range.startOffset);
    const end = this.indexAt(doc, range.endContainer, range.endOffset);
    if (start === null || end === null || start >= end) return null;
    return { start, end };
  }

  /** Readable text of anchor range [start, end): the page's own text, white space collapsed. */
  readable(start: number, end: number): string {
    if (start >= end) return '';
    return collapse(this.raw.slice(this.toRaw(start), this.toRaw(end - 1) + 1));
  }

  /** TextQuote + TextPosition selectors for anchor range [start, end). */
  selectors(start: number, end: number): NoteSelectorsShape {
    return {
      quote: {
        type: 'TextQuoteSelector',
        exact: this.readable(start, end),
        prefix: this.readable(Math.max(0, start - CONTEXT_CHARS), start),
        suffix: this.readable(end, Math.min(this.text.length, end + CONTEXT_CHARS)),
      },
      position: { type: 'TextPositionSelector', start, end },
    };
  }

  /** Number of anchor characters before the boundary point (container, offset). */
  private indexAt(doc: Document, container: Node, offset: number): number | null {
    let rawPos: number;
    const i = container.nodeType === 3 ? this.nodeIndex.get(container as Text) : undefined;
    if (i !== undefined) {
      rawPos = this.nodeRaw[i]! + offset;
    } else {
      // An element boundary, or text we do not walk (code, our UI): the first walked text
      // node at or after the point starts there.
      const point = doc.createRange();
      try {
        point.setStart(container, offset);
      } catch {
        return null;
      }
      let lo = 0;
      let hi = this.nodes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        let cmp: number;
        try {
          cmp = point.comparePoint(this.nodes[mid]!, 0);
        } catch {
          return null; // the page changed under us; the caller rebuilds
        }
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
      }
      rawPos = lo < this.nodes.length ? this.nodeRaw[lo]! : this.raw.length;
    }
    return this.anchorBefore(rawPos);
  }

  /** Index of the text node holding raw character `pos` (never a separator). */
  private nodeOfRaw(pos: number): number {
    let lo = 0;
    let hi = this.nodeRaw.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.nodeRaw[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
