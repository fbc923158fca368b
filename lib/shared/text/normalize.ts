/**
 * Character folding for matching. Folding is 1:1 on UTF-16 code units so that an offset in the
 * folded text is an offset in the page text; only whitespace is removed or collapsed, and that
 * step returns an explicit offset map (see `compact`).
 */

/** Marks a code unit that is dropped entirely (zero-width characters, soft hyphen). */
export const DROP = 0;
/** Every kind of whitespace folds to this; `compact` then collapses or removes it. */
export const SPACE = 0x20;
/** 、，, inside listed formulas fold to one character, so 高科技，高效能 matches 高科技、高效能. */
export const LIST_COMMA = 0x3001;

/**
 * The 64K fold table, as differences: code unit `c` folds to `c ^ table[c]` (see `foldOf`).
 * Most units fold to themselves, so the table starts as the zeroed array the engine hands out;
 * an identity table would take a 65,536-step loop in cold code on every page load (~1.5 ms).
 */
export type FoldTable = Uint16Array;

/** What code unit `c` folds to. Hot loops inline it as `c ^ fold[c]`. */
export function foldOf(fold: FoldTable, c: number): number {
  return c ^ fold[c]!;
}

/**
 * Builds the fold table: full-width ASCII → ASCII, ASCII upper → lower case, whitespace and
 * hyphens → space, list commas → 、, curly apostrophes → ', and the traditional → simplified pairs
 * the glossary needs (generated at build time from opencc-js: only the characters of our terms).
 */
export function buildFoldTable(variantPairs: string): FoldTable {
  const t = new Uint16Array(0x10000);
  const to = (c: number, f: number) => {
    t[c] = c ^ f;
  };
  for (let c = 0x41; c <= 0x5a; c++) to(c, c + 0x20);
  // Full-width forms FF01–FF5E map onto ASCII 21–7E (and then lower-case).
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const a = c - 0xfee0;
    to(c, a >= 0x41 && a <= 0x5a ? a + 0x20 : a);
  }
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f]) {
    to(c, SPACE);
  }
  for (let c = 0x2000; c <= 0x200a; c++) to(c, SPACE);
  to(0x205f, SPACE);
  to(0x3000, SPACE);
  // Hyphens and dashes between English words: "high-quality" = "high quality".
  for (const c of [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014]) to(c, SPACE);
  for (const c of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xad]) to(c, DROP);
  for (const c of [0x2c, 0xff0c, 0x3001, 0xfe50, 0xfe51, 0xff64]) to(c, LIST_COMMA);
  to(0x2019, 0x27);
  to(0x2018, 0x27);
  for (let i = 0; i + 1 < variantPairs.length; i += 2) {
    to(variantPairs.charCodeAt(i), variantPairs.charCodeAt(i + 1));
  }
  return t;
}

/** CJK ideographs, radicals, CJK punctuation and full-width punctuation. */
export function isCjk(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0xd840 && c <= 0xd87f) // high surrogates of CJK Extension B–G
  );
}

export function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * Whether a whitespace run stays (as one space) between the folded characters around it: not
 * between two CJK characters (产\n业 → 产业). `prev2` is the character before `prev`: after an
 * astral character `prev` is its low surrogate, and the high one says whether it is CJK. -1: none.
 */
export function spaceKept(prev: number, prev2: number, next: number): boolean {
  const prevCjk = isCjk(prev) || (prev >= 0xdc00 && prev <= 0xdfff && isCjk(prev2));
  return !(prevCjk && isCjk(next));
}

export interface Compacted {
  /** The folded code units with whitespace collapsed, ready for the matcher (first `length`). */
  codes: Uint16Array;
  length: number;
  /**
   * map[i] = offset in the source of compacted character i; null when the two are the same
   * (no whitespace was removed), which is the common case and costs nothing.
   */
  map: Int32Array | null;
}

/**
 * Folds `src` and removes whitespace that is not meaningful for matching: a whitespace run
 * between two CJK characters disappears (产\n业 → 产业: hard-wrapped CMS output), any other run
 * becomes one space (English words), leading/trailing runs become one space, dropped characters
 * disappear.
 */
export function compact(src: string, fold: FoldTable): Compacted {
  const n = src.length;
  const out = new Uint16Array(n);
  let map: Int32Array | null = null;
  let j = 0;
  let i = 0;
  while (i < n) {
    const f = foldOf(fold, src.charCodeAt(i));
    if (f !== SPACE && f !== DROP) {
      if (map) map[j] = i;
      out[j++] = f;
      i++;
      continue;
    }
    // A run of whitespace and dropped characters.
    const runStart = i;
    let hasSpace = false;
    while (i < n) {
      const g = foldOf(fold, src.charCodeAt(i));
      if (g === SPACE) hasSpace = true;
      else if (g !== DROP) break;
      i++;
    }
    const keepSpace =
      hasSpace &&
      spaceKept(
        j > 0 ? out[j - 1]! : -1,
        j >= 2 ? out[j - 2]! : -1,
        i < n ? foldOf(fold, src.charCodeAt(i)) : -1,
      );
    const keptLength = keepSpace ? 1 : 0;
    if (!map && i - runStart !== keptLength) {
      // First change of length: from here on the map is needed.
      map = new Int32Array(n);
      for (let k = 0; k < j; k++) map[k] = k;
    }
    if (keepSpace) {
      if (map) map[j] = runStart;
      out[j++] = SPACE;
    }
  }
  return { codes: out, length: j, map: map ? map.subarray(0, j) : null };
}

export function compactedText(c: Compacted): string {
  let text = '';
  // String.fromCharCode with a large spread overflows the stack; go in slices.
  for (let k = 0; k < c.length; k += 8192) {
    text += String.fromCharCode(...c.codes.subarray(k, Math.min(c.length, k + 8192)));
  }
  return text;
}

/**
 * Folds a glossary pattern exactly as page text is folded. No pattern starts or ends with the
 * folded space (a stray hyphen around a reader's term, say): a match is its characters, and
 * starts are found at characters, not inside whitespace runs.
 */
export function normalizePattern(pattern: string, fold: FoldTable): string {
  return compactedText(compact(pattern, fold)).replace(/^ +| +$/g, '');
}
