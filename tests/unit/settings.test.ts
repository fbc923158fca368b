import { describe, expect, it } from 'vitest';
import { termFilter, termHighlightName } from '../../lib/shared/settings/apply';
import {
  DEFAULT_SETTINGS,
  isActiveOn,
  parseSettings,
  siteKey,
} from '../../lib/shared/settings/settings';
import { domainFromInput } from '../../components/options/SitesSection';

const DEFAULTS = ['people.cn', 'gov.cn'];

describe('parseSettings', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_SETTINGS],
    ['not an object', 'x', DEFAULT_SETTINGS],
    [
      'a valid field kept, an invalid one defaulted',
      { termStyle: 'dotted', tooltipDelayMs: -5 },
      { ...DEFAULT_SETTINGS, termStyle: 'dotted' },
    ],
    ['unknown style', { termStyle: 'neon' }, DEFAULT_SETTINGS],
    [
      'domains lower-cased',
      { pausedSites: ['People.CN'] },
      { ...DEFAULT_SETTINGS, pausedSites: ['people.cn'] },
    ],
    [
      'a bad domain invalidates that list only',
      { pausedSites: ['not a domain'], showPinyin: false },
      { ...DEFAULT_SETTINGS, showPinyin: false },
    ],
    ['null', null, DEFAULT_SETTINGS],
    ['an array', [1, 2], DEFAULT_SETTINGS],
    ['null fields', { termStyle: null, pausedSites: null }, DEFAULT_SETTINGS],
    ['a delay not an integer', { tooltipDelayMs: 2.5 }, DEFAULT_SETTINGS],
    ['a delay NaN', { tooltipDelayMs: NaN }, DEFAULT_SETTINGS],
    ['a delay as a string', { tooltipDelayMs: '300' }, DEFAULT_SETTINGS],
    [
      'a delay at its bounds',
      { tooltipDelayMs: 2000 },
      { ...DEFAULT_SETTINGS, tooltipDelayMs: 2000 },
    ],
    ['a delay past its bound', { tooltipDelayMs: 2001 }, DEFAULT_SETTINGS],
    ['no delay', { tooltipDelayMs: 0 }, { ...DEFAULT_SETTINGS, tooltipDelayMs: 0 }],
    ['trash days zero', { trashDays: 0 }, DEFAULT_SETTINGS],
    ['trash days ten years', { trashDays: 3650 }, { ...DEFAULT_SETTINGS, trashDays: 3650 }],
    ['pinyin as a string', { showPinyin: 'false' }, DEFAULT_SETTINGS],
    [
      'a known category kept',
      { hiddenCategories: ['green', 'policy'] },
      { ...DEFAULT_SETTINGS, hiddenCategories: ['green', 'policy'] },
    ],
    [
      'an unknown category invalidates the list',
      { hiddenCategories: ['green', 'x'] },
      DEFAULT_SETTINGS,
    ],
    ['a hidden term not a string', { hiddenTerms: ['a', 3] }, DEFAULT_SETTINGS],
    ['a domain without a dot', { addedSites: ['localhost'] }, DEFAULT_SETTINGS],
    ['a domain not a string', { disabledSites: [{}] }, DEFAULT_SETTINGS],
    ['a language', { tooltipLanguage: 'en' }, { ...DEFAULT_SETTINGS, tooltipLanguage: 'en' }],
    ['unknown keys dropped', { evil: 1, __proto__: { termStyle: 'dotted' } }, DEFAULT_SETTINGS],
  ])('%s', (_name, raw, expected) => {
    expect(parseSettings(raw)).toStrictEqual({ ...expected });
  });

  it('gives each read its own lists (a caller changing one changes no other read)', () => {
    const a = parseSettings({});
    a.pausedSites.push('people.cn');
    expect(parseSettings({}).pausedSites).toEqual([]);
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
  });
});

describe('isActiveOn', () => {
  it.each([
    ['a default site', 'www.people.cn', {}, true],
    ['a subdomain of a default site', 'cpc.people.cn', {}, true],
    ['a default site switched off', 'en.people.cn', { disabledSites: ['people.cn'] }, false],
    ['a paused site', 'www.gov.cn', { pausedSites: ['gov.cn'] }, false],
    ['another default stays on', 'www.gov.cn', { pausedSites: ['people.cn'] }, true],
    ['an added site', 'news.example.com', { addedSites: ['example.com'] }, true],
    [
      'an added site paused',
      'news.example.com',
      { addedSites: ['example.com'], pausedSites: ['example.com'] },
      false,
    ],
    [
      'any other page (scanned on demand) pauses by host',
      'www.example.org',
      { pausedSites: ['example.org'] },
      false,
    ],
  ])('%s', (_name, host, patch, expected) => {
    expect(isActiveOn(host, { ...DEFAULT_SETTINGS, ...patch }, DEFAULTS)).toBe(expected);
  });

  it('siteKey maps hosts to their listed domain', () => {
    expect(siteKey('WWW.People.cn', DEFAULTS)).toBe('people.cn');
    expect(siteKey('example.org', DEFAULTS)).toBe('example.org');
  });
});

describe('termFilter and termHighlightName', () => {
  const ids = ['a', 'b', 'c'];
  const cats = ['concept', 'formula', 'concept'];
  it.each([
    ['nothing hidden', [], [], [true, true, true]],
    ['a hidden term', ['b'], [], [true, false, true]],
    ['a hidden category', [], ['concept'], [false, true, false]],
  ] as const)('%s', (_name, hiddenTerms, hiddenCategories, expected) => {
    const f = termFilter(
      { hiddenTerms: [...hiddenTerms], hiddenCategories: [...hiddenCategories] },
      ids,
      cats,
    );
    expect([0, 1, 2].map(f)).toEqual(expected);
  });
  it('names each style', () => {
    expect(['soft', 'underline', 'dotted'].map((s) => termHighlightName(s as 'soft'))).toEqual([
      'policy-lens-term',
      'policy-lens-term-underline',
      'policy-lens-term-dotted',
    ]);
  });
});

describe('domainFromInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  WWW.Example.COM ', 'example.com'],
    ['https://news.example.com/a/b?c', 'news.example.com'],
    ['*.example.com', 'example.com'],
    ['example.com/path', 'example.com'],
    ['not a site', null],
    ['localhost', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(domainFromInput(input)).toBe(expected);
  });
});
