import { describe, expect, it } from 'vitest';
import glossary from '../../glossary/generated/glossary.json';
import matcher from '../../glossary/generated/matcher.json';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { makeFolder, queryTokens } from '../../lib/extension/search/fold';
import { GlossaryIndex } from '../../lib/extension/search/glossary-search';
import {
  markTone,
  matchPinyin,
  pinyinKeys,
  pinyinQuery,
  stripTones,
} from '../../lib/extension/search/pinyin';

const g = glossary as CompiledGlossary;
const index = new GlossaryIndex(g.entries, makeFolder(matcher.fold));
const top = (q: string, n = 1) =>
  index
    .search(q)
    .slice(0, n)
    .map((h) => h.entry.zh);

describe('pinyin keys', () => {
  it('strips tones with NFD, keeping ü as u', () => {
    expect(stripTones('xīn zhì shēng chǎn lì')).toBe('xin zhi sheng chan li');
    expect(stripTones('lǜ sè')).toBe('lu se');
  });

  it('builds plain, toned, initials and syllable starts', () => {
    expect(pinyinKeys('xīn zhì shēng chǎn lì')).toEqual({
      toned: 'xīnzhìshēngchǎnlì',
      plain: 'xinzhishengchanli',
      starts: [0, 3, 6, 11, 15],
      initials: 'xzscl',
    });
  });

  it.each([
    ['xin1', 'xīn'],
    ['zhi4', 'zhì'],
    ['lv4', 'lǜ'],
    ['gou3', 'gǒu'],
    ['gui4', 'guì'],
    ['liu2', 'liú'],
    ['de5', 'de'],
  ])('puts the tone of %s on the right vowel: %s', (q, out) => {
    const m = /^([a-zv]+)(\d)$/.exec(q)!;
    expect(markTone(m[1]!, Number(m[2]))).toBe(out);
  });

  it('reads queries with tone marks, tone digits, v for ü, spaces and apostrophes', () => {
    expect(pinyinQuery('xin zhi')).toEqual({ toned: 'xinzhi', hasTones: false, plain: 'xinzhi' });
    expect(pinyinQuery('XĪN zhì')).toMatchObject({ hasTones: true, plain: 'xinzhi' });
    expect(pinyinQuery('xin1zhi4')).toMatchObject({ toned: 'xīnzhì', hasTones: true });
    expect(pinyinQuery("xi'an")).toMatchObject({ plain: 'xian' });
    expect(pinyinQuery('lvse')).toMatchObject({ plain: 'luse' });
    expect(pinyinQuery('新质')).toBeNull();
    expect(pinyinQuery('c++ 7')).toBeNull();
  });

  it('matches tones strictly only where the reader typed them', () => {
    const keys = pinyinKeys('xīn zhì shēng chǎn lì');
    expect(matchPinyin(keys, pinyinQuery('xinzhi')!)).toBe('prefix');
    expect(matchPinyin(keys, pinyinQuery('xīnzhi')!)).toBe('prefix');
    expect(matchPinyin(keys, pinyinQuery('xínzhi')!)).toBeNull();
    expect(matchPinyin(keys, pinyinQuery('shengchan')!)).toBe('syllable');
    expect(matchPinyin(keys, pinyinQuery('xinzhishengchanli')!)).toBe('exact');
    expect(matchPinyin(keys, pinyinQuery('hengchan')!)).toBe('inner');
  });
});

describe('glossary search', () => {
  it('lists every entry for an empty query', () => {
    expect(index.search('')).toHaveLength(g.entries.length);
    expect(index.search('   ')).toHaveLength(g.entries.length);
  });

  it.each([
    ['新质生产力', '新质生产力'],
    ['新质', '新质生产力'],
    ['新質生產力', '新质生产力'], // traditional folds to simplified
    ['xzscl', '新质生产力'], // initials
    ['XZSCL', '新质生产力'],
    ['xinzhishengchanli', '新质生产力'],
    ['xin zhi sheng', '新质生产力'],
    ['xīn zhì', '新质生产力'], // with tones
    ['xin1zhi4', '新质生产力'], // tone digits
    ['gzlfz', '高质量发展'],
    ['shengchanli', '生产力'],
    ['new quality productive forces', '新质生产力'],
    ['new productive forces', '新质生产力'], // an English variant
    ['forces of production', '生产力'], // a rendering after the preferred one (Qiushi)
    ['green transition', '绿色低碳转型'],
    ['High-Quality Development', '高质量发展'],
    ['high quality', '高质量发展'],
    ['producitve forces', '新质生产力'], // a typo, through Fuse.js
  ])('%s → %s first', (q, zh) => {
    expect(top(q)).toEqual([zh]);
  });

  it('ranks a whole headword before phrases that contain it', () => {
    const hits = top('生产力', 4);
    expect(hits[0]).toBe('生产力');
    expect(hits.slice(1).every((z) => z.includes('生产力'))).toBe(true);
  });

  it('respects typed tones: xīnzhǐ (third tone) is not 新质 (zhì)', () => {
    expect(top('xīnzhǐ', 5)).not.toContain('新质生产力');
  });

  it('does not bring fuzzy neighbours when something matched exactly', () => {
    expect(top('xinzhi', 10)).not.toContain('新华社');
  });

  it('finds nothing for nonsense', () => {
    expect(index.search('qqqqzzzz')).toEqual([]);
  });

  it('names the terms a note-search word stands for (exact or prefix only)', () => {
    expect(index.termsFor('xzscl')).toContain('new-quality-productive-forces');
    expect(index.termsFor('新质生产力')).toContain('new-quality-productive-forces');
    expect(index.termsFor('xinzhi')).toContain('new-quality-productive-forces');
    expect(index.termsFor('hengchanli').size).toBe(0);
  });
});

describe('folding', () => {
  const fold = makeFolder(matcher.fold);
  it('folds width, case, dashes and traditional characters', () => {
    expect(fold('ＡＩ High-Quality 發展')).toBe('ai high quality 发展');
  });
  it('splits query words on spaces and CJK commas', () => {
    expect(queryTokens('新质，经济  carbon')).toEqual(['新质', '经济', 'carbon']);
  });
});
