import type { MatcherData } from '../../shared/glossary/compile';
import { buildFoldTable } from '../../shared/text/normalize';
import type { Matcher } from './flow-matcher';
import { matchStartsSource, withoutWordStarts } from '../../shared/match/match-starts';
import { PatternTrie } from '../../shared/match/trie';

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
    starts: compiledRegExp(starts),
    anyStarts: compiledRegExp(withoutWordStarts(starts)),
  };
}

/**
 * Subjects that make V8 compile a regex to machine code at once: it compiles lazily, per string
 * width, first to bytecode and to machine code only on the next call — unless the subject has
 * at least 1,000 characters. A page has both widths (whitespace and English are one-byte,
 * Chinese two-byte), so a first scan would otherwise compile the start regex up to four times
 * (bench: ~0.4 ms on the sample article). Done here, it is part of building the matcher.
 */
const PRIME_ONE_BYTE = ' '.repeat(1000);
const PRIME_TWO_BYTE = '\u3000'.repeat(1000);

function compiledRegExp(source: string): RegExp {
  const rx = new RegExp(source, 'g');
  for (const subject of [PRIME_ONE_BYTE, PRIME_TWO_BYTE]) {
    rx.lastIndex = 0;
    rx.test(subject);
  }
  rx.lastIndex = 0;
  return rx;
}
