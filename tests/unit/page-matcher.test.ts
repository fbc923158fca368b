import { describe, expect, it } from 'vitest';
import matcher from '../../glossary/generated/matcher.json';
import shipped from '../../glossary/generated/page-matcher.json';
import type { MatcherData } from '../../lib/shared/glossary/compile';
import { withCustomTerms } from '../../lib/shared/glossary/custom-matcher';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';
import { PatternTrie } from '../../lib/shared/match/trie';
import { buildFoldTable } from '../../lib/shared/text/normalize';

const full = matcher as MatcherData;

describe('the matcher as every page ships it', () => {
  it('is the build’s matcher with its patterns as lists', () => {
    expect(shipped).toEqual(pageMatcherData(full));
    const { patterns, ...rest } = full;
    expect(shipped).toMatchObject(rest);
    expect(shipped.texts.map((t, i) => [t, shipped.terms[i]])).toEqual(patterns);
  });

  it('the reader’s own terms merged in (appended, unsorted) become lists as well', () => {
    const merged = withCustomTerms(full, [{ id: 'custom-x1', patterns: ['某个术语', 'aa term'] }]);
    const lists = pageMatcherData(merged);
    expect(lists.texts.map((t, i) => [t, lists.terms[i]])).toEqual(merged.patterns);
    // The trie sorts what comes unsorted: the custom pattern is found like a bundled one.
    const trie = PatternTrie.fromLists(lists.texts, lists.terms);
    const fold = buildFoldTable(full.fold);
    expect(trie.termOf(trie.longestAt('见某个术语。', 1, fold))).toBe(merged.entryIds.length - 1);
    expect(trie.termOf(trie.longestAt('新质生产力', 0, fold))).toBe(0);
  });
});
