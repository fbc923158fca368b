import { describe, expect, it } from 'vitest';
import { isTrackingParam, normalizePageUrl } from '../../lib/shared/notes/url';

const A = 'http://www.people.cn/n1/2024/0202/c1001-40171403.html';

describe('normalizePageUrl', () => {
  it.each([
    ['unchanged', A, null, A],
    ['fragment', `${A}#para3`, null, A],
    ['utm_*', `${A}?utm_source=wechat&utm_medium=social&utm_campaign=x`, null, A],
    ['fbclid and gclid', `${A}?fbclid=abc&gclid=def`, null, A],
    ['spm trail', `${A}?spm=a2c4g.11186623.0.0`, null, A],
    ['WeChat share', `${A}?from=singlemessage&isappinstalled=0`, null, A],
    ['WeChat timeline', `${A}?from=timeline&scene=1&clicktime=1706700000`, null, A],
    ['share_* params', `${A}?share_token=t&share_source=qq&sharer_shareid=9`, null, A],
    ['case of tracking names', `${A}?UTM_Source=x&FBCLID=y`, null, A],
    ['keeps real parameters, sorted', `${A}?page=2&id=7&utm_source=x`, null, `${A}?id=7&page=2`],
    [
      'keeps the order of repeated names',
      'http://x.cn/list?tag=b&a=1&tag=a',
      null,
      'http://x.cn/list?a=1&tag=b&tag=a',
    ],
    ['trailing slash', 'http://www.gov.cn/zhengce/', null, 'http://www.gov.cn/zhengce'],
    ['several trailing slashes', 'http://www.gov.cn/zhengce//', null, 'http://www.gov.cn/zhengce'],
    ['root keeps its slash', 'http://www.gov.cn/', null, 'http://www.gov.cn/'],
    ['root without slash', 'http://www.gov.cn', null, 'http://www.gov.cn/'],
    ['empty query', `${A}?`, null, A],
    [
      'host case and default port',
      'HTTP://WWW.People.CN:80/a.html',
      null,
      'http://www.people.cn/a.html',
    ],
    [
      'm. is not stripped without canonical',
      'http://m.people.cn/a.html',
      null,
      'http://m.people.cn/a.html',
    ],
    [
      'www. is not stripped without canonical',
      'http://www.people.cn/a.html',
      null,
      'http://www.people.cn/a.html',
    ],
    ['m. meets www. through canonical', 'http://m.people.cn/n1/a.html?from=timeline', A, A],
    ['canonical is normalised too', 'http://m.people.cn/a.html', `${A}?utm_source=x#top`, A],
    [
      'relative canonical',
      'http://www.people.cn/x/y.html?spm=1',
      '/n1/2024/0202/c1001-40171403.html',
      A,
    ],
    ['canonical to the home page is ignored', `${A}?from=timeline`, 'http://www.people.cn/', A],
    ['invalid canonical is ignored', `${A}#x`, 'http://[bad', A],
    ['non-http canonical is ignored', A, 'javascript:alert(1)', A],
    ['file URLs keep their path', 'file:///tmp/a.html#x', null, 'file:///tmp/a.html'],
  ])('%s', (_name, href, canonical, expected) => {
    expect(normalizePageUrl(href, canonical)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normalizePageUrl(`${A}/?b=2&a=1&utm_source=x#f`);
    expect(normalizePageUrl(once)).toBe(once);
  });

  it('knows tracking names from real ones', () => {
    expect(isTrackingParam('utm_content')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(isTrackingParam('page')).toBe(false);
  });
});
