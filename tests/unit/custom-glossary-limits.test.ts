import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  limitsProblem,
  MAX_ALIASES,
  MAX_CUSTOM_PATTERNS,
  MAX_CUSTOM_TERMS,
  parseCsv,
  parseGlossaryJson,
  withinLimits,
  type CustomTermInput,
} from '../../lib/shared/glossary/custom';
import {
  addCustomTerms,
  CustomGlossaryDb,
  CustomGlossaryLimitError,
} from '../../lib/extension/glossary/custom-db';
import { customPatterns, withCustomTerms } from '../../lib/shared/glossary/custom-matcher';
import type { MatcherData } from '../../lib/shared/glossary/compile';

const entry = (i: number, aliases: string[] = [], english = '') => ({
  zh: `术语${i}号`,
  aliases,
  en: { official: english },
});
const json = (entries: unknown[]) => JSON.stringify({ format: 'policy-lens-glossary', entries });
const input = (i: number, aliases = 0, english = ''): CustomTermInput => ({
  term: `术语${i}号`,
  aliases: Array.from({ length: aliases }, (_, k) => `别名${i}-${k}`),
  english,
  definition: '',
  note: '',
});

describe('custom glossary limits', () => {
  it.each<[string, string, number, RegExp | null]>([
    ['a few aliases', json([entry(1, ['别名一', '别名二'])]), 1, null],
    [
      `${MAX_ALIASES} aliases`,
      json([
        entry(
          1,
          Array.from({ length: MAX_ALIASES }, (_, k) => `别名${k}`),
        ),
      ]),
      1,
      null,
    ],
    [
      '100,000 aliases on one term',
      json([
        entry(
          1,
          Array.from({ length: 100_000 }, (_, k) => `别名${k}`),
        ),
      ]),
      0,
      /aliases: more than 20 aliases/,
    ],
    [
      'a headword over 100 characters',
      json([{ zh: '长'.repeat(101) }]),
      0,
      /term: longer than 100 characters/,
    ],
    [
      'an alias over 100 characters',
      json([entry(1, ['长'.repeat(101)])]),
      0,
      /aliases\.0: longer than 100 characters/,
    ],
    [
      'a definition over 4,000 characters',
      json([{ zh: '术语', definition: 'x'.repeat(4001) }]),
      0,
      /definition: longer than 4000 characters/,
    ],
    [
      'more entries than a glossary holds',
      json(Array.from({ length: MAX_CUSTOM_TERMS + 1 }, (_, i) => entry(i))),
      0,
      /2001 terms; a glossary holds at most 2000\. Nothing was imported/,
    ],
  ])('JSON: %s', (_name, source, ok, message) => {
    const r = parseGlossaryJson(source);
    expect(r.terms).toHaveLength(ok);
    if (message) expect(r.errors.map((e) => e.message).join('\n')).toMatch(message);
    else expect(r.errors).toEqual([]);
  });

  it('CSV: more rows than a glossary holds is refused whole', () => {
    const rows = Array.from({ length: MAX_CUSTOM_TERMS + 1 }, (_, i) => `术语${i}号,x`);
    const r = parseCsv(`term,English\n${rows.join('\n')}`);
    expect(r.terms).toEqual([]);
    expect(r.errors).toEqual([{ where: 'file', message: expect.stringContaining('at most 2000') }]);
  });

  it.each<[string, CustomTermInput[], CustomTermInput[], RegExp | null]>([
    ['room left', [input(1)], [input(2)], null],
    [
      'too many terms with the saved ones',
      Array.from({ length: MAX_CUSTOM_TERMS }, (_, i) => input(i)),
      [input(-1)],
      /2000 saved \+ 1 new terms is more than 2000/,
    ],
    [
      'too many patterns in all',
      Array.from({ length: 500 }, (_, i) => input(i, 19, 'en')), // 21 patterns each: 10,500
      [],
      new RegExp(`10500 terms, aliases and English names together; at most ${MAX_CUSTOM_PATTERNS}`),
    ],
  ])('beside the saved glossary: %s', (_name, saved, incoming, message) => {
    const problem = limitsProblem(saved, incoming);
    if (message) expect(problem).toMatch(message);
    else expect(problem).toBeNull();
    const shown = withinLimits({ terms: incoming, errors: [] }, saved);
    expect(shown.terms).toHaveLength(message ? 0 : incoming.length);
  });

  describe('the write checks again, in its transaction', () => {
    let db: CustomGlossaryDb | undefined;
    afterEach(async () => {
      db?.close();
      if (db) await Dexie.delete(db.name);
    });
    it('refuses terms past the limit and saves nothing', async () => {
      db = new CustomGlossaryDb(`custom-${Math.random().toString(36).slice(2)}`);
      await addCustomTerms(
        db,
        Array.from({ length: MAX_CUSTOM_TERMS - 1 }, (_, i) => input(i)),
      );
      await expect(addCustomTerms(db, [input(-1), input(-2)])).rejects.toBeInstanceOf(
        CustomGlossaryLimitError,
      );
      expect(await db.terms.count()).toBe(MAX_CUSTOM_TERMS - 1);
    });
  });

  it('a glossary saved before the limits costs every page no more than the limits', () => {
    const huge = {
      id: 'custom-1',
      term: '术语',
      aliases: Array.from({ length: 100_000 }, (_, k) => `别名${k}`),
      english: '',
    };
    expect(customPatterns(huge).patterns).toHaveLength(1 + MAX_ALIASES);
    const data: MatcherData = { fold: '', patterns: [], entryIds: [], categories: [], starts: '' };
    const many = Array.from({ length: 1_000 }, (_, i) =>
      customPatterns({
        ...huge,
        id: `custom-${i}`,
        term: `术语${i}号`,
        aliases: huge.aliases.slice(0, MAX_ALIASES).map((a) => `${a}-${i}`),
      }),
    );
    expect(withCustomTerms(data, many).patterns).toHaveLength(MAX_CUSTOM_PATTERNS);
  });
});
