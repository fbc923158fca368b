import type { MatcherData } from '../glossary/compile';
import { buildFoldTable } from '../text/normalize';
import type { Matcher } from './flow-matcher';
import { matchStartsSource } from './match-starts';
import { PatternTrie } from './trie';

/**
 * Builds the runtime matcher from the compact data the build step ships. Without `starts` (the
 * reader's own terms, tests) the start regex is derived here, which reads all 64K folds.
 */
export function buildMatcher(
  data: Pick<MatcherData, 'fold' | 'patterns'> & Partial<MatcherData>,
): Matcher {
  const fold = buildFoldTable(data.fold);
  const starts =
    data.starts ??
    matchStartsSource(
      data.patterns.map(([text]) => text),
      fold,
    );
  return {
    fold,
    trie: PatternTrie.build(data.patterns.map(([text, term]) => ({ text, term }))),
    starts: new RegExp(starts, 'g'),
  };
}
