import type { PageMatcherData } from '../../shared/glossary/page-matcher';
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
export function buildMatcher(data: Pick<PageMatcherData, 'fold' | 'trie' | 'starts'>): Matcher {
  let starts: RegExp | undefined;
  return {
    fold: buildFoldTable(data.fold),
    trie: PatternTrie.fromPacked(data.trie),
    // Compiled when first asked for: a page whose text holds no candidate (most pages, see
    // TermsController.checkDocument) never needs it; the engine asks as it is made.
    get starts() {
      return (starts ??= compiledRegExp(data.starts));
    },
    // Run once per document over its whole text (and on mutated subtrees): a subject of 1,000
    // characters or more is compiled to machine code at once, so priming would only add work.
    anyStarts: new RegExp(withoutWordStarts(data.starts), 'g'),
  };
}

/**
 * Subjects that make V8 compile a regex to machine code at once: it compiles lazily, per string
 * width, first to bytecode and to machine code only on the next call — unless the subject has
 * at least 1,000 characters. A page has both widths (whitespace and English are one-byte,
 * Chinese two-byte), so a first scan would otherwise compile the start regex up to four times
 * (bench: ~0.4 ms on the sample article). Done here, it is part of building the matcher.
 */
function compiledRegExp(source: string): RegExp {
  const rx = new RegExp(source, 'g');
  // Made here, not kept: 3 KB of strings every page would hold for nothing.
  for (const subject of [' '.repeat(1000), '\u3000'.repeat(1000)]) {
    rx.lastIndex = 0;
    rx.test(subject);
  }
  rx.lastIndex = 0;
  return rx;
}
