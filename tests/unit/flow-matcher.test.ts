import fc from 'fast-check';
import { withStarts } from '../../lib/shared/match/match-starts';
import { describe, expect, it } from 'vitest';
import {
  matchesInText,
  matchFlow,
  matchText,
  matchWindow,
  mayMatch,
  TEXT_MATCHES_MAX,
  WINDOW,
  type Matcher,
} from '../../lib/page/match/flow-matcher';
import { buildMatcher } from '../../lib/page/match/load';
import { type Match } from '../../lib/shared/match/trie';
import type { Flow } from '../../lib/page/text/flows';
import {
  buildFoldTable,
  compact,
  compactedText,
  isWordChar,
  normalizePattern,
} from '../../lib/shared/text/normalize';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';

const PAIRS = '發发質质產产';
const fold = buildFoldTable(PAIRS);
const PATTERNS = [
  '新质生产力',
  '高质量发展',
  '高质量发展是新时代的硬道理',
  '生产力',
  '产业',
  'new productive forces',
  'high quality development',
  '新时代',
];
const matcher: Matcher = buildMatcher(
  pageMatcherData(
    withStarts({
      fold: PAIRS,
      patterns: PATTERNS.map((p, term) => [normalizePattern(p, fold), term]),
    }),
  ),
);

const flowOf = (text: string): Flow => ({ nodes: [], starts: [], text });

/**
 * The reference: compact the whole text, find leftmost-longest matches by brute force over the
 * compacted string, map offsets back (a match ends just after its last character).
 */
function wholeText(_m: Matcher, text: string): Match[] {
  const c = compact(text, fold);
  const s = compactedText(c);
  const pats = PATTERNS.map((p, term) => ({ p: normalizePattern(p, fold), term }));
  const word = (i: number) => i >= 0 && i < s.length && isWordChar(s.charCodeAt(i));
  const src = (i: number) => (c.map ? c.map[i]! : i);
  const out: Match[] = [];
  for (let i = 0; i < s.length;) {
    let best: { len: number; term: number } | null = null;
    for (const { p, term } of pats) {
      if (!s.startsWith(p, i) || (best && best.len >= p.length)) continue;
      if (isWordChar(p.charCodeAt(0)) && word(i - 1)) continue;
      if (isWordChar(p.charCodeAt(p.length - 1)) && word(i + p.length)) continue;
      best = { len: p.length, term };
    }
    if (!best) {
      i++;
      continue;
    }
    out.push({ start: src(i), end: src(i + best.len - 1) + 1, term: best.term });
    i += best.len;
  }
  return out;
}

const shown = (text: string, ms: Match[]) =>
  ms.map((m) => [text.slice(m.start, m.end), m.start, m.term] as const);

describe('matchWindow / matchFlow on short flows', () => {
  it.each([
    ['plain', '加快发展新质生产力', [['新质生产力', 4, 0]]],
    ['across a line break', '推动产\n业升级', [['产\n业', 2, 4]]],
    [
      'across indentation and a zero-width space',
      '新质\n   \u200b生产力。',
      [['新质\n   \u200b生产力', 0, 0]],
    ],
    ['whitespace before a match moves it', '   高质量发展', [['高质量发展', 3, 1]]],
    ['traditional characters', '發展新質生產力', [['新質生產力', 2, 0]]],
    [
      'English across a line break and case',
      'The New\n  Productive Forces.',
      [['New\n  Productive Forces', 4, 5]],
    ],
    ['English hyphenated', 'high-quality development', [['high-quality development', 0, 6]]],
    ['English inside a longer word', 'renew productive forces', []],
    [
      'leftmost-longest with whitespace inside',
      '高质量发展是\n新时代的硬道理',
      [['高质量发展是\n新时代的硬道理', 0, 2]],
    ],
  ] as const)('%s', (_name, text, expected) => {
    const all = matchFlow(matcher, flowOf(text));
    expect(shown(text, all)).toEqual(expected.map((e) => [...e]));
    expect(matchWindow(matcher, text, 0, text.length)).toEqual(all);
  });

  it('a match ends at its last character, not at trailing whitespace or dropped characters', () => {
    const text = '新质生产力\u200b \n下一段';
    expect(matchFlow(matcher, flowOf(text))).toEqual([{ start: 0, end: 5, term: 0 }]);
  });

  it('matchWindow owns the matches that start in [from, to), complete past `to`', () => {
    const text = '新质生产力，新质生产力，新质生产力';
    // Window [3, 8): only the match at 6 starts in it; it ends at 11, past `to`.
    expect(matchWindow(matcher, text, 3, 8)).toEqual([{ start: 6, end: 11, term: 0 }]);
    expect(matchWindow(matcher, text, 0, 6)).toEqual([{ start: 0, end: 5, term: 0 }]);
    // From 1, the match at 0 is not this window's: 生产力 inside it is the first candidate.
    expect(matchWindow(matcher, text, 1, 6)).toEqual([{ start: 2, end: 5, term: 3 }]);
  });

  it('matchWindow keeps the word-boundary context before `from`', () => {
    const text = 'renew productive forces, new productive forces';
    expect(shown(text, matchWindow(matcher, text, 2, 10))).toEqual([]);
    expect(shown(text, matchWindow(matcher, text, 10, text.length))).toEqual([
      ['new productive forces', 25, 5],
    ]);
  });
});

describe('matchFlow on flows longer than WINDOW', () => {
  const filler = (n: number) => '的'.repeat(n);

  it.each([
    ['a match straddling the first window edge', WINDOW - 2, '新质生产力'],
    ['a match ending exactly at the edge', WINDOW - 5, '新质生产力'],
    ['a match starting exactly at the edge', WINDOW, '新质生产力'],
    ['a match starting one before the edge', WINDOW - 1, '高质量发展是新时代的硬道理'],
    ['a match with a line break on the edge', WINDOW - 1, '产\n业'],
    ['a match with a long indent over the edge', WINDOW - 3, '新质\n' + ' '.repeat(200) + '生产力'],
    ['an English match over the edge', WINDOW - 4, 'new productive forces'],
    ['a match straddling the second window edge', 2 * WINDOW - 3, '新质生产力'],
  ])('%s', (_name, at, phrase) => {
    const text = filler(at) + phrase + filler(WINDOW + 10);
    expect(text.length).toBeGreaterThan(WINDOW);
    const all = matchFlow(matcher, flowOf(text));
    expect(all).toEqual(wholeText(matcher, text));
    expect(all.map((m) => [m.start, text.slice(m.start, m.end)])).toEqual([[at, phrase]]);
  });

  it('a long match that starts in one window shadows a match starting in the next', () => {
    // 高质量发展是新时代的硬道理 starts before the edge; 新时代 starts after the edge inside it.
    const at = WINDOW - 4;
    const text = filler(at) + '高质量发展是新时代的硬道理' + '生产力' + filler(WINDOW);
    expect(shown(text, matchFlow(matcher, flowOf(text)))).toEqual([
      ['高质量发展是新时代的硬道理', at, 2],
      ['生产力', at + 13, 3],
    ]);
  });

  it('an English word cut by the window edge is not matched from its tail', () => {
    // "renew productive forces" with "new" starting exactly at the second window.
    const text = filler(WINDOW - 2) + 'renew productive forces' + filler(100);
    expect(matchFlow(matcher, flowOf(text))).toEqual([]);
    const ok = filler(WINDOW - 1) + ' new productive forces' + filler(100);
    expect(shown(ok, matchFlow(matcher, flowOf(ok)))).toEqual([
      ['new productive forces', WINDOW, 5],
    ]);
  });

  // Random long flows: runs of filler, whitespace of every kind and phrases, so that matches
  // and whitespace runs land on window edges.
  const PIECES = [
    '新质生产力',
    '高质量发展',
    '高质量发展是新时代的硬道理',
    '新质',
    '生产',
    '产',
    '业',
    'new productive forces',
    'renew productive forces',
    'High-Quality Development',
    '發展',
    '新質生產力',
    'new',
    '新时代',
    ' ',
    '\n',
    '\n      ',
    '\u3000',
    '\u200b',
    'a',
    '的',
    '，',
  ];
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => '的'.repeat(n)) },
  );

  it('equals matching the whole text at once (random long flows)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 50, maxLength: 400 }),
        fc.integer({ min: 1, max: 3 }),
        (pieces, windows) => {
          // Pad so the text spans `windows` edges, then place pieces around each edge.
          let text = pieces.join('');
          while (text.length < windows * WINDOW + 100)
            text = text + '的'.repeat(997) + pieces.join('');
          const all = matchFlow(matcher, flowOf(text));
          expect(all).toEqual(wholeText(matcher, text));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equals matching the whole text at once (phrases forced onto every window edge)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -30, max: 5 }),
        (around, shift) => {
          const edge = around.join('');
          let text = '';
          for (let k = 1; k <= 3; k++) {
            text += '的'.repeat(Math.max(0, k * WINDOW + shift - text.length)) + edge;
          }
          text += '的'.repeat(50);
          const all = matchFlow(matcher, flowOf(text));
          expect(all).toEqual(wholeText(matcher, text));
        },
      ),
      { numRuns: 300 },
    );
    // 300 generated pages take about 1 s alone; a 2-core machine running the browser tests
    // beside it has taken over 5 s (the default timeout). No timing is checked here.
  }, 30_000);

  it('every match maps back to raw text that compacts to a pattern', () => {
    const text =
      '的'.repeat(WINDOW - 3) +
      '新质\n  生\u200b产力。High-\nQuality  Development，产\r\n业' +
      '的'.repeat(WINDOW);
    const all = matchFlow(matcher, flowOf(text));
    expect(all.length).toBe(3);
    for (const m of all) {
      const raw = text.slice(m.start, m.end);
      expect(compactedText(compact(raw, fold))).toBe(normalizePattern(PATTERNS[m.term]!, fold));
      // No leading or trailing whitespace inside a reported range.
      expect(raw).toBe(raw.trim());
    }
  });
});

describe('buildMatcher', () => {
  it('builds the fold table, trie and start regex from the shipped data', () => {
    const m = buildMatcher(
      pageMatcherData(
        withStarts({
          fold: '質质',
          patterns: [
            ['新质生产力', 0],
            ['高质量发展', 1],
          ],
        }),
      ),
    );
    expect(m.trie.patternCount).toBe(2);
    const unfolded = '高質量發展 新質\n生產力';
    const text = '高質量发展，新質\n生产力';
    // 發/產 are not in this fold string: only 質 folds.
    expect(shown(text, matchFlow(m, flowOf(text)))).toEqual([
      ['高質量发展', 0, 1],
      ['新質\n生产力', 6, 0],
    ]);
    expect(matchFlow(m, flowOf(unfolded))).toEqual([]);
  });
});

describe('mayMatch: flows side by side in one string', () => {
  it.each([
    ['a term', '今天。加快发展新质生产力。', true],
    ['no term, some near misses', '新旧动能，高质量的产品，生产', false],
    [
      'a term across two flows (a false "maybe", the walk decides)',
      '新质|生产力'.replace('|', ''),
      true,
    ],
    ["English after the previous flow's last letter", 'Section 2Anew productive forces', true],
    ["English before the next flow's first letter", 'new productive forcesNext', true],
    ['folded forms', '發展新質生產力', true],
    ['empty', '', false],
  ] as const)('%s', (_name, text, expected) => {
    expect(mayMatch(matcher, text)).toBe(expected);
  });

  it('answers "maybe" after `limit` candidates without finding a term', () => {
    const nearMisses = '新时'.repeat(10); // 新时代 starts at each, never completes
    expect(mayMatch(matcher, nearMisses, 20)).toBe(false);
    expect(mayMatch(matcher, nearMisses, 5)).toBe(true);
  });

  it('leaves the regex ready for the next call', () => {
    expect(mayMatch(matcher, '新质生产力')).toBe(true);
    expect(matcher.anyStarts.lastIndex).toBe(0);
    expect(mayMatch(matcher, '新质生产力')).toBe(true);
  });

  // The promise the scanner relies on: when any flow has a match, the flows concatenated (in
  // any neighbourhood) make mayMatch say true.
  const PIECES = [
    '新质生产力',
    '高质量发展',
    '新质',
    '生产力',
    '产',
    '业',
    'new productive forces',
    'new',
    'productive',
    'forces',
    '發展',
    '新質',
    'a',
    'x1',
    '的',
    '，',
    ' ',
    '\n',
    '\u200b',
  ];
  const flowText = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((a) => a.join(''));

  it('is true whenever one of the flows has a match (random flows)', () => {
    fc.assert(
      fc.property(fc.array(flowText, { minLength: 1, maxLength: 6 }), (flows) => {
        const anyMatch = flows.some((t) => matchFlow(matcher, flowOf(t)).length > 0);
        if (anyMatch) expect(mayMatch(matcher, flows.join(''))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('matchesInText: a flow’s matches read off the whole text’s', () => {
  // Pieces that make matches, near misses, English words, zero-width and other units.
  const PIECES = [
    '新质',
    '生产力',
    '高质量',
    '发展',
    '是新时代的硬道理',
    '產业',
    'new productive forces',
    'high quality development',
    'new ',
    'productive',
    ' forces',
    'high',
    '-quality ',
    'development',
    'x',
    '9',
    '\u200b',
    '\u00ad',
    ' ',
    '\n  ',
    '，',
    '。',
    '“',
  ];
  const piece = fc.constantFrom(...PIECES);
  const flow = fc.array(piece, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
  // What lies between two flows in the document's text: indentation, another block's edge,
  // an excluded element's text (a script), a letter, a zero-width unit, or nothing.
  const between = fc.constantFrom('', '\n    ', ' ', 'a', '\u200b', 'a\u200b', '"新质"', '。\n');

  it('where it answers, it answers what matchWindow finds on the flow alone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(between, flow), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([b, f]) => b + f).join('');
        const t = matchText(matcher, text)!;
        for (const [, f] of parts) {
          const read = matchesInText(matcher, t, f);
          if (read) expect(shown(f, read)).toEqual(shown(f, matchWindow(matcher, f, 0, f.length)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('answers for paragraphs of an article, and not where a flow’s edge needs its neighbours', () => {
    const paras = [
      '发展新质生产力是推动高质量发展的内在要求。',
      '高质量发展是新时代的硬道理。',
      'new productive forces',
      '新质生产力',
    ];
    const t = matchText(matcher, paras.join('\n      '))!;
    expect(paras.map((p) => matchesInText(matcher, t, p) !== null)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // A match across two flows in the text (新质 | 生产力), a letter beside an English flow,
    // a flow not in the text (split by an excluded element).
    const u = matchText(matcher, '新质' + '生产力是' + 'x' + 'new productive forces')!;
    expect(matchesInText(matcher, u, '新质')).toBeNull();
    expect(matchesInText(matcher, u, '生产力是')).toBeNull();
    expect(matchesInText(matcher, u, 'new productive forces')).toBeNull();
    expect(matchesInText(matcher, u, '高质量')).toBeNull();
  });

  it('leaves a long text to the flows; what it matches ahead is at most one window', () => {
    expect(matchText(matcher, '新'.repeat(TEXT_MATCHES_MAX + 1))).toBeNull();
    expect(TEXT_MATCHES_MAX).toBeLessThanOrEqual(WINDOW);
  });

  it('stops looking once flows are not found, eight in a row (the page changed since)', () => {
    const t = matchText(matcher, '发展新质生产力。\n高质量发展。')!;
    for (let i = 0; i < 7; i++) expect(matchesInText(matcher, t, `变了${i}`)).toBeNull();
    expect(matchesInText(matcher, t, '发展新质生产力。')).not.toBeNull();
    for (let i = 0; i < 8; i++) expect(matchesInText(matcher, t, `变了${i}`)).toBeNull();
    expect(matchesInText(matcher, t, '高质量发展。')).toBeNull();
  });
});
