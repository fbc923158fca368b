import { DROP, SPACE, foldOf, isWordChar, spaceKept, type FoldTable } from '../text/normalize';

/**
 * The glossary's patterns as a trie over folded UTF-16 code units, walked straight over page
 * text: at a candidate start (see match-starts.ts) it finds the longest pattern that begins
 * there, folding and skipping whitespace as `compact` does, without building a folded copy of
 * the text. Hand-written because it is small, has no dependency, and lives in typed arrays: the
 * content script builds it on every page load, in cold (interpreted) code.
 */

export interface PatternInput {
  /** Already folded with the same table as the page text (see normalizePattern). */
  text: string;
  /** Opaque payload returned with each match, e.g. the glossary entry's index. */
  term: number;
}

export interface Match {
  /** Offsets into the text; `end` is exclusive. */
  start: number;
  end: number;
  term: number;
}

const NONE = -1;

export class PatternTrie {
  readonly patternCount: number;
  /** Where the last successful `longestAt` match ended (saves an object per candidate). */
  matchEnd = 0;
  /** Full transition table of the root: the first character decides at once. */
  private readonly rootNext: Int32Array;
  // Below the root, each state's children as a list: its first child, each child's next
  // sibling (0 ends a list: the root is nobody's child), and the code unit leading to each.
  // Of our 5,425 non-root states with children, 5,290 have one and none more than 9 (the root,
  // with 76, has its table): adding a state is three writes, where a hash table cost a probe,
  // and the trie is built in cold code on every page load (2.2 -> 1.65 ms).
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly codeOf: Uint16Array;
  /** The pattern ending at this state (NONE if the state is not terminal). */
  private readonly own: Int32Array;
  private readonly patTerm: Int32Array;
  /** Bit 1: needs a word boundary before, bit 2: after (patterns that start/end in a word char). */
  private readonly patFlags: Uint8Array;

  static build(patterns: readonly PatternInput[]): PatternTrie {
    return new PatternTrie(patterns);
  }

  private constructor(patterns: readonly PatternInput[]) {
    let total = 0;
    for (const p of patterns) total += p.text.length;
    this.firstChild = new Int32Array(total + 1);
    this.nextSibling = new Int32Array(total + 1);
    this.codeOf = new Uint16Array(total + 1);
    this.rootNext = new Int32Array(0x10000);
    this.own = new Int32Array(total + 1).fill(NONE);
    let states = 1;
    const kept: PatternInput[] = [];
    // The states along the previous pattern: the prefix it shares with this one is walked by
    // comparing characters, not by lookups. While the patterns come sorted (the glossary
    // ships them so), every state after that prefix is new and needs no lookup either: built
    // in cold code on every page load, the trie costs about half as much. The reader's own
    // terms, appended unsorted, take the lookups.
    const path = [0];
    let prev = '';
    let sorted = true;
    for (const p of patterns) {
      const text = p.text;
      if (text.length === 0) continue;
      let shared = 0;
      const most = Math.min(text.length, prev.length);
      while (shared < most && text.charCodeAt(shared) === prev.charCodeAt(shared)) shared++;
      sorted &&= text > prev;
      prev = text;
      path.length = shared + 1;
      let s = path[shared]!;
      for (let i = shared; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let next = sorted ? NONE : s === 0 ? this.rootNext[c]! || NONE : this.step(s, c);
        if (next === NONE) {
          next = states++;
          if (s === 0) this.rootNext[c] = next;
          else this.addChild(s, c, next);
        }
        s = next;
        path.push(s);
      }
      // Two patterns folding to the same text: the first wins (the glossary forbids this anyway).
      if (this.own[s] === NONE) {
        this.own[s] = kept.length;
        kept.push(p);
      }
    }
    this.patternCount = kept.length;
    this.patTerm = Int32Array.from(kept, (p) => p.term);
    this.patFlags = Uint8Array.from(
      kept,
      (p) =>
        (isWordChar(p.text.charCodeAt(0)) ? 1 : 0) |
        (isWordChar(p.text.charCodeAt(p.text.length - 1)) ? 2 : 0),
    );
  }

  /** The term of pattern `p` (as returned by longestAt). */
  termOf(p: number): number {
    return this.patTerm[p]!;
  }

  /**
   * The longest pattern that matches `text` from `start` on, read through `fold` and with
   * whitespace compacted (a run between two CJK characters vanishes, any other is one space,
   * zero-width characters vanish), and whose word-boundary rule holds; NONE if there is none.
   * On a match, `matchEnd` is the raw offset just past its last character. `anyBoundary`: the
   * word-boundary rules are not checked (text whose neighbours are not the page's, see mayMatch).
   */
  longestAt(text: string, start: number, fold: FoldTable, anyBoundary = false): number {
    // Fields read into locals: this runs cold (interpreted) on an ordinary page, where every
    // property load is a lookup.
    const own = this.own;
    const flags = this.patFlags;
    const n = text.length;
    const u0 = text.charCodeAt(start);
    let last = u0 ^ fold[u0]!;
    let s = this.rootNext[last]!;
    if (s === 0) return NONE;
    let best = NONE;
    let prev2 = -1;
    let k = start + 1;
    for (;;) {
      const o = own[s]!;
      // Most patterns are Chinese, with no word-boundary rule (flags 0).
      if (
        o !== NONE &&
        (flags[o] === 0 || anyBoundary || this.boundaryOk(o, text, start, k, fold))
      ) {
        best = o;
        this.matchEnd = k;
      }
      // The next folded character, and the offset after it.
      let c = NONE;
      let after = k;
      while (after < n) {
        const u = text.charCodeAt(after);
        c = u ^ fold[u]!;
        if (c !== SPACE && c !== DROP) {
          after++;
          break;
        }
        let hasSpace = false;
        let r = after;
        for (; r < n; r++) {
          const v = text.charCodeAt(r);
          const g = v ^ fold[v]!;
          if (g === SPACE) hasSpace = true;
          else if (g !== DROP) break;
        }
        after = r;
        if (hasSpace && spaceKept(last, prev2, r < n ? foldOf(fold, text.charCodeAt(r)) : NONE)) {
          c = SPACE;
          break;
        }
        c = NONE;
      }
      if (c === NONE) return best;
      s = this.step(s, c);
      if (s === NONE) return best;
      prev2 = last;
      last = c;
      k = after;
    }
  }

  /** The word-boundary rule of pattern `p` for a match [start, end): the folded neighbours. */
  private boundaryOk(p: number, text: string, start: number, end: number, fold: FoldTable) {
    const f = this.patFlags[p]!;
    if (f & 1) {
      for (let q = start - 1; q >= 0; q--) {
        const g = foldOf(fold, text.charCodeAt(q));
        if (g === DROP) continue;
        if (isWordChar(g)) return false;
        break;
      }
    }
    if (f & 2) {
      for (let r = end; r < text.length; r++) {
        const g = foldOf(fold, text.charCodeAt(r));
        if (g !== DROP) return !isWordChar(g);
      }
    }
    return true;
  }

  private addChild(s: number, c: number, next: number): void {
    this.codeOf[next] = c;
    this.nextSibling[next] = this.firstChild[s]!;
    this.firstChild[s] = next;
  }

  private step(s: number, c: number): number {
    for (let k = this.firstChild[s]!; k !== 0; k = this.nextSibling[k]!) {
      if (this.codeOf[k] === c) return k;
    }
    return NONE;
  }
}
