import type { Flow } from '../text/flows';
import { compact, type FoldTable } from '../text/normalize';
import type { Automaton, Match } from './automaton';

/** Flows longer than this are matched in windows, so no single step runs long. */
export const WINDOW = 32_768;
/** Raw characters a window reaches past its end: longer than any match with its whitespace. */
const OVERLAP = 1_024;
/** Raw characters a window looks back, for the word-boundary test of English patterns. */
const CONTEXT = 16;

export interface Matcher {
  automaton: Automaton;
  fold: FoldTable;
}

/**
 * Matches flow text [from, to) and returns matches in flow offsets. Matches that start in the
 * window are complete even when they end past `to`; the caller continues at `max(to, lastEnd)`.
 */
export function matchWindow(m: Matcher, text: string, from: number, to: number): Match[] {
  const w0 = Math.max(0, from - CONTEXT);
  const w1 = to >= text.length ? text.length : Math.min(text.length, to + OVERLAP);
  const slice = w0 === 0 && w1 === text.length ? text : text.slice(w0, w1);
  const c = compact(slice, m.fold);
  const toCompact = (raw: number) => {
    if (!c.map) return raw - w0;
    // First compacted index whose source offset is >= raw.
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c.map[mid]! + w0 < raw) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const minStart = from === 0 ? 0 : toCompact(from);
  const maxStart = to >= text.length ? c.length : toCompact(to);
  const found: Match[] = [];
  m.automaton.findAll(c.codes, c.length, found, minStart, maxStart);
  if (w0 === 0 && !c.map) return found;
  for (const f of found) {
    const last = f.end - 1;
    f.start = w0 + (c.map ? c.map[f.start]! : f.start);
    f.end = w0 + (c.map ? c.map[last]! : last) + 1;
  }
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
