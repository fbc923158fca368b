import { DROP, SPACE, foldOf, isWordChar, spaceKept, type FoldTable } from '../text/normalize';

/**
 * The glossary's patterns as a trie over folded UTF-16 code units, walked straight over page
 * text: at a candidate start (see match-starts.ts) it finds the longest pattern that begins
 * there, folding and skipping whitespace as `compact` does, without building a folded copy of
 * the text. Hand-written because it is small and has no dependency.
 *
 * The trie is implicit: the patterns sorted by code unit, a state is the range of those that
 * share the characters read so far, and a step narrows it by binary search (one comparison once
 * a single pattern is left). Nothing is built:
 * the content script makes a matcher on every page load, in cold (interpreted) code, and the
 * explicit trie it used to build (5,425 states in typed arrays, a 64K-entry root table) cost
 * every page about 1.6 ms and 0.3 MB before a single character was checked. On a page without
 * terms only a few dozen starts are ever tried (bench, page E).
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

/**
 * The trie's tables as plain data. The glossary build makes them (scripts/build-glossary.ts) and
 * every page revives them as they are: building them in the page, 306 patterns in cold code,
 * cost each page load 0.4–1 ms (in-page timing, pages A and E).
 */
export interface PackedTrie {
  /** Non-empty pattern texts in code-unit order; equal texts keep their input order. */
  texts: string[];
  terms: number[];
  /** Bit 1: needs a word boundary before, bit 2: after (patterns that start/end in a word char). */
  flags: number[];
  /**
   * The range of the patterns starting with each first unit, packed as lo << 16 | hi (while
   * there are fewer than 65,536 patterns; else null, and the first step is a binary search too).
   * Every candidate start takes this step: a lookup, where two binary searches over all
   * patterns cost the sample article's scan about 1 ms in cold code (bench, page A).
   */
  roots: Record<number, number> | null;
  /** Distinct patterns (two patterns folding to the same text count once). */
  patternCount: number;
}

/** Packs patterns given as two parallel lists (any order; the sort is stable). */
export function packTrie(texts: readonly string[], terms: readonly number[]): PackedTrie {
  if (texts.length !== terms.length) throw new Error('packTrie: one term per text');
  // The reader's own terms come appended to the sorted glossary. The sort is stable: of two
  // patterns with the same text the first still wins.
  const order = texts
    .map((_, i) => i)
    .sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : 0));
  const out: PackedTrie = { texts: [], terms: [], flags: [], roots: null, patternCount: 0 };
  for (const i of order) {
    const text = texts[i]!;
    if (text.length === 0) continue;
    if (text !== out.texts[out.texts.length - 1]) out.patternCount++;
    out.texts.push(text);
    out.terms.push(terms[i]!);
    out.flags.push(
      (isWordChar(text.charCodeAt(0)) ? 1 : 0) |
        (isWordChar(text.charCodeAt(text.length - 1)) ? 2 : 0),
    );
  }
  const t = out.texts;
  if (t.length < 0x10000) {
    const roots: Record<number, number> = {};
    for (let i = 0; i < t.length;) {
      const c = t[i]!.charCodeAt(0);
      let j = i + 1;
      while (j < t.length && t[j]!.charCodeAt(0) === c) j++;
      roots[c] = (i << 16) | j;
      i = j;
    }
    out.roots = roots;
  }
  return out;
}

export class PatternTrie {
  /** Distinct patterns (two patterns folding to the same text count once). */
  readonly patternCount: number;
  /** Where the last successful `longestAt` match ended (saves an object per candidate). */
  matchEnd = 0;
  private readonly texts: string[];
  private readonly terms: number[];
  private readonly flags: number[];
  private readonly roots: Record<number, number> | null;

  static build(patterns: readonly PatternInput[]): PatternTrie {
    return new PatternTrie(
      packTrie(
        patterns.map((p) => p.text),
        patterns.map((p) => p.term),
      ),
    );
  }

  /** From tables `packTrie` made (at build time for the bundled glossary). */
  static fromPacked(packed: PackedTrie): PatternTrie {
    return new PatternTrie(packed);
  }

  private constructor(p: PackedTrie) {
    this.texts = p.texts;
    this.terms = p.terms;
    this.flags = p.flags;
    this.roots = p.roots;
    this.patternCount = p.patternCount;
  }

  /** The term of pattern `p` (as returned by longestAt). */
  termOf(p: number): number {
    return this.terms[p]!;
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
    const texts = this.texts;
    const flags = this.flags;
    const n = text.length;
    const u0 = text.charCodeAt(start);
    let last = u0 ^ fold[u0]!;
    let lo: number;
    let hi: number;
    if (this.roots) {
      const r = this.roots[last];
      if (r === undefined) return NONE;
      lo = r >>> 16;
      hi = r & 0xffff;
    } else {
      lo = lowerBound(texts, 0, texts.length, 0, last);
      hi = upperBound(texts, lo, texts.length, 0, last);
    }
    if (lo === hi) return NONE;
    let depth = 1;
    let best = NONE;
    let prev2 = -1;
    let k = start + 1;
    for (;;) {
      // A pattern that ends here sorts first in its range. Most are Chinese, with no
      // word-boundary rule.
      if (
        texts[lo]!.length === depth &&
        (flags[lo] === 0 || anyBoundary || this.boundaryOk(lo, text, start, k, fold))
      ) {
        best = lo;
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
      // The patterns that end here (one, or equal ones) have no character at `depth`.
      while (lo < hi && texts[lo]!.length === depth) lo++;
      if (hi - lo === 1) {
        // One pattern left (the tail of most matches): compared in place, no search to call.
        if (texts[lo]!.charCodeAt(depth) !== c) return best;
      } else {
        lo = lowerBound(texts, lo, hi, depth, c);
        hi = upperBound(texts, lo, hi, depth, c);
        if (lo === hi) return best;
      }
      depth++;
      prev2 = last;
      last = c;
      k = after;
    }
  }

  /** The word-boundary rule of pattern `p` for a match [start, end): the folded neighbours. */
  private boundaryOk(p: number, text: string, start: number, end: number, fold: FoldTable) {
    const f = this.flags[p]!;
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
}

/** The first index in [lo, hi) whose unit at `d` is ≥ c (every text there is longer than d). */
function lowerBound(texts: string[], lo: number, hi: number, d: number, c: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (texts[mid]!.charCodeAt(d) < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [lo, hi) whose unit at `d` is > c. */
function upperBound(texts: string[], lo: number, hi: number, d: number, c: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (texts[mid]!.charCodeAt(d) <= c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
