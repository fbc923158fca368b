import { describe, expect, it } from 'vitest';
import { DEFAULT_SITES, hostInDomain, matchPatternsFor } from '../../lib/shared/sites';

describe('hostInDomain', () => {
  it.each([
    ['people.cn', 'people.cn', true],
    ['www.people.cn', 'people.cn', true],
    ['cpc.people.com.cn', 'people.com.cn', true],
    ['a.b.people.cn', 'people.cn', true],
    ['WWW.People.CN', 'people.cn', true],
    ['www.people.cn.', 'people.cn', true],
    ['notpeople.cn', 'people.cn', false],
    ['people.cn.evil.com', 'people.cn', false],
    ['people.com.cn', 'people.cn', false],
    ['cn', 'people.cn', false],
    ['', 'people.cn', false],
  ])('%j in %j: %s', (host, domain, expected) => {
    expect(hostInDomain(host, domain)).toBe(expected);
  });
});

describe('matchPatternsFor / DEFAULT_SITES', () => {
  it('one pattern per domain covering subdomains', () => {
    expect(matchPatternsFor(['people.cn', 'gov.cn'])).toEqual([
      '*://*.people.cn/*',
      '*://*.gov.cn/*',
    ]);
  });

  it('default sites are lower-case bare domains without duplicates', () => {
    expect(new Set(DEFAULT_SITES).size).toBe(DEFAULT_SITES.length);
    for (const d of DEFAULT_SITES) expect(d).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(DEFAULT_SITES).toContain('people.cn');
  });
});
