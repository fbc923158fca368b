/**
 * The set of painted matches of one kind (terms, notes), registered with the CSS Custom
 * Highlight API under one name. Matches are indexed by every text node they touch, for
 * hit-testing, and owned by their first text node, so re-scanning a flow clears exactly its
 * own matches.
 */

export interface Hit {
  /** Payload: the glossary entry index for terms. */
  term: number;
  range: AbstractRange;
  /**
   * Every text node the match touches, first to last, when it spans more than one. Absent for
   * a match inside one text node (most of them): its node is the range's start, and a 1 MB
   * page's 45,000 one-element arrays would otherwise cost ~2 MB of heap.
   */
  nodes?: Text[];
}

/** The text node a match starts in (and is owned by). */
export function firstNode(hit: Hit): Text {
  return hit.nodes ? hit.nodes[0]! : (hit.range.startContainer as Text);
}

/** The part of the Highlight interface we use (a Set of ranges); tests pass a plain Set. */
export interface RangeSet {
  /** `fresh`: found in content that just arrived (see ViewportRanges); plain sets ignore it. */
  add(range: AbstractRange, fresh?: boolean): unknown;
  delete(range: AbstractRange): boolean;
  clear(): void;
  readonly size: number;
}

export class HighlightLayer {
  private readonly byNode = new Map<Text, Hit[]>();
  private count = 0;

  constructor(readonly ranges: RangeSet) {}

  get size(): number {
    return this.count;
  }

  add(hit: Hit, fresh = false): void {
    this.ranges.add(hit.range, fresh);
    this.count++;
    if (!hit.nodes) this.link(firstNode(hit), hit);
    else for (const n of hit.nodes) this.link(n, hit);
  }

  private link(node: Text, hit: Hit): void {
    const list = this.byNode.get(node);
    if (list) list.push(hit);
    else this.byNode.set(node, [hit]);
  }

  /** Removes the matches that start in `node`. */
  clearOwnedBy(node: Text): void {
    const list = this.byNode.get(node);
    if (!list) return;
    let kept: Hit[] | null = null;
    for (const hit of list) {
      if (firstNode(hit) !== node) {
        (kept ??= []).push(hit);
        continue;
      }
      this.ranges.delete(hit.range);
      this.count--;
      const nodes = hit.nodes ?? [];
      for (let i = 1; i < nodes.length; i++) this.unlink(nodes[i]!, hit);
    }
    if (kept) this.byNode.set(node, kept);
    else this.byNode.delete(node);
  }

  /** Drops the matches whose text left the document. */
  sweepDisconnected(): void {
    for (const node of [...this.byNode.keys()]) {
      if (!node.isConnected) this.clearOwnedBy(node);
    }
  }

  /** The match covering character `index` of `node`, if any. */
  hitAt(node: Text, index: number): Hit | undefined {
    const list = this.byNode.get(node);
    if (!list) return undefined;
    for (const hit of list) {
      const r = hit.range;
      const afterStart = r.startContainer !== node || index >= r.startOffset;
      const beforeEnd = r.endContainer !== node || index < r.endOffset;
      if (afterStart && beforeEnd) return hit;
    }
    return undefined;
  }

  *hits(): IterableIterator<Hit> {
    for (const [node, list] of this.byNode) {
      for (const hit of list) if (firstNode(hit) === node) yield hit;
    }
  }

  clear(): void {
    this.byNode.clear();
    this.ranges.clear();
    this.count = 0;
  }

  private unlink(node: Text, hit: Hit): void {
    const list = this.byNode.get(node);
    if (!list) return;
    const i = list.indexOf(hit);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byNode.delete(node);
  }
}
