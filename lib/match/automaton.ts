import { isWordChar } from '../text/normalize';

/**
 * A hand-written Aho–Corasick automaton over UTF-16 code units, with leftmost-longest,
 * non-overlapping selection. Hand-written because it is ~150 lines, has no dependency, works on
 * the folded Uint16Array the normaliser produces (no intermediate strings), and is the piece the
 * benchmark (`npm run bench`) measures against per-term scans; the property test in
 * tests/unit/automaton.test.ts holds it to a naive reference.
 */

export interface PatternInput {
  /** Already folded with the same table as the page text (see normalizePattern). */
  text: string;
  /** Opaque payload returned with each match, e.g. the glossary entry's index. */
  term: number;
}

export interface Match {
  /** Offsets into the matched code units; `end` is exclusive. */
  start: number;
  end: number;
  term: number;
}

const NONE = -1;

export class Automaton {
  readonly patternCount: number;
  /** Full transition table of the root: most characters of a page leave the root at once. */
  private readonly rootNext: Int32Array;
  // Open-addressed hash of (state, code) → next state for every non-root state.
  private readonly hKeyState: Int32Array;
  private readonly hKeyCode: Uint16Array;
  private readonly hValue: Int32Array;
  private readonly hMask: number;
  private readonly fail: Int32Array;
  /** The pattern ending at this state (NONE if the state is not terminal). */
  private readonly own: Int32Array;
  /** Next state on the fail chain that is terminal (the dictionary suffix link). */
  private readonly dict: Int32Array;
  private readonly patLength: Int32Array;
  private readonly patTerm: Int32Array;
  /** Bit 1: needs a word boundary before, bit 2: after (patterns that start/end in a word char). */
  private readonly patFlags: Uint8Array;

  private constructor(
    patternCount: number,
    rootNext: Int32Array,
    hKeyState: Int32Array,
    hKeyCode: Uint16Array,
    hValue: Int32Array,
    fail: Int32Array,
    own: Int32Array,
    dict: Int32Array,
    patLength: Int32Array,
    patTerm: Int32Array,
    patFlags: Uint8Array,
  ) {
    this.patternCount = patternCount;
    this.rootNext = rootNext;
    this.hKeyState = hKeyState;
    this.hKeyCode = hKeyCode;
    this.hValue = hValue;
    this.hMask = hKeyState.length - 1;
    this.fail = fail;
    this.own = own;
    this.dict = dict;
    this.patLength = patLength;
    this.patTerm = patTerm;
    this.patFlags = patFlags;
  }

  static build(patterns: readonly PatternInput[]): Automaton {
    // Built straight into typed arrays: no Map per state. The content script builds this on
    // every page load, cold (interpreted), so allocation-free loops matter (~20 ms → ~2 ms).
    let total = 0;
    for (const p of patterns) total += p.text.length;
    const maxStates = total + 1;
    let size = 16;
    while (size < maxStates * 2) size <<= 1;
    const mask = size - 1;
    const hKeyState = new Int32Array(size).fill(NONE);
    const hKeyCode = new Uint16Array(size);
    const hValue = new Int32Array(size);
    const rootNext = new Int32Array(0x10000);
    const own = new Int32Array(maxStates).fill(NONE);
    const firstChild = new Int32Array(maxStates).fill(NONE);
    const nextSibling = new Int32Array(maxStates).fill(NONE);
    const edge = new Uint16Array(maxStates);
    const lookup = (s: number, c: number) => {
      let h = hash(s, c) & mask;
      for (;;) {
        const ks = hKeyState[h]!;
        if (ks === NONE) return NONE;
        if (ks === s && hKeyCode[h] === c) return hValue[h]!;
        h = (h + 1) & mask;
      }
    };
    const put = (s: number, c: number, v: number) => {
      let h = hash(s, c) & mask;
      while (hKeyState[h] !== NONE) h = (h + 1) & mask;
      hKeyState[h] = s;
      hKeyCode[h] = c;
      hValue[h] = v;
    };
    let states = 1;
    const kept: PatternInput[] = [];
    for (const p of patterns) {
      if (p.text.length === 0) continue;
      let s = 0;
      for (let i = 0; i < p.text.length; i++) {
        const c = p.text.charCodeAt(i);
        let next = s === 0 ? rootNext[c]! || NONE : lookup(s, c);
        if (next === NONE) {
          next = states++;
          if (s === 0) rootNext[c] = next;
          else put(s, c, next);
          edge[next] = c;
          nextSibling[next] = firstChild[s]!;
          firstChild[s] = next;
        }
        s = next;
      }
      // Two patterns folding to the same text: the first wins (the glossary forbids this anyway).
      if (own[s] === NONE) {
        own[s] = kept.length;
        kept.push(p);
      }
    }
    const fail = new Int32Array(states);
    const dict = new Int32Array(states).fill(NONE);
    // Breadth-first failure links.
    const queue = new Int32Array(states);
    let tail = 0;
    for (let t = firstChild[0]!; t !== NONE; t = nextSibling[t]!) queue[tail++] = t;
    for (let head = 0; head < tail; head++) {
      const s = queue[head]!;
      for (let t = firstChild[s]!; t !== NONE; t = nextSibling[t]!) {
        const c = edge[t]!;
        let f = fail[s]!;
        let target = 0;
        for (;;) {
          const g = f === 0 ? rootNext[c]! || NONE : lookup(f, c);
          if (g !== NONE) {
            target = g;
            break;
          }
          if (f === 0) break;
          f = fail[f]!;
        }
        fail[t] = target;
        dict[t] = own[target] !== NONE ? target : dict[target]!;
        queue[tail++] = t;
      }
    }
    const patLength = new Int32Array(kept.length);
    const patTerm = new Int32Array(kept.length);
    const patFlags = new Uint8Array(kept.length);
    kept.forEach((p, i) => {
      patLength[i] = p.text.length;
      patTerm[i] = p.term;
      patFlags[i] =
        (isWordChar(p.text.charCodeAt(0)) ? 1 : 0) |
        (isWordChar(p.text.charCodeAt(p.text.length - 1)) ? 2 : 0);
    });
    return new Automaton(
      kept.length,
      rootNext,
      hKeyState,
      hKeyCode,
      hValue,
      fail,
      own.slice(0, states),
      dict,
      patLength,
      patTerm,
      patFlags,
    );
  }

  private step(s: number, c: number): number {
    let h = hash(s, c) & this.hMask;
    for (;;) {
      const ks = this.hKeyState[h]!;
      if (ks === NONE) return NONE;
      if (ks === s && this.hKeyCode[h] === c) return this.hValue[h]!;
      h = (h + 1) & this.hMask;
    }
  }

  /**
   * Appends to `out` the leftmost-longest, non-overlapping matches in codes[0, length).
   * Patterns that begin or end with a word character (English) only match at word boundaries.
   * Only matches starting in [minStart, maxStart) are considered: a long text is matched in
   * overlapping windows, each owning the matches that start inside it.
   */
  findAll(codes: Uint16Array, length: number, out: Match[], minStart = 0, maxStart = length): void {
    // Candidates as (start, patternIndex) pairs; filled in end order.
    let cStart: number[] | null = null;
    let cPat: number[] | null = null;
    let s = 0;
    for (let i = 0; i < length; i++) {
      const c = codes[i]!;
      if (s === 0) {
        s = this.rootNext[c]!;
        if (s === 0) continue;
      } else {
        for (;;) {
          const t = this.step(s, c);
          if (t !== NONE) {
            s = t;
            break;
          }
          s = this.fail[s]!;
          if (s === 0) {
            s = this.rootNext[c]!;
            break;
          }
        }
        if (s === 0) continue;
      }
      let o = this.own[s] !== NONE ? s : this.dict[s]!;
      while (o !== NONE) {
        const p = this.own[o]!;
        const start = i + 1 - this.patLength[p]!;
        if (
          start >= minStart &&
          start < maxStart &&
          this.boundaryOk(p, codes, start, i + 1, length)
        ) {
          if (!cStart) {
            cStart = [];
            cPat = [];
          }
          cStart.push(start);
          cPat!.push(p);
        }
        o = this.dict[o]!;
      }
    }
    if (!cStart) return;
    selectLeftmostLongest(cStart, cPat!, this.patLength, this.patTerm, out);
  }

  private boundaryOk(p: number, codes: Uint16Array, start: number, end: number, length: number) {
    const f = this.patFlags[p]!;
    if (f & 1 && start > 0 && isWordChar(codes[start - 1]!)) return false;
    if (f & 2 && end < length && isWordChar(codes[end]!)) return false;
    return true;
  }
}

function hash(s: number, c: number): number {
  return Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
}

function selectLeftmostLongest(
  cStart: number[],
  cPat: number[],
  patLength: Int32Array,
  patTerm: Int32Array,
  out: Match[],
): void {
  const order = cStart.map((_, i) => i);
  order.sort((a, b) => cStart[a]! - cStart[b]! || patLength[cPat[b]!]! - patLength[cPat[a]!]!);
  let lastEnd = 0;
  for (const k of order) {
    const start = cStart[k]!;
    if (start < lastEnd) continue;
    const p = cPat[k]!;
    lastEnd = start + patLength[p]!;
    out.push({ start, end: lastEnd, term: patTerm[p]! });
  }
}
