import { flowsInTextContent, type Flow } from '../text/flows';
import { DROP, foldOf, isWordChar, type FoldTable } from '../../shared/text/normalize';
import type { Match, PatternTrie } from '../../shared/match/trie';

/** Flows longer than this are matched in windows, so no single step runs long. */
export const WINDOW = 32_768;

export interface Matcher {
  trie: PatternTrie;
  fold: FoldTable;
  /** Global RegExp of the places a pattern may start (see matchStartsSource). */
  starts: RegExp;
  /** The same without the start-of-word test on English starts (see mayMatch). */
  anyStarts: RegExp;
}

/** How many candidate starts mayMatch checks before it answers "maybe" without looking further. */
const MAY_MATCH_CANDIDATES = 256;

/**
 * Whether a text that contains every flow of a page (its text nodes concatenated: flows side by
 * side with no boundary between them) may hold a match: false only when no flow can. Within a
 * flow its characters are the same, so a match there is a match here, except that a word
 * boundary at a flow's edge may now sit against the next flow's letters; English starts and
 * boundaries are therefore not required. It may answer true where no flow matches (a term
 * straddling two paragraphs, or more than `limit` near misses): the caller then walks the flows.
 */
export function mayMatch(m: Matcher, text: string, limit = MAY_MATCH_CANDIDATES): boolean {
  const rx = m.anyStarts;
  rx.lastIndex = 0;
  let found = false;
  for (let tried = 0; rx.test(text); tried++) {
    if (tried >= limit || m.trie.longestAt(text, rx.lastIndex - 1, m.fold, true) >= 0) {
      found = true;
      break;
    }
  }
  rx.lastIndex = 0;
  return found;
}

/**
 * Whether a term may occur in the flows under `root`, whose `textContent` is `text`: the text
 * may hold one (mayMatch), or some flow's text is not in it (an excluded inline element splits
 * a flow: only a walk can tell).
 */
export function mayHoldTerms(m: Matcher, root: Element, text = root.textContent ?? ''): boolean {
  return mayMatch(m, text) || !flowsInTextContent(root);
}

/**
 * The leftmost-longest, non-overlapping matches that start in flow text [from, to), in flow
 * offsets; a match may end past `to` (the caller continues at `max(to, lastEnd)`). The regex
 * proposes starts, natively; the trie says which pattern, if any, is there.
 */
export function matchWindow(m: Matcher, text: string, from: number, to: number): Match[] {
  const { trie, fold } = m;
  const found: Match[] = [];
  // A slice ending one unit past `to` (the regex looks one character ahead), starting one
  // before `from` (English starts look one back): a search never runs on past the window,
  // which on a long flow without terms would read the rest of it once per window.
  const whole = from === 0 && to >= text.length;
  const base = whole ? 0 : Math.max(0, from - 1);
  const subject = whole ? text : text.slice(base, Math.min(text.length, to + 1));
  const rx = m.starts;
  rx.lastIndex = from - base;
  while (rx.test(subject)) {
    const start = base + rx.lastIndex - 1;
    if (start >= to) break;
    const p = trie.longestAt(text, start, fold);
    if (p < 0) continue;
    found.push({ start, end: trie.matchEnd, term: trie.termOf(p) });
    // Matches do not overlap: the search goes on after this one (past the slice: done).
    if (trie.matchEnd - base >= subject.length) break;
    rx.lastIndex = trie.matchEnd - base;
  }
  rx.lastIndex = 0;
  return found;
}

/** All matches of a flow, in order (windows joined). */
export function matchFlow(m: Matcher, flow: Flow): Match[] {
  if (flow.text.length <= WINDOW) return matchWindow(m, flow.text, 0, flow.text.length);
  const all: Match[] = [];
  let pos = 0;
  while (pos < flow.text.length) {
    const to = Math.min(flow.text.length, pos + WINDOW);
    const found = matchWindow(m, flow.text, pos, to);
    all.push(...found);
    pos = Math.max(to, found.length ? found[found.length - 1]!.end : 0);
  }
  return all;
}

/**
 * The matches of a document's whole text (its text nodes concatenated), found while the engine
 * is on its way: most flows' matches are then read off instead of found again (`matchesInText`).
 * `cursor` and `next` follow the flows, which come in document order.
 */
export interface TextMatches {
  readonly text: string;
  readonly matches: readonly Match[];
  cursor: number;
  next: number;
  /** Flows not found in a row (the page changed since): past MAX_MISSES, none is looked for. */
  misses: number;
}

/**
 * Past this many characters the document's text is not matched ahead (one task of its own).
 * At most WINDOW (a unit test checks): a flow's matches read off it are then no more than one
 * window's work, as the scan's steps are.
 */
export const TEXT_MATCHES_MAX = 32_768;

/** Each miss searches the rest of the text: a page changed all over stops paying for it. */
const MAX_MISSES = 8;

export function matchText(m: Matcher, text: string): TextMatches | null {
  if (text.length > TEXT_MATCHES_MAX) return null;
  const matches = matchWindow(m, text, 0, text.length);
  return { text, matches, cursor: 0, next: 0, misses: 0 };
}

/**
 * A flow's matches read off the whole text's, or null where they could differ from
 * matchWindow's on the flow alone: when the flow is not found in the text (an excluded inline
 * element splits it), when a match crosses either of its edges (it may hide one inside), or
 * when the nearest unit beyond an edge (zero-width ones skipped) folds to a word character
 * (English starts and word boundaries read it; at a flow's edge there is none). Elsewhere the
 * start regex and the trie read the same units as on the flow, so they find the same matches.
 * Whatever occurrence of the flow's text is found, this holds of that occurrence.
 */
export function matchesInText(m: Matcher, t: TextMatches, flow: string): Match[] | null {
  const { text, matches } = t;
  if (t.misses >= MAX_MISSES) return null;
  const fs = flow.length ? text.indexOf(flow, t.cursor) : -1;
  if (fs < 0) {
    t.misses++;
    return null;
  }
  t.misses = 0;
  const fe = fs + flow.length;
  // Flows come in document order: the next one is at or after this one's end.
  t.cursor = fe;
  let i = t.next;
  while (i < matches.length && matches[i]!.end <= fs) i++;
  const found: Match[] = [];
  // A match that crosses an edge stays next: it may cross the next flow's start too.
  let crosses = i < matches.length && matches[i]!.start < fs;
  while (!crosses && i < matches.length && matches[i]!.start < fe) {
    const x = matches[i]!;
    if (x.end > fe) crosses = true;
    else {
      found.push({ start: x.start - fs, end: x.end - fs, term: x.term });
      i++;
    }
  }
  t.next = i;
  if (crosses || wordBeside(m.fold, text, fs - 1, -1) || wordBeside(m.fold, text, fe, 1)) {
    return null;
  }
  return found;
}

/** Whether the first unit from `at` in direction `step` that is not dropped folds to a word character. */
function wordBeside(fold: FoldTable, text: string, at: number, step: 1 | -1): boolean {
  for (let q = at; q >= 0 && q < text.length; q += step) {
    const g = foldOf(fold, text.charCodeAt(q));
    if (g !== DROP) return isWordChar(g);
  }
  return false;
}
