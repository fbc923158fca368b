import { packTrie, type PackedTrie } from '../match/trie';
import type { MatcherData } from './compile';

/**
 * The matcher as the script every page loads ships it: the patterns as the trie's tables, made
 * by the glossary build (see PackedTrie), instead of `[text, term]` pairs the page would sort
 * and index on every load (306 two-element arrays and their literal's boilerplate were also
 * about 10 KB of every page's JS heap, bench page E).
 */
export type PageMatcherData = Omit<MatcherData, 'patterns'> & { trie: PackedTrie };

/** The same matcher (or the part of one the matcher needs) with its patterns packed. */
export function pageMatcherData<T extends Pick<MatcherData, 'patterns'>>({
  patterns,
  ...rest
}: T): Omit<T, 'patterns'> & { trie: PackedTrie } {
  return {
    ...rest,
    trie: packTrie(
      patterns.map(([t]) => t),
      patterns.map(([, n]) => n),
    ),
  };
}
