import { describe, expect, it } from 'vitest';
import glossary from '../../glossary/glossary.json';
import { glossEn, glossOf, glossZh } from '../../lib/shared/glossary/gloss';

describe('glossEn', () => {
  it.each([
    [
      'a short first sentence is kept whole',
      'A short phrase. And more after it.',
      'A short phrase',
    ],
    [
      'a long sentence is cut at a colon',
      'A principle stressed repeatedly since the fifth plenary session of the Committee: plan development and security together, so that growth strengthens the material basis.',
      'A principle stressed repeatedly since the fifth plenary session of the Committee',
    ],
    [
      'or at a comma that opens a clause',
      "A call made by Xi Jinping on 5 March 2024, when he joined the Jiangsu delegation's deliberations at the second session of the 14th National People's Congress.",
      'A call made by Xi Jinping on 5 March 2024',
    ],
    [
      'never inside a list',
      'Applying big data, artificial intelligence, the industrial internet and other digital technology throughout manufacturing, farming and services.',
      'Applying big data, artificial intelligence, the industrial internet and other digital technology…',
    ],
    [
      'at a word boundary, without a dangling word, marked as cut',
      'Growth driven mainly by scientific and technological innovation rather than by inputs of resources and capital alone over many years.',
      'Growth driven mainly by scientific and technological innovation rather than by inputs of resources…',
    ],
  ])('%s', (_why, definition, gloss) => {
    expect(glossEn(definition)).toBe(gloss);
  });
});

describe('glossZh', () => {
  it.each([
    [
      'the first clause, without 指',
      '指由创新起主导作用的先进生产力形态。其余。',
      '由创新起主导作用的先进生产力形态',
    ],
    [
      'a long clause at a full comma, not at 、',
      '在社会主义市场经济条件下，由国家集中调动政府、企业、科研院所和高校等各方面力量攻克重大科技难题的体制安排。',
      '在社会主义市场经济条件下',
    ],
    [
      'never inside brackets',
      '劳动以外的生产要素（知识、技术、管理、资本和数据）的所有者按贡献参与分配的制度安排。',
      '劳动以外的生产要素',
    ],
  ])('%s', (_why, definition, gloss) => {
    expect(glossZh(definition)).toBe(gloss);
  });
});

describe('every entry of the glossary', () => {
  const entries = glossary.entries;
  it.each(entries.map((e) => [e.id, e.definition] as const))(
    '%s: a short phrase, whole words',
    (_id, def) => {
      const en = glossOf(def, 'en').text;
      expect(en.length).toBeGreaterThan(10);
      expect(en.length).toBeLessThanOrEqual(101);
      // Ends on a whole word of the definition (or the cut mark after one).
      const bare = en.replace(/…$/, '');
      expect(def.en.startsWith(bare)).toBe(true);
      expect(/[\s,;:]$/.test(bare)).toBe(false);
      const next = def.en.charAt(bare.length);
      expect(/[A-Za-z0-9]/.test(next)).toBe(false);
      const zh = glossOf(def, 'zh').text;
      expect([...zh.replace(/…$/, '')].length).toBeLessThanOrEqual(40);
      expect(glossOf(def, 'zh').lang).toBe('zh-CN');
    },
  );
});
