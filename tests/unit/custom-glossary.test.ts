import { describe, expect, it } from 'vitest';
import type { MatcherData } from '../../lib/shared/glossary/compile';
import { parseCsv, parseGlossaryJson, rejectKnown } from '../../lib/shared/glossary/custom';
import { customPatterns, withCustomTerms } from '../../lib/shared/glossary/custom-matcher';
import { matchStartsSource } from '../../lib/shared/match/match-starts';
import { buildFoldTable } from '../../lib/shared/text/normalize';
import { matchFlow } from '../../lib/page/match/flow-matcher';
import { buildMatcher } from '../../lib/page/match/load';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';

describe('parseCsv', () => {
  it.each([
    ['header row, all columns', 'term,English,definition,note\n新概念,new concept,定义,备注', 1, 0],
    ['no header: columns by position', '新概念,new concept,定义,备注\n另一个,another,,', 2, 0],
    ['Chinese header', '术语,英文,定义,备注\n新概念,new concept,,', 1, 0],
    ['BOM and CRLF', '\uFEFFterm,English\r\n新概念,new concept\r\n', 1, 0],
    ['quoted comma and newline', 'term,definition\n"新概念","一, 二\n三"', 1, 0],
    ['too short a term', 'term\nx', 0, 1],
    ['empty term', 'term,English\n,only english', 0, 1],
    ['duplicate in file', 'term\n新概念\n新概念', 1, 1],
    ['term too long', `term\n${'长'.repeat(101)}`, 0, 1],
  ])('%s', (_name, csv, ok, bad) => {
    const r = parseCsv(csv);
    expect(r.terms).toHaveLength(ok);
    expect(r.errors).toHaveLength(bad);
  });

  it('names the row of each error (1-based, header counted)', () => {
    const r = parseCsv('term,English\n新概念,a\nx,b\n另一个,c');
    expect(r.errors).toEqual([
      { where: 'row 3', message: expect.stringContaining('two characters') },
    ]);
  });

  it('keeps script payloads as plain text (never interpreted)', () => {
    const r = parseCsv('term,definition\n"<img src=x onerror=alert(1)>",<script>x</script>');
    expect(r.terms[0]!.term).toBe('<img src=x onerror=alert(1)>');
    expect(r.terms[0]!.definition).toBe('<script>x</script>');
  });

  it('refuses a file over 2 MB without parsing it', () => {
    const r = parseCsv('a'.repeat(2_000_001));
    expect(r.terms).toEqual([]);
    expect(r.errors[0]!.message).toMatch(/2 MB/);
  });
});

describe('parseGlossaryJson', () => {
  it.each([
    ['not JSON', '{nope', 0, /not JSON/],
    ['wrong format', '{"format":"other","entries":[]}', 0, /policy-lens-glossary/],
    [
      'our format',
      JSON.stringify({
        format: 'policy-lens-glossary',
        entries: [
          {
            zh: '新概念',
            en: { official: 'new concept' },
            definition: { zh: '中文', en: 'English' },
          },
          { zh: 'x' },
          { nothing: true },
        ],
      }),
      1,
      /entries\[1\]|entries\[2\]/,
    ],
    ['a bare list', JSON.stringify([{ term: '新概念', en: 'new concept' }]), 1, null],
  ])('%s', (_name, json, ok, error) => {
    const r = parseGlossaryJson(json);
    expect(r.terms).toHaveLength(ok);
    if (error) expect(r.errors.map((e) => `${e.where}: ${e.message}`).join('\n')).toMatch(error);
    else expect(r.errors).toEqual([]);
  });

  it.each([
    ['the preferred of its renderings', { renderings: [{ text: 'new concept' }, { text: 'x' }] }],
    ['an older file’s official rendering', { official: 'new concept' }],
  ])('takes the English from %s', (_name, en) => {
    const r = parseGlossaryJson(
      JSON.stringify({ format: 'policy-lens-glossary', entries: [{ zh: '新概念', en }] }),
    );
    expect(r.terms[0]?.english).toBe('new concept');
  });

  it('joins the two definitions', () => {
    const r = parseGlossaryJson(
      JSON.stringify([{ zh: '新概念', definition: { zh: '中文定义', en: 'English definition' } }]),
    );
    expect(r.terms[0]!.definition).toBe('中文定义\nEnglish definition');
  });
});

describe('rejectKnown', () => {
  it('rejects rows whose term or alias is already known, case-insensitively', () => {
    const parsed = parseGlossaryJson(
      JSON.stringify([
        { zh: '新质生产力' },
        { zh: '新概念', aliases: ['Digital Economy'] },
        { zh: '另一个' },
      ]),
    );
    const r = rejectKnown(parsed, new Set(['新质生产力', 'digital economy']));
    expect(r.terms.map((t) => t.term)).toEqual(['另一个']);
    expect(r.errors.map((e) => e.message)).toEqual([
      '"新质生产力" is already in the glossary',
      '"Digital Economy" is already in the glossary',
    ]);
  });
});

describe('withCustomTerms', () => {
  const bundled: MatcherData = {
    fold: '質质',
    entryIds: ['nqpf', 'hqd'],
    categories: ['concept', 'concept'],
    patterns: [
      ['新质生产力', 0],
      ['高质量发展', 1],
    ],
    starts: matchStartsSource(['新质生产力', '高质量发展'], buildFoldTable('質质')),
  };

  it('returns the bundled data untouched when there are no custom terms', () => {
    expect(withCustomTerms(bundled, [])).toBe(bundled);
  });

  it('appends custom entries after the bundled ones; one trie keeps leftmost-longest', () => {
    const merged = withCustomTerms(bundled, [
      customPatterns({
        id: 'custom-1',
        term: '高质量发展新阶段',
        aliases: [],
        english: 'New Stage',
      }),
      customPatterns({ id: 'custom-2', term: '新质生产力', aliases: ['ＡＢＣ词'], english: '' }),
    ]);
    expect(merged.entryIds).toEqual(['nqpf', 'hqd', 'custom-1', 'custom-2']);
    expect(merged.categories.slice(2)).toEqual(['custom', 'custom']);
    // A custom pattern equal to a bundled one is not added twice; full-width folds.
    expect(merged.patterns.slice(2)).toEqual([
      ['高质量发展新阶段', 2],
      ['new stage', 2],
      ['abc词', 3],
    ]);
    const m = buildMatcher(pageMatcherData(merged));
    const text = '推动高质量发展新阶段和高质量发展，ABC词';
    const found = matchFlow(m, { nodes: [], starts: [0], text });
    expect(found.map((f) => [text.slice(f.start, f.end), merged.entryIds[f.term]])).toEqual([
      ['高质量发展新阶段', 'custom-1'],
      ['高质量发展', 'hqd'],
      ['ABC词', 'custom-2'],
    ]);
    // The start regex is derived again: the bundled one knows nothing of "a".
    expect(merged.starts).not.toBe(bundled.starts);
    expect(m.trie.patternCount).toBe(5);
  });
});
