import type { MatcherData } from './compile';

/**
 * The matcher as the script every page loads ships it: the patterns as two parallel lists
 * instead of `[text, term]` pairs. 306 two-element arrays and the literal's boilerplate copy of
 * them were about 20 KB of every page's JS heap (bench, page E); two flat lists are two arrays.
 */
export type PageMatcherData = Omit<MatcherData, 'patterns'> & PatternLists;

export interface PatternLists {
  /** Folded pattern texts, sorted as the build sorts them. */
  texts: string[];
  /** Entry index of each text. */
  terms: number[];
}

/** The same matcher (or part of one) with its patterns as lists. */
export function pageMatcherData<T extends Pick<MatcherData, 'patterns'>>({
  patterns,
  ...rest
}: T): Omit<T, 'patterns'> & PatternLists {
  return { ...rest, texts: patterns.map(([t]) => t), terms: patterns.map(([, n]) => n) };
}
