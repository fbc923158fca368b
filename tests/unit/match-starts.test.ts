import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchStartsSource, withoutWordStarts } from '../../lib/shared/match/match-starts';
import { buildFoldTable, normalizePattern } from '../../lib/shared/text/normalize';

const fold = buildFoldTable('質质發发');
const PATTERNS = ['新质生产力', '高质量发展', '新时代', 'new productive forces', 'g20', '的'];

/** Offsets where the start regex (or its variant without word starts) proposes a match. */
function starts(patterns: readonly string[], text: string, anyStart = false): number[] {
  const source = matchStartsSource(patterns, fold);
  const rx = new RegExp(anyStart ? withoutWordStarts(source) : source, 'g');
  const out: number[] = [];
  while (rx.test(text)) out.push(rx.lastIndex - 1);
  return out;
}

describe('matchStartsSource: table', () => {
  it.each([
    ['a first character followed by a second one', '推动新质生产力', [2]],
    ['not a first character followed by something else', '新旧生产力', []],
    ['any second character of a pattern with that first one', '新时代，新质', [0, 4]],
    ['whitespace between the two (folding may remove it)', '新\n  质', [0]],
    ['a zero-width space between the two', '新\u200b质', [0]],
    ['folded forms: traditional, upper case, full width', '新質 NEW Ｎｅｗ', [0, 3, 7]],
    ['a one-character pattern needs no second character', '质的。', [1]],
    ['English only at the start of a word', 'renew new g20 xg20', [6, 10]],
    ['English after CJK or punctuation is a word start', '即new，g20', [1, 5]],
  ] as const)('%s', (_name, text, expected) => {
    expect(starts(PATTERNS, text)).toEqual(expected);
  });

  it('finds nothing when there are no patterns', () => {
    expect(starts([], '新质生产力 new')).toEqual([]);
  });
});

describe('withoutWordStarts', () => {
  it.each([
    ['English inside a word too', 'renew new g20 xg20', [2, 6, 10, 15]],
    ['Chinese as before', '推动新质生产力，新时代', [2, 8]],
    ['one-character patterns as before', '质的。', [1]],
  ] as const)('%s', (_name, text, expected) => {
    expect(starts(PATTERNS, text, true)).toEqual(expected);
  });

  it('removes every look-behind and nothing else', () => {
    const source = matchStartsSource(PATTERNS, fold);
    const loose = withoutWordStarts(source);
    expect(source).toContain('(?<!');
    expect(loose).not.toContain('(?<!');
    expect(loose.length).toBeLessThan(source.length);
    expect(withoutWordStarts(matchStartsSource(['新质'], fold))).toBe(
      matchStartsSource(['新质'], fold),
    );
  });
});

describe('matchStartsSource: never misses a start', () => {
  const CHARS = ['新', '质', '質', '生', 'n', 'N', 'e', 'w', ' ', '\n', '\u200b', '-', '，'];
  const str = (min: number, max: number) =>
    fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((a) => a.join(''));

  it('proposes every offset where a pattern starts, folded and compacted (any: also mid-word)', () => {
    fc.assert(
      fc.property(fc.array(str(1, 4), { minLength: 1, maxLength: 5 }), str(0, 40), (raw, text) => {
        const patterns = raw.map((p) => normalizePattern(p, fold)).filter(Boolean);
        const proposed = new Set(starts(patterns, text));
        const anywhere = new Set(starts(patterns, text, true));
        // Brute force: every start whose following text folds to a pattern (or longer).
        for (let i = 0; i < text.length; i++) {
          for (let j = i + 1; j <= text.length; j++) {
            const folded = normalizePattern(text.slice(i, j), fold);
            const startsHere = folded.length > 0 && normalizePattern(text[i]!, fold) !== '';
            if (!startsHere || !patterns.includes(folded)) continue;
            // A pattern can start here; English ones only at a word start.
            const english = /[a-z0-9]/.test(folded[0]!);
            const prev = i > 0 ? normalizePattern(text[i - 1]!, fold) : '';
            expect(anywhere.has(i)).toBe(true);
            if (english && /[a-z0-9]/.test(prev)) continue;
            expect(proposed.has(i)).toBe(true);
          }
        }
      }),
      { numRuns: 800 },
    );
  });
});
