import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFoldTable,
  compact,
  compactedText,
  DROP,
  foldOf,
  isCjk,
  isWordChar,
  LIST_COMMA,
  normalizePattern,
  SPACE,
} from '../../lib/shared/text/normalize';

const plain = buildFoldTable('');
/** Traditional → simplified pairs, as the build step ships them ("發发質质…"). */
const PAIRS = '發发質质產产業业經经濟济';
const withPairs = buildFoldTable(PAIRS);

const fold = (s: string, table = plain) =>
  [...s].map((ch) => String.fromCharCode(foldOf(table, ch.charCodeAt(0)))).join('');

describe('buildFoldTable', () => {
  it.each([
    ['full-width letters', 'ＡＢＣｘｙｚ', 'abcxyz'],
    ['full-width digits', '０１２９', '0129'],
    ['full-width punctuation', '！？（）：', '!?():'],
    ['ASCII upper case', 'NEW Quality', 'new quality'],
    ['Latin-1 letters stay', 'café', 'café'],
    ['CJK stays', '新质生产力', '新质生产力'],
    ['list commas', '、，,﹐﹑､', '、、、、、、'],
    ['curly apostrophes', '\u2018people\u2019s', "'people's"],
    ['hyphens and dashes', 'a-b\u2010c\u2011d\u2012e\u2013f\u2014g', 'a b c d e f g'],
    ['whitespace kinds', '\t\n\r\u000b\u000c \u00a0\u3000\u2002\u200a\u202f\u205f', ' '.repeat(12)],
  ])('%s', (_name, input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it.each([['\u200b'], ['\u200c'], ['\u200d'], ['\u2060'], ['\ufeff'], ['\u00ad']])(
    'drops %j',
    (ch) => {
      expect(foldOf(plain, ch.charCodeAt(0))).toBe(DROP);
    },
  );

  it('exposes the special codes', () => {
    expect(SPACE).toBe(0x20);
    expect(LIST_COMMA).toBe('、'.charCodeAt(0));
  });

  it.each([
    ['發展', '发展'],
    ['產業', '产业'],
    ['經濟質量', '经济质量'],
    ['发展', '发展'],
  ])('traditional pairs from the pair string: %s → %s', (input, expected) => {
    expect(fold(input, withPairs)).toBe(expected);
    // Without the pairs nothing is folded.
    expect(fold(input)).toBe(input);
  });

  it('ignores a trailing unpaired character', () => {
    const t = buildFoldTable('發发質');
    expect(foldOf(t, '發'.charCodeAt(0))).toBe('发'.charCodeAt(0));
    expect(foldOf(t, '質'.charCodeAt(0))).toBe('質'.charCodeAt(0));
  });

  it('is the identity outside the listed ranges', () => {
    for (const ch of ['a', 'z', '0', '9', '.', '!', '@', 'é', 'ß', '新', '𠀀'.charAt(0)]) {
      expect(foldOf(plain, ch.charCodeAt(0)), ch).toBe(ch.charCodeAt(0));
    }
  });
});

describe('isCjk / isWordChar', () => {
  it.each([
    ['新', true, false],
    ['、', true, false],
    ['。', true, false],
    ['，', true, false],
    ['豈', true, false],
    ['a', false, true],
    ['z', false, true],
    ['0', false, true],
    ['é', false, true],
    ['A', false, false], // word chars are tested after folding: only lower case
    [' ', false, false],
    ["'", false, false],
    ['-', false, false],
  ])('%j: cjk %s, word %s', (ch, cjk, word) => {
    expect(isCjk(ch.charCodeAt(0))).toBe(cjk);
    expect(isWordChar(ch.charCodeAt(0))).toBe(word);
  });
});

type CompactCase = [name: string, src: string, text: string, map: number[] | null];

const COMPACT_CASES: CompactCase[] = [
  ['plain CJK: nothing removed', '新质生产力', '新质生产力', null],
  ['plain English: nothing removed', 'new forces', 'new forces', null],
  ['a line break between CJK', '产\n业', '产业', [0, 2]],
  ['a CR LF and indent between CJK', '产\r\n    业升级', '产业升级', [0, 7, 8, 9]],
  ['ideographic space between CJK', '新质\u3000生产力', '新质生产力', [0, 1, 3, 4, 5]],
  ['whitespace between CJK punctuation and CJK', '发展， 质量', '发展、质量', [0, 1, 2, 4, 5]],
  ['one space between English words kept (1:1)', 'new productive', 'new productive', null],
  ['a tab becomes a space (1:1)', 'new\tproductive', 'new productive', null],
  [
    'a run between English words collapses',
    'new  \n productive',
    'new productive',
    [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
  ],
  ['CJK next to Latin keeps one space', '新质 AI', '新质 ai', null],
  ['Latin next to CJK keeps one space', 'AI  新质', 'ai 新质', [0, 1, 2, 4, 5]],
  ['zero-width space dropped', '新\u200b质', '新质', [0, 2]],
  [
    'soft hyphen dropped inside a word',
    'pro\u00adductive',
    'productive',
    [0, 1, 2, 4, 5, 6, 7, 8, 9, 10],
  ],
  ['BOM at the start dropped', '\ufeff新质', '新质', [1, 2]],
  ['leading run becomes one space', '  新质', ' 新质', [0, 2, 3]],
  ['trailing run becomes one space', '新质 \n', '新质 ', [0, 1, 2]],
  ['single leading space stays (1:1)', ' 新质', ' 新质', null],
  ['whitespace and zero-width mixed between CJK', '产 \u200b\n业', '产业', [0, 4]],
  [
    'zero-width between English words, no space',
    'new\u200bforces',
    'newforces',
    [0, 1, 2, 4, 5, 6, 7, 8, 9],
  ],
  ['full-width text with ideographic space', 'ＮＥＷ\u3000ＦＯＲＣＥＳ', 'new forces', null],
  ['hyphenated English', 'High-Quality', 'high quality', null],
  ['empty', '', '', null],
  ['only whitespace', ' \n\t', ' ', [0]],
  ['only zero-width', '\u200b\u200b', '', []],
];

describe('compact', () => {
  it.each(COMPACT_CASES)('%s', (_name, src, text, map) => {
    const c = compact(src, plain);
    expect(compactedText(c)).toBe(text);
    expect(c.length).toBe(text.length);
    expect(c.map === null ? null : [...c.map]).toEqual(map);
  });

  it('folds while compacting (traditional pairs, case, commas)', () => {
    const c = compact('產\n業，ＮＥＷ Forces', withPairs);
    expect(compactedText(c)).toBe('产业、new forces');
    expect([...c.map!]).toEqual([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('removes whitespace between CJK Extension B characters too', () => {
    // 𠀀 is U+20000: a surrogate pair. "Between two CJK characters" holds on either side of it.
    expect(compactedText(compact('产\n𠀀', plain))).toBe('产𠀀');
    expect(compactedText(compact('𠀀\n业', plain))).toBe('𠀀业');
  });

  it('handles text longer than one String.fromCharCode slice', () => {
    const src = '新质 生产力\n'.repeat(5000);
    const c = compact(src, plain);
    // Every space and line break sits between CJK characters except the very last one.
    expect(compactedText(c)).toBe('新质生产力'.repeat(5000) + ' ');
    expect(c.map![c.length - 1]).toBe(src.length - 1);
  });

  // Random text from an alphabet rich in the cases that matter: CJK, Latin, whitespace kinds,
  // dropped characters, foldable characters.
  const ALPHABET = [
    '新',
    '质',
    '、',
    'a',
    'B',
    'Ｃ',
    ' ',
    '\n',
    '\u3000',
    '\t',
    '\u200b',
    '\u00ad',
    '，',
    '-',
  ];
  const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((a) => a.join(''));

  it('offset map: map[i] is the source character that produced compacted character i', () => {
    fc.assert(
      fc.property(textArb, (src) => {
        const c = compact(src, plain);
        const text = compactedText(c);
        if (c.map === null) {
          // Nothing removed: 1:1 with the folded source.
          expect(c.length).toBe(src.length);
          for (let i = 0; i < src.length; i++) {
            expect(c.codes[i]).toBe(foldOf(plain, src.charCodeAt(i)));
          }
          return;
        }
        expect(c.map.length).toBe(c.length);
        expect(c.length).toBeLessThan(src.length);
        const folded = (k: number) => foldOf(plain, src.charCodeAt(k));
        for (let i = 0; i < c.length; i++) {
          if (i > 0) expect(c.map[i]!).toBeGreaterThan(c.map[i - 1]!);
          if (c.codes[i] !== SPACE) {
            expect(folded(c.map[i]!)).toBe(c.codes[i]);
          } else {
            // A kept space stands for a run of whitespace (and dropped characters) that starts at
            // map[i] and holds at least one real space before the next compacted character.
            const runEnd = i + 1 < c.length ? c.map[i + 1]! : src.length;
            const run = [...src.slice(c.map[i], runEnd)].map((ch) =>
              foldOf(plain, ch.charCodeAt(0)),
            );
            expect(run.every((f) => f === SPACE || f === DROP)).toBe(true);
            expect(run).toContain(SPACE);
          }
          // What lies between two compacted characters was removed: whitespace or dropped only.
          const gapEnd = i + 1 < c.length ? c.map[i + 1]! : src.length;
          for (let k = c.map[i]! + 1; k < gapEnd; k++) {
            expect([SPACE, DROP]).toContain(folded(k));
          }
        }
        for (let k = 0; k < (c.length ? c.map[0]! : src.length); k++) {
          expect([SPACE, DROP]).toContain(folded(k));
        }
        // Every non-space, non-dropped source character appears, in order.
        const kept = [...src]
          .map((ch) => foldOf(plain, ch.charCodeAt(0)))
          .filter((f) => f !== SPACE && f !== DROP);
        expect([...text].map((ch) => ch.charCodeAt(0)).filter((f) => f !== SPACE)).toEqual(kept);
      }),
      { numRuns: 1000 },
    );
  });

  it('never leaves two spaces in a row, nor a space between two CJK characters', () => {
    fc.assert(
      fc.property(textArb, (src) => {
        const text = compactedText(compact(src, plain));
        expect(text).not.toMatch(/ {2}/);
        for (let i = 1; i + 1 < text.length; i++) {
          if (text[i] === ' ') {
            const both = isCjk(text.charCodeAt(i - 1)) && isCjk(text.charCodeAt(i + 1));
            expect(both, JSON.stringify(text)).toBe(false);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(textArb, (src) => {
        const once = compactedText(compact(src, plain));
        expect(compactedText(compact(once, plain))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizePattern', () => {
  it.each([
    ['新质生产力', '新质生产力'],
    [' 新质 生产力 ', '新质生产力'],
    ['New Quality Productive Forces', 'new quality productive forces'],
    ['high-quality development', 'high quality development'],
    ['Belt and  Road', 'belt and road'],
    ['高科技，高效能', '高科技、高效能'],
    ['people\u2019s', "people's"],
    // No pattern starts or ends with whitespace, even where a hyphen or a dash folds to it.
    ['-新质生产力—', '新质生产力'],
    ['\u200b new\u3000', 'new'],
    ['--', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizePattern(input, plain)).toBe(expected);
  });

  it('uses the variant pairs', () => {
    expect(normalizePattern('高質量發展', withPairs)).toBe('高质量发展');
  });
});
