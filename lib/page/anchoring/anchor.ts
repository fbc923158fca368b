import approxSearch from 'approx-string-match';

/**
 * Finding a note's passage again, over plain strings (the DOM side is page-text.ts).
 *
 * The text searched is the page's text with ALL white space removed ("anchor text"): pages
 * re-wrap their source, swap spaces for &nbsp; or drop the newline inside 产\n业, and none of
 * that should lose a note. Chinese has no spaces between words, and for English the quote and
 * its context are compared the same way, so nothing is lost by ignoring them. Selectors store
 * readable text (white space collapsed); `squeeze` turns them into anchor text.
 *
 * The order follows hypothesis/client (src/annotator/anchoring): the stored position is tried
 * first and accepted only when it reproduces the quote; then every exact occurrence of the quote,
 * ranked by how well the text around it matches the stored prefix and suffix; then approximate
 * occurrences (approx-string-match), accepted only above a score threshold. Weights: quote 50,
 * prefix 20, suffix 20, position 2 (a tie-breaker).
 */

export interface QuoteSelectorLike {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface PositionSelectorLike {
  start: number;
  end: number;
}

export interface AnchorMatch {
  start: number;
  end: number;
  /** 0..1; 1 for an exact quote with its original context. */
  score: number;
  method: 'position' | 'exact' | 'fuzzy';
}

/** Characters of context kept on each side of a quote (in anchor text). */
export const CONTEXT_CHARS = 32;
/** An approximate match must score at least this (see `scoreAt`). */
const FUZZY_THRESHOLD = 0.65;
/** Longer quotes are matched approximately by their two ends (the search is O(quote × page)). */
export const FUZZY_MAX_QUOTE = 256;
const ENDS = 64;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/** White space as browsers and CJK pages produce it, including &nbsp;, U+3000 and zero-widths. */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A run of the characters `isSpace` accepts (keep the two in step). */
export const SPACE_RUN = /[\t-\r \u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u3000\ufeff]+/;

/** Anchor text of `s`: every white-space character removed. */
export function squeeze(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isSpace(s.charCodeAt(i))) continue;
    out += s.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Readable form for storage and display: runs of white space become one space, ends trimmed. */
export function collapse(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += s[i];
  }
  return out;
}

/**
 * Finds the passage described by `quote` (+ `position`, in anchor-text offsets) in `text`
 * (anchor text). null when it is not on the page: the caller keeps the note as an orphan.
 */
export function anchorQuote(
  text: string,
  quote: QuoteSelectorLike,
  position?: PositionSelectorLike,
): AnchorMatch | null {
  const exact = squeeze(quote.exact);
  if (!exact || !text) return null;
  const ctx: Context = {
    prefix: squeeze(quote.prefix).slice(-CONTEXT_CHARS),
    suffix: squeeze(quote.suffix).slice(0, CONTEXT_CHARS),
    hint: position?.start,
  };

  // 1. The stored position, if the quote is still there.
  if (position && position.end - position.start === exact.length) {
    if (text.startsWith(exact, position.start)) {
      return { start: position.start, end: position.end, score: 1, method: 'position' };
    }
  }

  // 2. Every exact occurrence, ranked by context.
  const exactHits = occurrences(text, exact);
  if (exactHits.length > 0) {
    return best(
      exactHits.map((start) => ({
        start,
        end: start + exact.length,
        score: scoreAt(text, start, start + exact.length, 1, ctx),
        method: 'exact' as const,
      })),
    );
  }

  // 3. Approximate occurrences, above the threshold.
  const found =
    exact.length <= FUZZY_MAX_QUOTE ? fuzzy(text, exact, ctx) : fuzzyByEnds(text, exact, ctx);
  return found && found.score >= FUZZY_THRESHOLD ? found : null;
}

interface Context {
  prefix: string;
  suffix: string;
  hint: number | undefined;
}

const MAX_CANDIDATES = 2_000;

function occurrences(text: string, s: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(s); i !== -1 && out.length < MAX_CANDIDATES; i = text.indexOf(s, i + 1))
    out.push(i);
  return out;
}

function fuzzy(text: string, exact: string, ctx: Context): AnchorMatch | null {
  const maxErrors = Math.min(256, Math.max(1, Math.floor(exact.length / 3)));
  const raw = approxSearch(text, exact, maxErrors);
  if (raw.length === 0) return null;
  // The library reports a match per end position; keep the fewest-error ones to score.
  raw.sort((a, b) => a.errors - b.errors || a.start - b.start);
  return best(
    raw.slice(0, MAX_CANDIDATES).map((m) => ({
      start: m.start,
      end: m.end,
      score: scoreAt(text, m.start, m.end, 1 - m.errors / exact.length, ctx),
      method: 'fuzzy' as const,
    })),
  );
}

/**
 * A long quote (a whole section): anchor its first and last ENDS characters separately, each
 * with the quote's own text as context, and accept when they come in order at about the right
 * distance.
 */
function fuzzyByEnds(text: string, exact: string, ctx: Context): AnchorMatch | null {
  const head = exact.slice(0, ENDS);
  const tail = exact.slice(-ENDS);
  const h = anchorQuote(
    text,
    { exact: head, prefix: ctx.prefix, suffix: exact.slice(ENDS, ENDS + CONTEXT_CHARS) },
    ctx.hint === undefined ? undefined : { start: ctx.hint, end: ctx.hint + ENDS },
  );
  if (!h) return null;
  const t = anchorQuote(
    text,
    { exact: tail, prefix: exact.slice(-ENDS - CONTEXT_CHARS, -ENDS), suffix: ctx.suffix },
    { start: h.start + exact.length - ENDS, end: h.start + exact.length },
  );
  if (!t || t.start < h.end) return null;
  const length = t.end - h.start;
  const lengthScore = 1 - Math.abs(length - exact.length) / exact.length;
  if (lengthScore < 0.8) return null;
  return {
    start: h.start,
    end: t.end,
    score: Math.min(h.score, t.score, lengthScore),
    method: 'fuzzy',
  };
}

function best(candidates: AnchorMatch[]): AnchorMatch {
  let top = candidates[0]!;
  for (const c of candidates) if (c.score > top.score) top = c;
  return top;
}

/** Weighted similarity of a candidate's quote, context and place to what was stored. */
function scoreAt(
  text: string,
  start: number,
  end: number,
  quoteScore: number,
  ctx: Context,
): number {
  const prefixScore = ctx.prefix
    ? similarity(text.slice(Math.max(0, start - ctx.prefix.length), start), ctx.prefix)
    : 1;
  const suffixScore = ctx.suffix
    ? similarity(text.slice(end, end + ctx.suffix.length), ctx.suffix)
    : 1;
  const positionScore =
    ctx.hint === undefined ? 1 : 1 - Math.abs(start - ctx.hint) / Math.max(text.length, 1);
  return (
    (WEIGHTS.quote * quoteScore +
      WEIGHTS.prefix * prefixScore +
      WEIGHTS.suffix * suffixScore +
      WEIGHTS.position * positionScore) /
    WEIGHT_SUM
  );
}

/** 1 − edit distance / expected length, floored at 0 (short strings: context windows). */
export function similarity(actual: string, expected: string): number {
  if (!expected) return 1;
  return Math.max(0, 1 - editDistance(actual, expected) / expected.length);
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}
