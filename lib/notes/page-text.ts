import { FlowWalker, type Flow } from '../text/flows';
import { collapse, CONTEXT_CHARS, isSpace } from './anchor';

/**
 * The page as one string for anchoring notes, with the way back to the DOM.
 *
 * Built from the same text flows the term scanner walks (lib/text/flows.ts), so excluded
 * regions — scripts, editable fields, code, hidden elements, our own UI — are never part of a
 * quote. Flows are joined with "\n" into the raw text; the anchor text is the raw text without
 * white space (see anchor.ts), and `toRaw` maps each anchor character back to its raw offset.
 */
export interface TextBoundaries {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
  /** Every text node the range touches, first to last. */
  nodes: Text[];
}

export interface NoteSelectorsShape {
  quote: { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
  position: { type: 'TextPositionSelector'; start: number; end: number };
}

export class PageText {
  private constructor(
    /** Anchor text: the page's text without white space. */
    readonly text: string,
    private readonly raw: string,
    private readonly toRaw: Int32Array,
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
    const toRaw = new Int32Array(raw.length);
    let n = 0;
    const parts: string[] = [];
    let runStart = -1;
    for (let i = 0; i < raw.length; i++) {
      if (isSpace(raw.charCodeAt(i))) {
        if (runStart >= 0) parts.push(raw.slice(runStart, i));
        runStart = -1;
        continue;
      }
      if (runStart < 0) runStart = i;
      toRaw[n++] = i;
    }
    if (runStart >= 0) parts.push(raw.slice(runStart));
    return new PageText(parts.join(''), raw, toRaw.subarray(0, n), nodes, nodeRaw, nodeIndex);
  }

  get length(): number {
    return this.text.length;
  }

  /** The DOM range of anchor text [start, end), or null if it is empty or out of bounds. */
  boundaries(start: number, end: number): TextBoundaries | null {
    if (start < 0 || end > this.text.length || start >= end) return null;
    const first = this.nodeOfRaw(this.toRaw[start]!);
    const lastRaw = this.toRaw[end - 1]!;
    const last = this.nodeOfRaw(lastRaw);
    return {
      startContainer: this.nodes[first]!,
      startOffset: this.toRaw[start]! - this.nodeRaw[first]!,
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
    return collapse(this.raw.slice(this.toRaw[start]!, this.toRaw[end - 1]! + 1));
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
    // Lower bound: anchor characters whose raw offset is before rawPos.
    let lo = 0;
    let hi = this.toRaw.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.toRaw[mid]! < rawPos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
