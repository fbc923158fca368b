import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileGlossary,
  matchedEnglish,
  pinyinMatchesHeadword,
  variantPairs,
  type CompileTools,
  type CompiledGlossary,
  type MatcherData,
} from '../../lib/shared/glossary/compile';
import { makeLookup } from '../../lib/shared/glossary/lookup';
import type { Entry, GlossaryFile } from '../../lib/shared/glossary/schema';
import { hanCount, unwrapSpeech, validateGlossary } from '../../lib/shared/glossary/validate';
import type { Match } from '../../lib/shared/match/trie';
import { matchFlow } from '../../lib/page/match/flow-matcher';
import { buildMatcher } from '../../lib/page/match/load';
import { buildFoldTable, normalizePattern } from '../../lib/shared/text/normalize';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GLOSSARY_PATH = join(ROOT, 'glossary/glossary.json');
const SPEECH_PATH =
  process.env.POLICY_LENS_SPEECH ??
  resolve(ROOT, '../shared/seed/speech-2024-01-31-peoples-daily.txt');

// ---------------------------------------------------------------------------------------------
// A minimal valid glossary, and one broken variant per kind of error.

const SOURCE = 'speech';
const READOUT = 'https://english.www.gov.cn/news/202402/01/readout.html';

/** An official Xinhua rendering seen in the readout (the minimal file's renderingSources). */
function xinhua(text: string, over: Partial<Rendering> = {}): Rendering {
  return { text, outlet: 'Xinhua', date: '2024-02-01', url: READOUT, official: true, ...over };
}
type Rendering = Entry['en']['renderings'][number];
const QUOTE = '发展新质生产力是推动高质量发展的内在要求和重要着力点。';

function entry(over: Partial<Entry> & Pick<Entry, 'id' | 'zh'>): Entry {
  return {
    category: 'concept',
    scope: 'speech',
    en: { renderings: [xinhua(`${over.id} official`)] },
    definition: {
      zh: '这是一条用于单元测试的释义，长度足够通过校验规则。',
      en: 'A definition written for the unit tests, long enough to pass the schema.',
    },
    quote: { text: QUOTE, source: SOURCE },
    related: [],
    aliases: [],
    ...over,
  };
}

function minimal(): GlossaryFile {
  return {
    format: 'policy-lens-glossary',
    version: 1,
    sources: {
      [SOURCE]: {
        publication: "People's Daily",
        date: '2024-02-02',
        title: '加快发展新质生产力 扎实推进高质量发展',
        url: 'http://cpc.people.com.cn/',
      },
    },
    renderingSources: {
      [READOUT]: {
        outlet: 'Xinhua',
        date: '2024-02-01',
        seen: 'Xi stresses new productive forces',
      },
    },
    entries: [
      entry({
        id: 'nqpf',
        zh: '新质生产力',
        en: {
          renderings: [xinhua('new quality productive forces'), xinhua('new productive forces')],
        },
        related: ['hqd'],
      }),
      entry({
        id: 'hqd',
        zh: '高质量发展',
        en: { renderings: [xinhua('high-quality development')] },
        related: ['nqpf'],
      }),
      entry({
        id: 'dual-carbon',
        zh: '碳达峰碳中和',
        scope: 'context',
        quote: undefined,
        aliases: ['碳达峰、碳中和', '双碳'],
        pinyin: 'tàn dá fēng tàn zhōng hé',
        en: {
          renderings: [
            { text: 'carbon peaking and carbon neutrality', outlet: 'Policy Lens', ours: true },
          ],
        },
      }),
    ],
  };
}

type Breaker = (g: GlossaryFile) => void;
const e = (g: GlossaryFile, i: number) => g.entries[i]!;

/** Each way a rendering can be malformed, set as the first rendering of nqpf. */
function renderingBreakers(): [string, Breaker, RegExp][] {
  const first =
    (change: Partial<Rendering>): Breaker =>
    (g) => {
      const rs = e(g, 0).en.renderings;
      rs[0] = { ...rs[0]!, ...change };
    };
  const ours = { outlet: 'Policy Lens', ours: true, official: undefined } as const;
  const unlinked = { url: undefined, date: undefined } as const;
  return [
    ['rendering: day without month', first({ date: '2024-2-1' }), /YYYY-MM/],
    ['rendering: month 13', first({ date: '2024-13' }), /YYYY-MM/],
    ['rendering: a year alone', first({ date: '2024' }), /YYYY-MM/],
    ['rendering: a url without date', first({ date: undefined }), /needs its date/],
    ['rendering: a date without url', first({ url: undefined }), /needs its date/],
    ['rendering: not a url', first({ url: 'english.news.cn/x.html' }), /url/i],
    ['rendering: ftp url', first({ url: 'ftp://english.news.cn/x.html' }), /http\(s\)/],
    ['rendering: unknown outlet', first({ outlet: 'Blog' as 'Xinhua' }), /outlet/],
    ['rendering: ours with a url', first(ours), /either ours/],
    ['rendering: ours marked official', first({ ...ours, ...unlinked, official: true }), /ours/],
    ['rendering: official from a paper', first({ outlet: 'China Daily' }), /official renderings/],
    [
      'rendering: ours beside an official one',
      (g) => e(g, 0).en.renderings.push({ text: 'new-type forces', ...ours }),
      /cannot also carry one marked ours/,
    ],
    [
      'rendering: official one not first',
      (g) => e(g, 0).en.renderings.unshift(xinhua('new forces', { official: false })),
      /must be an official one/,
    ],
    [
      'rendering: url not in renderingSources',
      first({ url: 'https://english.news.cn/other.html' }),
      /renderingSources lacks/,
    ],
    [
      'rendering: date differs from its source',
      first({ date: '2024-02-02' }),
      /renderingSources says/,
    ],
  ];
}

describe('validateGlossary', () => {
  it('accepts the minimal file', () => {
    const r = validateGlossary(minimal());
    expect(r).toEqual({ ok: true, glossary: minimal() });
  });

  it.each<[string, Breaker, RegExp]>([
    ['duplicate id', (g) => (e(g, 1).id = 'nqpf'), /entries\[1\] nqpf: duplicate id/],
    [
      'alias claimed by two entries',
      (g) => e(g, 1).aliases.push('双碳'),
      /"双碳" is also claimed by (hqd|dual-carbon)/,
    ],
    [
      'an alias equal to another entry’s headword',
      (g) => e(g, 2).aliases.push('新质生产力'),
      /dual-carbon: "新质生产力" is also claimed by nqpf/,
    ],
    ['an alias listed twice', (g) => e(g, 2).aliases.push('双碳'), /"双碳" listed twice/],
    [
      'an alias equal to its own headword',
      (g) => e(g, 1).aliases.push('高质量发展'),
      /listed twice/,
    ],
    [
      'English official shared',
      (g) => (e(g, 1).en.renderings[0]!.text = 'new productive forces'),
      /English "new productive forces" is also used by/,
    ],
    [
      'English shared up to case and hyphens',
      (g) => e(g, 2).en.renderings.push(xinhua('High Quality  Development', { official: false })),
      /dual-carbon: English "High Quality {2}Development" is also used by hqd/,
    ],
    [
      'related id missing',
      (g) => e(g, 0).related.push('nope'),
      /nqpf: related id "nope" does not exist/,
    ],
    ['related to itself', (g) => e(g, 0).related.push('nqpf'), /nqpf: related to itself/],
    [
      'quote without the term',
      (g) => (e(g, 1).quote = { text: '必须继续做好创新这篇大文章。', source: SOURCE }),
      /hqd: the quote does not contain "高质量发展"/,
    ],
    [
      'quote with an unknown source',
      (g) => (e(g, 0).quote = { text: QUOTE, source: 'elsewhere' }),
      /nqpf: unknown quote source "elsewhere"/,
    ],
    [
      'a phrase of the speech without its quote',
      (g) => (e(g, 0).quote = undefined),
      /nqpf: a phrase of the speech needs its quote/,
    ],
    [
      'pinyin with too few syllables',
      (g) => (e(g, 2).pinyin = 'tàn dá fēng tàn zhōng'),
      /dual-carbon: pinyin has 5 syllables for 6 characters/,
    ],
    [
      'pinyin with too many syllables',
      (g) => (e(g, 0).pinyin = 'xīn zhì shēng chǎn lì a'),
      /nqpf: pinyin has 6 syllables for 5 characters/,
    ],
    ['schema: id not kebab-case', (g) => (e(g, 0).id = 'New_Id'), /kebab-case/],
    ['schema: headword without Chinese', (g) => (e(g, 0).zh = 'abc'), /must contain Chinese/],
    [
      'schema: unknown category',
      (g) => ((e(g, 0) as { category: string }).category = 'misc'),
      /category/,
    ],
    [
      'schema: unknown key',
      (g) => ((e(g, 0) as unknown as Record<string, unknown>).note = 'x'),
      /note/,
    ],
    ['schema: short definition', (g) => (e(g, 0).definition.en = 'short'), /definition\.en/],
    ['schema: no English rendering', (g) => (e(g, 0).en.renderings = []), /en\.renderings/],
    [
      'schema: English with markup',
      (g) => (e(g, 0).en.renderings[0]!.text = '<b>new</b> forces'),
      /plain English words/,
    ],
    ...renderingBreakers(),
    ['schema: bad source date', (g) => (g.sources[SOURCE]!.date = '2 Feb 2024'), /date/],
    ['schema: no entries', (g) => (g.entries = []), /entries/],
    [
      'schema: wrong format',
      (g) => ((g as unknown as Record<string, unknown>).format = 'other'),
      /format/,
    ],
  ])('rejects %s', (_name, breakIt, message) => {
    const g = minimal();
    breakIt(g);
    const r = validateGlossary(g);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(message);
  });

  it.each<[string, Breaker]>([
    [
      'English variants of one entry folding together',
      (g) => e(g, 1).en.renderings.push(xinhua('high quality development')),
    ],
    [
      'a quote with ， where the alias has 、',
      (g) => (e(g, 2).quote = { text: '实现碳达峰，碳中和的目标。', source: SOURCE }),
    ],
    [
      'a quote that contains only an alias',
      (g) => (e(g, 2).quote = { text: '推进双碳工作。', source: SOURCE }),
    ],
    ['no pinyin override', (g) => delete e(g, 2).pinyin],
  ])('accepts %s', (_name, change) => {
    const g = minimal();
    change(g);
    expect(validateGlossary(g).ok).toBe(true);
  });

  it('rejects what is not a glossary at all', () => {
    for (const x of [null, 1, 'x', [], {}]) expect(validateGlossary(x).ok).toBe(false);
  });
});

describe('hanCount / unwrapSpeech', () => {
  it.each([
    ['新质生产力', 5],
    ['碳达峰、碳中和', 6],
    ['5G网络', 2],
    ['abc', 0],
    ['𠀀字', 2],
  ])('hanCount(%j) = %i', (s, n) => {
    expect(hanCount(s)).toBe(n);
  });

  it.each([
    ['hard wraps inside a sentence', '推进高水平科技\n\n自立自强', '推进高水平科技自立自强'],
    [
      'paragraph indent with ideographic spaces',
      '　　■必须牢记\n高质量发展',
      '■必须牢记高质量发展',
    ],
    ['trailing spaces', '发展 \n理念  ', '发展理念'],
    ['CRLF line ends', '发展\r\n理念', '发展理念'],
    ['inner spaces stay', '加快发展新质生产力 扎实推进', '加快发展新质生产力 扎实推进'],
  ])('unwrapSpeech: %s', (_name, raw, expected) => {
    expect(unwrapSpeech(raw)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Compiling, with fake tools (deterministic) and with the real ones.

const fakeTools: CompileTools = {
  toTraditional: [
    (s) => s.replace(/质/g, '質').replace(/发/g, '發').replace(/产/g, '產'),
    (s) => s.replace(/双/g, '雙'),
  ],
  pinyin: (s) => [...s].filter((c) => hanCount(c) > 0).map(() => 'x'),
};

describe('compileGlossary', () => {
  const { matcher, glossary } = compileGlossary(minimal(), fakeTools);

  it('variantPairs aligns same-length conversions character by character', () => {
    const pairs = variantPairs(['新质生产力', '发展'], fakeTools);
    expect(Object.fromEntries(pairs)).toEqual({ 質: '质', 產: '产', 發: '发' });
  });

  it('variantPairs skips traditional forms that are themselves our simplified characters', () => {
    const tools: CompileTools = {
      toTraditional: [(s) => s.replace(/后/g, '後').replace(/干/g, '后')],
      pinyin: () => [],
    };
    expect(Object.fromEntries(variantPairs(['后来', '干部'], tools))).toEqual({ 後: '后' });
  });

  it('ships the entry ids in order and the fold pairs as one string', () => {
    expect(matcher.entryIds).toEqual(['nqpf', 'hqd', 'dual-carbon']);
    expect(matcher.fold.length % 2).toBe(0);
    const fold = new Map<string, string>();
    for (let i = 0; i < matcher.fold.length; i += 2)
      fold.set(matcher.fold[i]!, matcher.fold[i + 1]!);
    expect(Object.fromEntries(fold)).toEqual({ 質: '质', 產: '产', 發: '发', 雙: '双' });
  });

  it('patterns: headwords, aliases, folded English, no duplicates per entry', () => {
    const byEntry = (i: number) => matcher.patterns.filter(([, t]) => t === i).map(([p]) => p);
    const sorted = (a: string[]) => [...a].sort();
    expect(byEntry(0)).toEqual(
      sorted(['新质生产力', 'new quality productive forces', 'new productive forces']),
    );
    expect(byEntry(1)).toEqual(sorted(['高质量发展', 'high quality development']));
    // 碳达峰、碳中和 stays with its 、; 雙碳 is folded to 双碳 by the pairs, so not added twice.
    expect(byEntry(2)).toEqual(
      sorted(['碳达峰碳中和', '碳达峰、碳中和', '双碳', 'carbon peaking and carbon neutrality']),
    );
  });

  it('patterns ship sorted by code unit (the trie builds fastest so)', () => {
    const texts = matcher.patterns.map(([p]) => p);
    expect(texts).toEqual([...texts].sort());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('en.match false keeps the English out of the matcher', () => {
    const g = minimal();
    e(g, 1).en.match = false;
    const { matcher: m } = compileGlossary(g, fakeTools);
    expect(m.patterns.some(([p]) => p.includes('development'))).toBe(false);
  });

  it.each([
    ['eight words are a term', 'lucid waters and lush mountains are invaluable assets', true],
    [
      'nine words are a clause',
      'a substantial increase in total factor productivity as hallmark',
      false,
    ],
  ])('English renderings: %s', (_name, text, matched) => {
    const g = minimal();
    e(g, 1).en.renderings.push(xinhua(text, { official: false }));
    const { matcher: m } = compileGlossary(g, fakeTools);
    expect(m.patterns.some(([p]) => p === text)).toBe(matched);
    expect(matchedEnglish(e(g, 1)).includes(text)).toBe(matched);
  });

  it('the compiled entries: pinyin computed or kept, traditional forms of the headword', () => {
    const [nqpf, hqd, carbon] = glossary.entries;
    expect(nqpf!.pinyin).toBe('x x x x x');
    expect(nqpf!.traditional).toEqual(['新質生產力']);
    expect(hqd!.traditional).toEqual(['高質量發展']);
    expect(carbon!.pinyin).toBe('tàn dá fēng tàn zhōng hé');
    expect(carbon!.traditional).toEqual([]);
    expect(glossary.sources).toEqual(minimal().sources);
    for (const x of glossary.entries) expect(pinyinMatchesHeadword(x)).toBe(true);
  });

  it('pinyinMatchesHeadword counts syllables against Chinese characters', () => {
    const base = glossary.entries[0]!;
    expect(pinyinMatchesHeadword({ ...base, pinyin: 'xīn zhì shēng chǎn lì' })).toBe(true);
    expect(pinyinMatchesHeadword({ ...base, pinyin: ' xīn  zhì shēng chǎn lì ' })).toBe(true);
    expect(pinyinMatchesHeadword({ ...base, pinyin: 'xīn zhì shēngchǎn lì' })).toBe(false);
    expect(pinyinMatchesHeadword({ ...base, pinyin: '' })).toBe(false);
  });

  it('the compiled matcher finds headwords, traditional forms, aliases and English', () => {
    const m = buildMatcher(pageMatcherData(matcher));
    const text =
      '發展新質生產力，推动高质量发展；实现碳达峰、\n碳中和与雙碳。New Quality Productive Forces';
    const ids = matchFlow(m, { nodes: [], starts: [], text }).map((x) => [
      text.slice(x.start, x.end),
      matcher.entryIds[x.term],
    ]);
    expect(ids).toEqual([
      ['新質生產力', 'nqpf'],
      ['高质量发展', 'hqd'],
      ['碳达峰、\n碳中和', 'dual-carbon'],
      ['雙碳', 'dual-carbon'],
      ['New Quality Productive Forces', 'nqpf'],
    ]);
  });
});

describe('makeLookup', () => {
  const { glossary } = compileGlossary(minimal(), fakeTools);
  const lookup = makeLookup(glossary);

  it('answers with the entry, its quote source and its related terms', () => {
    const d = lookup('nqpf')!;
    expect(d.entry.id).toBe('nqpf');
    expect(d.source).toEqual(minimal().sources[SOURCE]);
    expect(d.related).toEqual([{ id: 'hqd', zh: '高质量发展', en: 'high-quality development' }]);
  });

  it('no source without a quote', () => {
    const d = lookup('dual-carbon')!;
    expect(d).not.toHaveProperty('source');
    expect(d.related).toEqual([]);
  });

  it('unknown ids and dangling related ids', () => {
    expect(lookup('nope')).toBeNull();
    const g: CompiledGlossary = {
      ...glossary,
      entries: [{ ...glossary.entries[0]!, related: ['gone', 'hqd'] }, glossary.entries[1]!],
    };
    expect(makeLookup(g)('nqpf')!.related.map((r) => r.id)).toEqual(['hqd']);
  });
});

// ---------------------------------------------------------------------------------------------
// The real glossary, read at test time (it grows while we work): compiled as the build does.

describe('the real glossary (glossary/glossary.json)', () => {
  let file: GlossaryFile;
  let matcher: MatcherData;
  let glossary: CompiledGlossary;

  beforeAll(() => {
    const raw = JSON.parse(readFileSync(GLOSSARY_PATH, 'utf8')) as unknown;
    const r = validateGlossary(raw);
    if (!r.ok) throw new Error(`glossary/glossary.json is invalid:\n  ${r.errors.join('\n  ')}`);
    file = r.glossary;
    const toTraditional = (['tw', 'hk', 't'] as const).map((to) =>
      OpenCC.Converter({ from: 'cn', to }),
    );
    ({ matcher, glossary } = compileGlossary(file, {
      toTraditional,
      phraseVariants: [OpenCC.Converter({ from: 'cn', to: 'twp' })],
      pinyin: (s) => pinyin(s, { type: 'array', nonZh: 'removed' }),
    }));
  }, 60_000);

  it('folds only genuine traditional forms (not Taiwan word substitutions such as 物件 for 对象)', () => {
    const back = [
      OpenCC.Converter({ from: 't', to: 'cn' }),
      OpenCC.Converter({ from: 'tw', to: 'cn' }),
      OpenCC.Converter({ from: 'hk', to: 'cn' }),
    ];
    const wrong: string[] = [];
    for (let i = 0; i + 1 < matcher.fold.length; i += 2) {
      const [t, simp] = [matcher.fold[i]!, matcher.fold[i + 1]!];
      if (!back.some((b) => b(t) === simp)) wrong.push(`${t}→${simp}`);
    }
    expect(wrong).toEqual([]);
    expect(matcher.patterns.map(([p]) => p)).toContain(
      '網路強國'.replace('網', '网').replace('強國', '强国'),
    );
  });

  it('validates', () => {
    const r = validateGlossary(JSON.parse(readFileSync(GLOSSARY_PATH, 'utf8')));
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(file.entries.length).toBeGreaterThan(0);
  });

  it('every entry’s pinyin has one syllable per Chinese character', () => {
    const wrong = glossary.entries
      .filter((x) => !pinyinMatchesHeadword(x))
      .map((x) => `${x.id}: ${x.zh} → ${x.pinyin}`);
    expect(wrong).toEqual([]);
  });

  it('English renderings are unique across entries once folded as the matcher folds them', () => {
    const table = buildFoldTable(matcher.fold);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const x of file.entries) {
      for (const s of new Set(x.en.renderings.map((v) => normalizePattern(v.text, table)))) {
        const o = owner.get(s);
        if (o !== undefined && o !== x.id) clashes.push(`"${s}": ${o} and ${x.id}`);
        owner.set(s, x.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('no matcher pattern belongs to two entries', () => {
    const owner = new Map<string, number>();
    const clashes: string[] = [];
    for (const [p, t] of matcher.patterns) {
      const o = owner.get(p);
      if (o !== undefined && o !== t) {
        clashes.push(`"${p}": ${matcher.entryIds[o]} and ${matcher.entryIds[t]}`);
      }
      owner.set(p, t);
    }
    expect(clashes).toEqual([]);
  });

  it('every headword, alias, traditional form and matched English rendering finds its own entry', () => {
    const m = buildMatcher(pageMatcherData(matcher));
    const wrong: string[] = [];
    const check = (text: string, id: string) => {
      const found: Match[] = matchFlow(m, { nodes: [], starts: [], text });
      const got = found.map((x) => `${matcher.entryIds[x.term]}@${x.start}-${x.end}`).join(',');
      if (got !== `${id}@0-${text.length}`)
        wrong.push(`${JSON.stringify(text)} → ${got || 'nothing'} (want ${id})`);
    };
    glossary.entries.forEach((x) => {
      for (const s of [x.zh, ...x.aliases, ...x.traditional]) check(s, x.id);
      for (const text of matchedEnglish(x)) check(text, x.id);
    });
    expect(wrong).toEqual([]);
  });

  it('every related id and quote source resolves (lookup answers for every entry)', () => {
    const lookup = makeLookup(glossary);
    for (const x of glossary.entries) {
      const d = lookup(x.id);
      expect(d?.entry.id).toBe(x.id);
      expect(d!.related.length).toBe(x.related.length);
      if (x.quote) expect(d!.source).toBeDefined();
    }
  });

  const speechExists = existsSync(SPEECH_PATH);
  it.skipIf(!speechExists)(
    speechExists
      ? 'every quote is verbatim in the speech'
      : `every quote is verbatim in the speech — speech text not found at ${SPEECH_PATH}; set POLICY_LENS_SPEECH`,
    () => {
      const speech = unwrapSpeech(readFileSync(SPEECH_PATH, 'utf8'));
      expect(speech.length).toBeGreaterThan(1000);
      const missing = file.entries
        .filter((x) => x.quote && !speech.includes(x.quote.text))
        .map((x) => `${x.id}: ${x.quote!.text}`);
      expect(missing).toEqual([]);
    },
  );
});
