import MarkdownIt from 'markdown-it';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeInline, markdownUrl, toCsv, toMarkdown } from '../../lib/extension/notes/export';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';

/** CommonMark with raw HTML on and GFM-style autolinks: the most a Markdown viewer would do. */
const md = new MarkdownIt({ html: true, linkify: true });

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![](https://tracker.example/p.gif)',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">click</a>',
  '[ref]: javascript:alert(1)',
  '`code` *em* _em_ **strong** ~~del~~',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<https://tracker.example/a>',
  '# heading',
  '- list item',
  '1. numbered',
  '> quote',
  '    indented code',
  '```',
  '| a | b |',
  '===',
  '[x]: https://tracker.example/ref',
];

function note(over: Partial<Note> = {}, quote = 'quote'): Note {
  const t = Date.UTC(2024, 1, 2, 8);
  return {
    id: 'n1',
    url: 'https://www.people.cn/a.html',
    title: 'title',
    site: 'people.cn',
    rev: 1,
    selectors: {
      version: SELECTOR_VERSION,
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: quote.length },
    },
    text: 'text',
    tags: [],
    termIds: [],
    createdAt: t,
    updatedAt: t,
    ...over,
  };
}

/** Every element the rendered Markdown contains, and every link target. */
function rendered(markdown: string): { tags: Set<string>; hrefs: string[]; text: string } {
  const html = md.render(markdown);
  const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]!));
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return { tags, hrefs, text: doc.body.textContent ?? '' };
}

describe('Markdown export copies text, never live Markdown or HTML', () => {
  it.each(HOSTILE)('in a quote, a note, a title, a tag and a term label: %s', (payload) => {
    const out = toMarkdown(
      [note({ title: payload, text: payload, tags: [payload], termIds: ['t'] }, payload)],
      { now: new Date(Date.UTC(2024, 1, 3)), termLabel: () => payload },
    );
    const r = rendered(out);
    // Only the structure export.ts writes: headings, paragraphs, the quote, emphasis, the link.
    for (const tag of r.tags) expect(['h1', 'h2', 'p', 'blockquote', 'em', 'a']).toContain(tag);
    // Links only to web pages (linkify also links the bare site name, "people.cn").
    expect(r.hrefs).toContain('https://www.people.cn/a.html');
    for (const h of r.hrefs) expect(h).toMatch(/^https?:\/\//);
    // And the reader sees the text as it was (spaces at a line's start aside; an autolinked
    // URL may keep the backslash of an escape after it).
    expect(r.text.replace(/\\/g, '')).toContain(payload.trimStart());
  });

  it('escapes inline syntax so that it renders as the same text', () => {
    for (const p of HOSTILE) {
      const html = md.renderInline(escapeInline(p));
      const tags = [...html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/g)];
      for (const [, tag, attrs] of tags) {
        expect(tag).toBe('a');
        expect(attrs).toMatch(/^ href="https?:\/\//);
      }
    }
  });

  it.each([
    ['https://www.people.cn/a.html', '<https://www.people.cn/a.html>'],
    ['http://x.cn/a b<c>', '<http://x.cn/a%20b%3Cc%3E>'],
    ['javascript:alert(1)', 'javascript:alert\\(1\\)'],
    ['data:text/html,<b>x</b>', 'data:text/html,\\<b\\>x\\</b\\>'],
    ['not a url', 'not a url'],
  ])('writes %s as %s (a link only for http and https)', (url, out) => {
    expect(markdownUrl(url)).toBe(out);
  });

  it('a page URL that is not http(s) is never a link', () => {
    const out = toMarkdown([note({ url: 'javascript:alert(1)' })]);
    expect(rendered(out).hrefs.filter((h) => !h.startsWith('http://people.cn'))).toEqual([]);
  });
});

describe('CSV export stays formula-safe', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tTab', '\rCR', '=HYPERLINK("http://x")'])(
    'a cell starting %j is not a formula',
    (payload) => {
      const csv = toCsv([note({ title: payload, text: payload, tags: [payload] }, payload)]);
      const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
      const header = rows[0]!;
      const row = rows[1]!;
      for (const col of ['title', 'quote', 'note', 'tags']) {
        const cell = row[header.indexOf(col)]!;
        expect(cell).toBe(`'${payload}`);
      }
    },
  );

  it('leaves ordinary text alone', () => {
    const csv = toCsv([note({ title: '新质生产力 1+1' })]);
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
    expect(rows[1]![rows[0]!.indexOf('title')]).toBe('新质生产力 1+1');
  });
});
