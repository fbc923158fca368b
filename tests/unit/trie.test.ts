import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchWindow, type Matcher } from '../../lib/page/match/flow-matcher';
import { matchStartsSource, withoutWordStarts } from '../../lib/shared/match/match-starts';
import { PatternTrie, type Match, type PatternInput } from '../../lib/shared/match/trie';
import {
  buildFoldTable,
  compact,
  compactedText,
  isWordChar,
  normalizePattern,
} from '../../lib/shared/text/normalize';

const fold = buildFoldTable('質质');

/** The whole matcher over `patterns`: start regex, then the trie (already folded patterns). */
function matcherOf(patterns: readonly PatternInput[]): Matcher {
  const source = matchStartsSource(
    patterns.map((p) => p.text),
    fold,
  );
  return {
    fold,
    trie: PatternTrie.build(patterns),
    starts: new RegExp(source, 'g'),
    anyStarts: new RegExp(withoutWordStarts(source), 'g'),
  };
}

function findAll(
  patterns: readonly PatternInput[],
  text: string,
  minStart = 0,
  maxStart = text.length,
) {
  return matchWindow(matcherOf(patterns), text, minStart, maxStart);
}

/** Matches as [matched text, term] for readable table cases. */
function found(patterns: string[], text: string, minStart?: number, maxStart?: number) {
  return findAll(
    patterns.map((p, term) => ({ text: p, term })),
    text,
    minStart,
    maxStart,
  ).map((m) => [text.slice(m.start, m.end), m.start, m.term] as const);
}

/**
 * The reference: left to right, at each position take the longest pattern that starts there and
 * satisfies the word-boundary rule, then skip past it. Two patterns with the same text: the
 * first one's term.
 */
function naive(
  patterns: readonly PatternInput[],
  text: string,
  minStart = 0,
  maxStart = text.length,
): Match[] {
  const byText = new Map<string, number>();
  for (const p of patterns) if (p.text && !byText.has(p.text)) byText.set(p.text, p.term);
  const word = (i: number) => i >= 0 && i < text.length && isWordChar(text.charCodeAt(i));
  const out: Match[] = [];
  let i = minStart;
  while (i < maxStart) {
    let best: { len: number; term: number } | null = null;
    for (const [p, term] of byText) {
      if (!text.startsWith(p, i)) continue;
      const end = i + p.length;
      if (isWordChar(p.charCodeAt(0)) && word(i - 1)) continue;
      if (isWordChar(p.charCodeAt(p.length - 1)) && word(end)) continue;
      if (!best || p.length > best.len) best = { len: p.length, term };
    }
    if (best) {
      out.push({ start: i, end: i + best.len, term: best.term });
      i += best.len;
    } else i++;
  }
  return out;
}

/**
 * The reference for texts with whitespace: fold and compact the text, run the naive reference
 * on that, map offsets back to the raw text (a match ends just after its last character).
 */
function reference(
  patterns: readonly PatternInput[],
  text: string,
  minStart = 0,
  maxStart = text.length,
): Match[] {
  const c = compact(text, fold);
  const src = (i: number) => (c.map ? c.map[i]! : i);
  const toCompact = (raw: number) => {
    let i = 0;
    while (i < c.length && src(i) < raw) i++;
    return i;
  };
  return naive(patterns, compactedText(c), toCompact(minStart), toCompact(maxStart)).map((m) => ({
    start: src(m.start),
    end: src(m.end - 1) + 1,
    term: m.term,
  }));
}

describe('matching with the trie: table', () => {
  type Case = [
    name: string,
    patterns: string[],
    text: string,
    expected: (readonly [string, number, number])[],
  ];
  const CASES: Case[] = [
    ['single pattern', ['新质生产力'], '加快发展新质生产力', [['新质生产力', 4, 0]]],
    ['no match', ['新质生产力'], '新质的生产力', []],
    [
      'leftmost-longest: the slogan beats its prefix',
      ['高质量发展', '高质量发展是新时代的硬道理'],
      '高质量发展是新时代的硬道理。',
      [['高质量发展是新时代的硬道理', 0, 1]],
    ],
    [
      'the shorter pattern when the longer one is incomplete',
      ['高质量发展', '高质量发展是新时代的硬道理'],
      '推动高质量发展是新时代',
      [['高质量发展', 2, 0]],
    ],
    [
      'pattern order does not matter',
      ['高质量发展是新时代的硬道理', '高质量发展'],
      '高质量发展是新时代的硬道理',
      [['高质量发展是新时代的硬道理', 0, 0]],
    ],
    [
      'leftmost beats longer: overlapping candidates',
      ['生产力', '新质生产', '生产力发展水平'],
      '新质生产力发展水平',
      [['新质生产', 0, 1]],
    ],
    [
      'non-overlapping: after a match the scan resumes at its end',
      ['一二', '二三', '三四'],
      '一二三四',
      [
        ['一二', 0, 0],
        ['三四', 2, 2],
      ],
    ],
    [
      'nested patterns: the outer one wins, the inner ones are not reported',
      ['生产力', '新质生产力', '质生'],
      '新质生产力和生产力',
      [
        ['新质生产力', 0, 1],
        ['生产力', 6, 0],
      ],
    ],
    [
      'a pattern that starts inside a longer candidate that failed',
      ['新质生产力', '质生产关系'],
      '新质生产关系',
      [['质生产关系', 1, 1]],
    ],
    [
      'a shorter pattern inside a longer candidate that failed',
      ['新质生产力', '生产'],
      '新质生产关系',
      [['生产', 2, 1]],
    ],
    [
      'adjacent matches',
      ['新质生产力'],
      '新质生产力新质生产力',
      [
        ['新质生产力', 0, 0],
        ['新质生产力', 5, 0],
      ],
    ],
    [
      'English: a whole phrase matches',
      ['new productive forces'],
      'the new productive forces.',
      [['new productive forces', 4, 0]],
    ],
    [
      'English: not inside "renew productive forces"',
      ['new productive forces'],
      'renew productive forces',
      [],
    ],
    [
      'English: not followed by a word character',
      ['new productive forces'],
      'new productive forcesx',
      [],
    ],
    ['English: digits are word characters', ['g20'], 'g200 g20', [['g20', 5, 0]]],
    [
      'English: CJK around an English pattern is a boundary',
      ['new productive forces'],
      '即new productive forces的',
      [['new productive forces', 1, 0]],
    ],
    [
      'a failed boundary lets a shorter pattern at the same start win',
      ['opening up', 'opening'],
      'opening upx',
      [['opening', 0, 1]],
    ],
    [
      'a failed boundary lets a later pattern win',
      ['new forces', 'forces'],
      'renew forces',
      [['forces', 6, 1]],
    ],
    [
      'patterns that start or end with a non-word character need no boundary on that side',
      ['(ai', 'x.'],
      'a(ai x.y',
      [
        ['(ai', 1, 0],
        ['x.', 5, 1],
      ],
    ],
    ['CJK patterns need no boundary', ['中国'], 'abc中国def', [['中国', 3, 0]]],
    ['duplicate pattern texts: the first term wins', ['新质', '新质'], '新质', [['新质', 0, 0]]],
    ['empty patterns are ignored', ['', '新'], '新', [['新', 0, 1]]],
  ];

  it.each(CASES)('%s', (_name, patterns, text, expected) => {
    expect(found(patterns, text)).toEqual(expected);
  });

  it.each([
    ['the window owns matches that start in it', 3, 8, [['新质生产力', 5, 0]]],
    ['a match may end past maxStart', 0, 6, [['新质生产力', 5, 0]]],
    ['a match starting at maxStart belongs to the next window', 0, 5, []],
    ['a match starting before minStart is not reported', 6, 15, [['新质生产力', 10, 0]]],
    ['an empty window', 4, 4, []],
  ] as const)('minStart/maxStart: %s', (_name, min, max, expected) => {
    expect(found(['新质生产力'], '一二三四五新质生产力新质生产力', min, max)).toEqual(
      expected.map(([t, s, term]) => [t, s, term]),
    );
  });

  it('minStart does not hide the character before it from the word-boundary test', () => {
    // "renew": "new" starts at 2, but the "e" before it is still a word character.
    expect(found(['new forces'], 'renew forces', 2)).toEqual([]);
    expect(found(['new forces'], 're new forces', 3)).toEqual([['new forces', 3, 0]]);
  });

  it('counts the patterns it kept', () => {
    expect(
      PatternTrie.build([
        { text: 'a', term: 0 },
        { text: 'a', term: 1 },
        { text: '', term: 2 },
      ]).patternCount,
    ).toBe(1);
  });
});

describe('matching with the trie: property against the naive reference', () => {
  // Whitespace of several kinds, a dropped character, case and a folded variant: the trie
  // reads raw text, the reference reads the compacted text.
  const CHARS = ['a', 'b', 'A', ' ', '  ', '\n', '\u200b', '-', '新', '质', '質', '，'];
  const str = (min: number, max: number) =>
    fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((a) => a.join(''));
  const folded = (pats: string[]) =>
    pats.map((p, term) => ({ text: normalizePattern(p, fold), term }));

  it('equals the reference on random patterns and texts', () => {
    fc.assert(
      fc.property(fc.array(str(1, 5), { minLength: 1, maxLength: 8 }), str(0, 60), (pats, text) => {
        const patterns = folded(pats);
        expect(findAll(patterns, text)).toEqual(reference(patterns, text));
      }),
      { numRuns: 1500 },
    );
  });

  it('equals the reference when built from sorted patterns (how the glossary ships them)', () => {
    fc.assert(
      fc.property(fc.array(str(1, 5), { minLength: 1, maxLength: 8 }), str(0, 60), (pats, text) => {
        const patterns = folded(pats).sort((x, y) =>
          x.text < y.text ? -1 : x.text > y.text ? 1 : 0,
        );
        expect(findAll(patterns, text)).toEqual(reference(patterns, text));
      }),
      { numRuns: 1500 },
    );
  });

  it('equals the reference with a [minStart, maxStart) window', () => {
    fc.assert(
      fc.property(
        fc.array(str(1, 4), { minLength: 1, maxLength: 6 }),
        str(0, 40),
        fc.nat(45),
        fc.nat(45),
        (pats, text, a, b) => {
          const patterns = folded(pats);
          const min = Math.min(a, b, text.length);
          const max = Math.min(Math.max(a, b), text.length);
          expect(findAll(patterns, text, min, max)).toEqual(reference(patterns, text, min, max));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('equals the reference on texts built from the patterns (many matches, many near misses)', () => {
    fc.assert(
      fc.property(
        fc.array(str(1, 6), { minLength: 1, maxLength: 10 }),
        fc.array(fc.oneof(fc.nat(), str(1, 2)), { maxLength: 30 }),
        (pats, pieces) => {
          const patterns = folded(pats);
          const text = pieces
            .map((x) => (typeof x === 'number' ? pats[x % pats.length]! : x))
            .join('');
          expect(findAll(patterns, text)).toEqual(reference(patterns, text));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('returns sorted, non-overlapping matches whose text folds to a pattern', () => {
    fc.assert(
      fc.property(fc.array(str(1, 4), { minLength: 1, maxLength: 6 }), str(0, 50), (pats, text) => {
        const patterns = folded(pats);
        let last = 0;
        for (const m of findAll(patterns, text)) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(patterns.map((p) => p.text)).toContain(
            normalizePattern(text.slice(m.start, m.end), fold),
          );
          last = m.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});
