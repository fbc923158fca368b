import { describe, expect, it } from 'vitest';
import matcher from '../../glossary/generated/matcher.json';
import shipped from '../../glossary/generated/page-matcher.json';
import type { MatcherData } from '../../lib/shared/glossary/compile';
import { withCustomTerms } from '../../lib/shared/glossary/custom-matcher';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';
import { PatternTrie } from '../../lib/shared/match/trie';
import { buildFoldTable } from '../../lib/shared/text/normalize';

const full = matcher as MatcherData;
const fold = buildFoldTable(full.fold);

describe('the matcher as every page ships it', () => {
  it('is the build’s matcher with its patterns packed as the trie’s tables', () => {
    expect(shipped).toEqual(pageMatcherData(full));
    const { patterns, ...rest } = full;
    expect(shipped).toMatchObject(rest);
    // The build sorts its patterns: the tables keep them as they are.
    expect(shipped.trie.texts.map((t, i) => [t, shipped.trie.terms[i]])).toEqual(patterns);
    expect(shipped.trie.patternCount).toBe(new Set(patterns.map(([t]) => t)).size);
  });

  it.each([
    ['新质生产力'],
    ['高质量发展是新时代的硬道理，'],
    ['new quality productive forces and'],
    ['生产关系必须与生产力发展要求相适应'],
    ['无关的文字'],
  ])('revived, finds the longest pattern at the start of %s', (text) => {
    // Checked against the pairs themselves: the longest pattern the text starts with (these
    // texts need no folding, and end their English pattern at a word boundary).
    const naive = full.patterns
      .filter(([p]) => text.startsWith(p))
      .sort((a, b) => b[0].length - a[0].length)[0];
    const trie = PatternTrie.fromPacked(shipped.trie);
    const p = trie.longestAt(text, 0, fold);
    expect(p >= 0 ? [trie.termOf(p), trie.matchEnd] : null).toEqual(
      naive ? [naive[1], naive[0].length] : null,
    );
  });

  it('the reader’s own terms merged in (appended, unsorted) are sorted into the tables', () => {
    const merged = withCustomTerms(full, [{ id: 'custom-x1', patterns: ['某个术语', 'aa term'] }]);
    const packed = pageMatcherData(merged).trie;
    expect([...packed.texts].sort()).toEqual(packed.texts);
    expect(packed.texts).toHaveLength(merged.patterns.length);
    const trie = PatternTrie.fromPacked(packed);
    expect(trie.termOf(trie.longestAt('见某个术语。', 1, fold))).toBe(merged.entryIds.length - 1);
    expect(trie.termOf(trie.longestAt('新质生产力', 0, fold))).toBe(0);
  });
});
