import type { MatcherData } from '../../shared/glossary/compile';
import { buildFoldTable } from '../../shared/text/normalize';
import type { Matcher } from './flow-matcher';
import { withoutWordStarts } from '../../shared/match/match-starts';
import { PatternTrie } from '../../shared/match/trie';

/**
 * Builds the runtime matcher from the compact data the build step ships (the start regex comes
 * computed: by the glossary build, or by the background for the reader's own terms). Built
 * before the scan, not on its first use: a page without terms still has candidate starts (the
 * first scan checks them against the trie), and built inside the scan it cost the sample
 * article's scan 2 ms (bench: A 3.9 -> 5.9 ms, E 0.7 -> 2.7 ms).
 */
export function buildMatcher(data: Pick<MatcherData, 'fold' | 'patterns' | 'starts'>): Matcher {
  return {
    fold: buildFoldTable(data.fold),
    trie: PatternTrie.build(data.patterns.map(([text, term]) => ({ text, term }))),
    starts: compiledRegExp(data.starts),
    anyStarts: compiledRegExp(withoutWordStarts(data.starts)),
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
