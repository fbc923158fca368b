import { describe, expect, it } from 'vitest';
import {
  anchorQuote,
  collapse,
  FUZZY_MAX_QUOTE,
  isSpace,
  similarity,
  SPACE_RUN,
  squeeze,
} from '../../lib/page/anchoring/anchor';
import { PageText } from '../../lib/page/anchoring/page-text';

// Paragraphs of the 2024-01-31 speech (People's Daily, 2024-02-02).
const P1 =
  '必须牢记高质量发展是新时代的硬道理，全面贯彻新发展理念，把加快建设现代化经济体系、推进高水平科技自立自强、加快构建新发展格局等战略任务落实到位。';
const P2 =
  '发展新质生产力是推动高质量发展的内在要求和重要着力点，必须继续做好创新这篇大文章，推动新质生产力加快发展。';
const P3 =
  '新时代以来，党中央作出一系列重大决策部署，推动高质量发展成为全党全社会的共识和自觉行动，成为经济社会发展的主旋律。';
const P4 =
  '高质量发展需要新的生产力理论来指导，而新质生产力已经在实践中形成并展示出对高质量发展的强劲推动力、支撑力。';
const INSERTED =
  '近年来，我国科技创新成果丰硕，创新驱动发展成效日益显现；城乡区域发展协调性、平衡性明显增强。';

const QUOTE = '必须继续做好创新这篇大文章';

interface Case {
  name: string;
  before: string[];
  /** The passage the reader selected, and which occurrence of it (in raw page text). */
  quote: string;
  nth?: number;
  after: string[];
  /** What the note must anchor to afterwards (null: orphan), and which occurrence. */
  expect: string | null;
  expectNth?: number;
  method?: 'position' | 'exact' | 'fuzzy';
}

const CASES: Case[] = [
  {
    name: 'unchanged page',
    before: [P1, P2, P3],
    quote: QUOTE,
    after: [P1, P2, P3],
    expect: QUOTE,
    method: 'position',
  },
  {
    name: 'paragraph inserted above',
    before: [P1, P2, P3],
    quote: QUOTE,
    after: [INSERTED, P1, P2, P3],
    expect: QUOTE,
    method: 'exact',
  },
  {
    name: 'paragraph removed above',
    before: [INSERTED, P1, P2, P3],
    quote: QUOTE,
    after: [P1, P2, P3],
    expect: QUOTE,
    method: 'exact',
  },
  {
    name: 'white space changed (re-wrapped source, nbsp, ideographic spaces)',
    before: [P1, P2, P3],
    quote: QUOTE,
    after: [
      P1,
      '\n  　　发展新质生产力是推动高质量发展的内在要求和重要着力点，必须继续做好\n      创新这篇\u00a0大文章，推动新质生产力加快发展。\n',
      P3,
    ],
    expect: '必须继续做好 创新这篇 大文章',
    method: 'position',
  },
  {
    name: 'quote edited slightly',
    before: [P1, P2, P3],
    quote: QUOTE,
    after: [P1, P2.replace('做好创新', '做好科技创新'), P3],
    expect: '必须继续做好科技创新这篇大文章',
    method: 'fuzzy',
  },
  {
    name: 'quote edited slightly and moved down',
    before: [P1, P2, P3],
    quote: '全面贯彻新发展理念，把加快建设现代化经济体系',
    after: [INSERTED, P1.replace('经济体系', '产业体系'), P2, P3],
    expect: '全面贯彻新发展理念，把加快建设现代化产业体系',
    method: 'fuzzy',
  },
  {
    name: 'quote occurring twice: the second, unchanged page',
    before: [P1, P2, P3, P4],
    quote: '新质生产力',
    nth: 1,
    after: [P1, P2, P3, P4],
    expect: '新质生产力',
    expectNth: 1,
    method: 'position',
  },
  {
    name: 'quote occurring twice: the second, after a paragraph above',
    before: [P1, P2, P3, P4],
    quote: '新质生产力',
    nth: 1,
    after: [INSERTED, P1, P2, P3, P4],
    expect: '新质生产力',
    expectNth: 1,
    method: 'exact',
  },
  {
    name: 'quote occurring twice: the third, in another paragraph',
    before: [P1, P2, P3, P4],
    quote: '新质生产力',
    nth: 2,
    after: [P1, INSERTED, P2, P3, P4],
    expect: '新质生产力',
    expectNth: 2,
    method: 'exact',
  },
  {
    name: 'quote removed (orphan)',
    before: [P1, P2, P3],
    quote: QUOTE,
    after: [P1, P2.replace('，必须继续做好创新这篇大文章', ''), P3],
    expect: null,
  },
  {
    name: 'paragraph removed entirely (orphan)',
    before: [P1, P2, P3],
    quote: '推动高质量发展成为全党全社会的共识和自觉行动',
    after: [P1, P2],
    expect: null,
  },
  {
    name: 'selection across two paragraphs',
    before: [P1, P2, P3],
    quote: '加快发展。新时代以来',
    after: [INSERTED, P1, P2, P3],
    expect: '加快发展。 新时代以来',
    method: 'exact',
  },
];

/** Index of the nth occurrence of `s` in `text`. */
function nthIndex(text: string, s: string, nth: number): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(s, i + 1);
    if (i < 0) throw new Error(`"${s}" occurs fewer than ${nth + 1} times`);
  }
  return i;
}

describe('anchorQuote over plain text (anchor text = page text without spaces)', () => {
  it.each(CASES)('$name', (c) => {
    const before = c.before.join('');
    const q = squeeze(c.quote);
    const start = nthIndex(before, q, c.nth ?? 0);
    const end = start + q.length;
    const after = squeeze(c.after.join(''));
    const m = anchorQuote(
      after,
      {
        exact: c.quote,
        prefix: before.slice(Math.max(0, start - 32), start),
        suffix: before.slice(end, end + 32),
      },
      { start, end },
    );
    if (c.expect === null) {
      expect(m).toBeNull();
      return;
    }
    expect(m).not.toBeNull();
    const want = squeeze(c.expect);
    expect(after.slice(m!.start, m!.end)).toBe(want);
    expect(m!.start).toBe(nthIndex(after, want, c.expectNth ?? 0));
    if (c.method) expect(m!.method).toBe(c.method);
  });
});

describe('anchoring through the DOM (PageText)', () => {
  const render = (paras: string[]) => {
    document.body.innerHTML = paras
      .map((p, i) => `<p id="p${i}">${p.replace('新质生产力', '新质<b>生产力</b>')}</p>`)
      .join('\n');
  };

  it.each(CASES)('$name', (c) => {
    render(c.before);
    const page = PageText.fromDocument(document);
    const q = squeeze(c.quote);
    const start = nthIndex(page.text, q, c.nth ?? 0);
    const sel = page.selectors(start, start + q.length);
    expect(squeeze(sel.quote.exact)).toBe(q);

    render(c.after);
    const page2 = PageText.fromDocument(document);
    const m = anchorQuote(page2.text, sel.quote, sel.position);
    if (c.expect === null) {
      expect(m).toBeNull();
      return;
    }
    const b = page2.boundaries(m!.start, m!.end)!;
    const range = document.createRange();
    range.setStart(b.startContainer, b.startOffset);
    range.setEnd(b.endContainer, b.endOffset);
    expect(collapse(range.toString())).toBe(c.expect);
    expect(page2.readable(m!.start, m!.end)).toBe(c.expect);
    // And the DOM range maps back to the same offsets.
    expect(page2.offsetsOf(range)).toEqual({ start: m!.start, end: m!.end });
  });
});

describe('PageText', () => {
  it('walks flows like the scanner: skips scripts, code, editable and our UI; crosses inline tags', () => {
    document.body.innerHTML =
      '<h1>标题</h1><p>新质<b>生产力</b>\n  是</p><script>var x="新质生产力"</script><pre>代码</pre>' +
      '<div contenteditable>编辑</div><policy-lens-ui>界面</policy-lens-ui><p>结尾 end</p>';
    const page = PageText.fromDocument(document);
    expect(page.text).toBe('标题新质生产力是结尾end');
    expect(page.readable(0, page.length)).toBe('标题 新质生产力 是 结尾 end');
    const sel = page.selectors(2, 7);
    expect(sel.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: '新质生产力',
      prefix: '标题',
      suffix: '是 结尾 end',
    });
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start: 2, end: 7 });
  });

  it('maps a range whose ends are elements (triple-click) and ranges ending in skipped text', () => {
    document.body.innerHTML = '<p id="a">第一段</p><pre id="c">代码</pre><p id="b">第二段</p>';
    const page = PageText.fromDocument(document);
    const r = document.createRange();
    r.setStart(document.getElementById('a')!, 0);
    r.setEnd(document.getElementById('b')!, 0);
    expect(page.offsetsOf(r)).toEqual({ start: 0, end: 3 });
    r.setStart(document.getElementById('c')!.firstChild!, 1);
    r.setEnd(document.body, document.body.childNodes.length);
    expect(page.offsetsOf(r)).toEqual({ start: 3, end: 6 });
    r.setStart(document.getElementById('a')!.firstChild!, 3);
    r.setEnd(document.getElementById('c')!.firstChild!, 2);
    expect(page.offsetsOf(r)).toBeNull(); // nothing of ours selected
  });

  it('gives the text nodes a range touches, for hit-testing', () => {
    document.body.innerHTML = '<p>新质<b>生产力</b>发展</p>';
    const page = PageText.fromDocument(document);
    const b = page.boundaries(1, 6)!;
    expect(b.nodes.map((n) => n.data)).toEqual(['新质', '生产力', '发展']);
    expect([b.startOffset, b.endOffset]).toEqual([1, 1]);
    expect(page.boundaries(3, 3)).toBeNull();
    expect(page.boundaries(0, 99)).toBeNull();
  });
});

describe('anchorQuote details', () => {
  it('refuses an empty quote or an empty page', () => {
    expect(anchorQuote('abc', { exact: '  ', prefix: '', suffix: '' })).toBeNull();
    expect(anchorQuote('', { exact: 'a', prefix: '', suffix: '' })).toBeNull();
  });

  it('does not accept a position that no longer holds the quote', () => {
    const m = anchorQuote(
      'XXabcYY',
      { exact: 'abc', prefix: 'XX', suffix: 'YY' },
      { start: 0, end: 3 },
    );
    expect(m).toMatchObject({ start: 2, end: 5, method: 'exact' });
  });

  it('anchors a long quote by its ends, even with edits in the middle', () => {
    const para = Array.from({ length: 12 }, (_, i) => `${P1}${i}${P2}${P3}`).join('');
    const text = squeeze(INSERTED + para + P4);
    const quote = squeeze(para);
    expect(quote.length).toBeGreaterThan(FUZZY_MAX_QUOTE);
    const edited = text.replace('到位。5发展', '到位。五发展');
    const m = anchorQuote(
      edited,
      { exact: quote, prefix: squeeze(INSERTED).slice(-32), suffix: P4.slice(0, 32) },
      { start: 0, end: quote.length },
    );
    expect(m).toMatchObject({
      start: squeeze(INSERTED).length,
      end: squeeze(INSERTED).length + quote.length,
      method: 'fuzzy',
    });
    // The section is gone (only its neighbours remain): orphan.
    expect(
      anchorQuote(squeeze(INSERTED + P4), { exact: quote, prefix: '', suffix: '' }),
    ).toBeNull();
  });

  it('handles a page 1,000,000 characters long in reasonable time', () => {
    const text = squeeze(Array.from({ length: 3000 }, () => P1 + P2 + P3 + P4).join(''));
    expect(text.length).toBeGreaterThan(500_000);
    const t0 = performance.now();
    const m = anchorQuote(text + '这是一个新的结尾段落，用于测试。', {
      exact: '这是一个新的结尾段落',
      prefix: '支撑力。',
      suffix: '，用于测试',
    });
    expect(m?.start).toBe(text.length);
    // Fuzzy over the whole page.
    const f = anchorQuote(text + '这是一个新的结尾段落，用于测试。', {
      exact: '这是一个旧的结尾段落',
      prefix: '支撑力。',
      suffix: '，用于测试',
    });
    expect(f?.method).toBe('fuzzy');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('scores context similarity by edit distance', () => {
    expect(similarity('abcd', 'abcd')).toBe(1);
    expect(similarity('abxd', 'abcd')).toBe(0.75);
    expect(similarity('', 'abcd')).toBe(0);
    expect(similarity('x', '')).toBe(1);
  });

  it('the white-space regexp and isSpace agree on every UTF-16 code unit', () => {
    const re = new RegExp(`^${SPACE_RUN.source}$`);
    for (let c = 0; c <= 0xffff; c++) {
      if (re.test(String.fromCharCode(c)) !== isSpace(c)) throw new Error(`disagree on ${c}`);
    }
  });

  it('collapses and squeezes white space of every kind', () => {
    expect(collapse('  a\n\t b\u3000c\u00a0 ')).toBe('a b c');
    expect(squeeze(' 新 质\n生\u3000产\u00a0力 ')).toBe('新质生产力');
  });
});
