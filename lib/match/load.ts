import type { MatcherData } from '../glossary/compile';
import { buildFoldTable } from '../text/normalize';
import { Automaton } from './automaton';
import type { Matcher } from './flow-matcher';

/** Builds the runtime matcher from the compact data the build step ships. */
export function buildMatcher(
  data: Pick<MatcherData, 'fold' | 'patterns'> & Partial<MatcherData>,
): Matcher {
  return {
    fold: buildFoldTable(data.fold),
    automaton: Automaton.build(data.patterns.map(([text, term]) => ({ text, term }))),
  };
}
