import { describe, expect, it } from 'vitest';
import { citeNote, citeTerm, mdEscape, type TermCitation } from '../../lib/shared/citation/cite';
import { apaDate, apaDay, isoDay } from '../../lib/shared/citation/dates';
import { outletOf, splitOutlet } from '../../lib/shared/citation/outlets';

const SOURCE = {
  outlet: "人民日报 People's Daily",
  title: '习近平在中共中央政治局第十一次集体学习时强调 加快发展新质生产力 扎实推进高质量发展',
  date: '2024-02-02',
  page: '01 版 (page 1)',
  url: 'http://cpc.people.com.cn/',
};
const TERM: TermCitation = {
  zh: '新质生产力',
  pinyin: 'xīn zhì shēngchǎnlì',
  en: 'new quality productive forces',
  quote: { text: '发展新质生产力是推动高质量发展的内在要求和重要着力点。', source: SOURCE },
  accessed: '2026-12-07',
};
const NOTE = {
  passage: '加快发展新质生产力',
  title: '加快发展新质生产力 [评论]',
  site: '人民网',
  url: 'http://www.people.cn/n1/2024/0202/c1001-1.html',
  read: '2026-12-07',
};

describe('citeTerm', () => {
  it.each([
    [
      'plain',
      '新质生产力 (xīn zhì shēngchǎnlì) — new quality productive forces\n' +
        '“发展新质生产力是推动高质量发展的内在要求和重要着力点。”\n' +
        `— 人民日报 People's Daily, 2024-02-02, 01 版 (page 1). ${SOURCE.title}. http://cpc.people.com.cn/`,
    ],
    [
      'markdown',
      '**新质生产力** (*xīn zhì shēngchǎnlì*) — new quality productive forces\n\n' +
        '> 发展新质生产力是推动高质量发展的内在要求和重要着力点。\n>\n' +
        `> — 人民日报 People's Daily, 2024-02-02, 01 版 (page 1): [${SOURCE.title}](http://cpc.people.com.cn/)`,
    ],
    [
      'gbt7714',
      '新质生产力（xīn zhì shēngchǎnlì；new quality productive forces）：“发展新质生产力是推动高质量发展的内在要求和重要着力点。”\n' +
        `佚名. ${SOURCE.title}[N/OL]. 人民日报, 2024-02-02(1)[2026-12-07]. http://cpc.people.com.cn/`,
    ],
    [
      'apa',
      '新质生产力 (xīn zhì shēngchǎnlì) — new quality productive forces: “发展新质生产力是推动高质量发展的内在要求和重要着力点。” (“习近平在中共中央政治局第十一次集体学习时强调,” 2024)\n\n' +
        `${SOURCE.title}. (2024, February 2). 人民日报, 1. http://cpc.people.com.cn/`,
    ],
  ] as const)('%s', (format, expected) => {
    expect(citeTerm(TERM, format)).toBe(expected);
  });

  it.each(['plain', 'markdown', 'gbt7714', 'apa'] as const)(
    'a term without a quote is its headword line (%s)',
    (format) => {
      const out = citeTerm({ ...TERM, quote: undefined }, format);
      expect(out).toContain('新质生产力');
      expect(out).toContain('new quality productive forces');
      expect(out).not.toContain('\n');
    },
  );
});

describe('citeNote', () => {
  it.each([
    [
      'plain',
      '“加快发展新质生产力”\n— 加快发展新质生产力 [评论], 人民网. http://www.people.cn/n1/2024/0202/c1001-1.html (read 2026-12-07)',
    ],
    [
      'markdown',
      '> 加快发展新质生产力\n>\n> — [加快发展新质生产力 \\[评论\\]](http://www.people.cn/n1/2024/0202/c1001-1.html), 人民网 (read 2026-12-07)',
    ],
    [
      'gbt7714',
      '“加快发展新质生产力”\n人民网. 加快发展新质生产力 [评论][EB/OL]. [2026-12-07]. http://www.people.cn/n1/2024/0202/c1001-1.html',
    ],
    [
      'apa',
      '“加快发展新质生产力” (人民网, n.d.)\n\n人民网. (n.d.). 加快发展新质生产力 [评论]. Retrieved December 7, 2026, from http://www.people.cn/n1/2024/0202/c1001-1.html',
    ],
  ] as const)('%s', (format, expected) => {
    expect(citeNote(NOTE, format)).toBe(expected);
  });

  it('GB/T and APA carry the publication date when it is known', () => {
    const n = { ...NOTE, published: '2024-02-02' };
    expect(citeNote(n, 'gbt7714')).toContain('[EB/OL]. (2024-02-02)[2026-12-07]. http://');
    expect(citeNote(n, 'apa')).toContain('人民网. (2024, February 2).');
    expect(citeNote(n, 'apa')).toContain('(人民网, 2024)');
  });

  it('a multi-line passage stays inside the Markdown quote', () => {
    const out = citeNote({ ...NOTE, passage: 'one\n# two' }, 'markdown');
    expect(out.startsWith('> one\n> \\# two\n')).toBe(true);
  });

  it('a URL with parentheses cannot end the Markdown link early', () => {
    const out = citeNote({ ...NOTE, url: 'http://x.cn/a_(b)' }, 'markdown');
    expect(out).toContain('](http://x.cn/a_%28b%29)');
  });
});

describe('helpers', () => {
  it.each([
    ['a*b_c', 'a\\*b\\_c'],
    ['[x](y)', '\\[x\\](y)'],
    ['<b>', '\\<b\\>'],
    ['中文', '中文'],
  ])('mdEscape(%j)', (input, out) => expect(mdEscape(input)).toBe(out));

  it.each([
    ['2024-02-02', '2024, February 2'],
    ['2024-02', '2024, February'],
    ['2024', '2024'],
  ])('apaDate(%s)', (input, out) => expect(apaDate(input)).toBe(out));

  it('apaDay and isoDay', () => {
    expect(apaDay('2026-12-07')).toBe('December 7, 2026');
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it.each([
    ['www.people.cn', '人民网'],
    ['en.people.cn', '人民网'],
    ['cpc.people.com.cn', '人民网'],
    ['www.gov.cn', '中国政府网'],
    ['www.news.cn', '新华网'],
    ['www.example.org', 'example.org'],
  ])('outletOf(%s)', (host, out) => expect(outletOf(host)).toBe(out));

  it.each([
    ["人民日报 People's Daily", { zh: '人民日报', en: "People's Daily" }],
    ['Xinhua', { zh: '', en: 'Xinhua' }],
    ['求是', { zh: '求是', en: '' }],
  ])('splitOutlet(%s)', (input, out) => expect(splitOutlet(input)).toEqual(out));
});
