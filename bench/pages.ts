/**
 * The benchmark's pages, generated from our own text: the paragraphs of
 * tests/fixtures/sample-article.html (written for this project) and, for page E, the
 * terms-free paragraphs of no-terms.ts. Each page knows how many matches the real matcher
 * finds in its text flows (`expected`), so "all matches painted" is checked against the
 * matcher, not against what the content script happened to paint.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import type { MatcherData } from '../lib/shared/glossary/compile';
import { matchFlow, type Matcher } from '../lib/page/match/flow-matcher';
import { buildMatcher } from '../lib/page/match/load';
import { FlowWalker } from '../lib/page/text/flows';
import { NO_TERM_PARAGRAPHS } from './no-terms';
import { pageMatcherData } from '../lib/shared/glossary/page-matcher';
import { startFixtureServer, type FixtureServer } from '../tests/harness/fixture-server';

export type PageKey = 'A' | 'B' | 'B200' | 'C' | 'D' | 'E';

interface FeedSpec {
  /** Paragraphs on the page before the feed starts. */
  initial: number;
  batch: number;
  everyMs: number;
  durationMs: number;
}

export interface BenchPage {
  key: PageKey;
  label: string;
  /** Path on http://www.people.cn. */
  path: string;
  /** Generated HTML (served from memory); undefined for a fixture file. */
  html?: string;
  /** Characters of text the matcher sees (all flows of the body). */
  chars: number;
  paragraphs: number;
  /** Text nodes in the article (what a scanner walks). */
  textNodes: number;
  /** Matches the real matcher finds in the page's flows (before any feed for D). */
  expected: number;
  /** Page D: the infinite-scroll feed. */
  feed?: FeedSpec & { expectedAfter: number };
}

const FIXTURE = new URL('../tests/fixtures/sample-article.html', import.meta.url);
const MATCHER_JSON = new URL('../glossary/generated/matcher.json', import.meta.url);

function loadMatcher(): { data: MatcherData; matcher: Matcher } {
  const data = JSON.parse(readFileSync(MATCHER_JSON, 'utf8')) as MatcherData;
  return { data, matcher: buildMatcher(pageMatcherData(data)) };
}

interface Paragraph {
  html: string;
  text: string;
  matches: number;
}

const B_CHARS = 1_000_000;
const SLICE_CHARS = 200_000;
const C_PARAGRAPHS = 2_000;
const C_NODES_PER_PARAGRAPH = 100;
const E_CHARS = 10_000;
const FEED: FeedSpec = { initial: 20, batch: 20, everyMs: 250, durationMs: 10_000 };

/** Parses HTML with happy-dom (no layout, no scripts). */
function parse(html: string): { doc: Document; close: () => Promise<void> } {
  const win = new Window({ settings: { disableJavaScriptEvaluation: true } });
  win.document.write(html);
  return { doc: win.document as unknown as Document, close: () => win.happyDOM.close() };
}

/** Matches of the real matcher over every flow of `root` (as the scanner walks them). */
function flowMatches(doc: Document, matcher: Matcher): { matches: number; chars: number } {
  const body = doc.body;
  const w = new FlowWalker(doc, { first: body, last: body });
  let matches = 0;
  for (let f = w.next(); f; f = w.next()) matches += matchFlow(matcher, f).length;
  return { matches, chars: w.chars };
}

const textMatches = (matcher: Matcher, text: string) =>
  matchFlow(matcher, { text, nodes: [], starts: [] }).length;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function shell(title: string, style: string, body: string, script = ''): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><style>${style}</style></head><body>` +
    `<div class="wrap"><div class="main"><h1>${title}</h1>` +
    `<div class="rm_txt_con" id="rm_txt_con">${body}</div></div></div>` +
    (script ? `<script>${script}</script>` : '') +
    `</body></html>`
  );
}

/** Cycles `source` until the texts reach `chars` characters. */
function cycle<T extends { text: string }>(source: readonly T[], chars: number): T[] {
  const out: T[] = [];
  let total = 0;
  for (let i = 0; total < chars; i++) {
    const p = source[i % source.length]!;
    out.push(p);
    total += p.text.length;
  }
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The feed page's script: appends `batch` paragraphs every `everyMs` once the bench says go. */
function feedScript(spec: FeedSpec): string {
  return `(() => {
  const P = JSON.parse(document.getElementById('feed-data').textContent);
  const box = document.getElementById('rm_txt_con');
  const feed = { ins: [], expect: P.map((p) => p[1]), first: ${spec.initial}, startedAt: -1, endedAt: -1 };
  let resolveDone;
  feed.done = new Promise((r) => (resolveDone = r));
  const ticks = ${Math.round(spec.durationMs / spec.everyMs)};
  feed.start = () => {
    feed.startedAt = performance.now();
    let k = 0, next = ${spec.initial};
    const tick = () => {
      const frag = document.createDocumentFragment();
      const from = next;
      for (let j = 0; j < ${spec.batch}; j++, next++) {
        const p = document.createElement('p');
        p.dataset.i = String(next);
        p.innerHTML = P[next % P.length][0];
        frag.appendChild(p);
      }
      box.appendChild(frag);
      const t = performance.now();
      for (let i = from; i < next; i++) feed.ins[i] = t;
      // The reader is at the bottom, reading what arrives.
      window.scrollTo(0, document.body.scrollHeight);
      if (++k < ticks) setTimeout(tick, feed.startedAt + k * ${spec.everyMs} - performance.now());
      else { feed.endedAt = performance.now(); feed.count = next; resolveDone(next); }
    };
    setTimeout(tick, ${spec.everyMs});
  };
  window.__feed = feed;
})();`;
}

export async function buildPages(): Promise<{ pages: BenchPage[]; matcherPatterns: number }> {
  const { data, matcher } = loadMatcher();
  const fixtureHtml = readFileSync(FIXTURE, 'utf8');
  const style = /<style>([\s\S]*?)<\/style>/.exec(fixtureHtml)?.[1] ?? '';

  const fixture = parse(fixtureHtml);
  const a = flowMatches(fixture.doc, matcher);
  const aNodes = countTextNodes(fixture.doc);
  const paragraphs: Paragraph[] = [...fixture.doc.querySelectorAll('#rm_txt_con > p')].map((p) => ({
    html: p.innerHTML,
    text: p.textContent ?? '',
    matches: textMatches(matcher, p.textContent ?? ''),
  }));
  await fixture.close();
  if (paragraphs.length < 10)
    throw new Error('sample-article.html: #rm_txt_con paragraphs not found');

  const pages: BenchPage[] = [
    {
      key: 'A',
      label: 'A sample article',
      path: '/sample-article.html',
      chars: a.chars,
      paragraphs: paragraphs.length,
      textNodes: aNodes,
      expected: a.matches,
    },
  ];

  const dense = (key: 'B' | 'B200', label: string, chars: number): BenchPage => {
    const ps = cycle(paragraphs, chars);
    return {
      key,
      label,
      path: `/bench/${key.toLowerCase()}.html`,
      html: shell('长文测试页', style, ps.map((p) => `<p>${p.html}</p>`).join('\n')),
      chars: sum(ps.map((p) => p.text.length)),
      paragraphs: ps.length,
      textNodes: 0, // counted in the browser
      expected: sum(ps.map((p) => p.matches)),
    };
  };
  pages.push(dense('B', 'B 1 MB, dense', B_CHARS));
  pages.push(dense('B200', 'B′ 200 KB slice of B', SLICE_CHARS));

  // C: every paragraph cut into 100 spans of 1–3 characters, so most matches cross nodes.
  {
    const usable = paragraphs.filter((p) => p.text.length >= C_NODES_PER_PARAGRAPH);
    const body: string[] = [];
    let chars = 0;
    let expected = 0;
    for (let i = 0; i < C_PARAGRAPHS; i++) {
      const p = usable[i % usable.length]!;
      const t = p.text;
      let s = '<p>';
      for (let j = 0; j < C_NODES_PER_PARAGRAPH; j++) {
        const from = Math.floor((j * t.length) / C_NODES_PER_PARAGRAPH);
        const to = Math.floor(((j + 1) * t.length) / C_NODES_PER_PARAGRAPH);
        s += `<span>${escapeText(t.slice(from, to))}</span>`;
      }
      body.push(s + '</p>');
      chars += t.length;
      expected += p.matches;
    }
    pages.push({
      key: 'C',
      label: 'C 200,000 text nodes',
      path: '/bench/c.html',
      html: shell('碎片节点测试页', style, body.join('')),
      chars,
      paragraphs: C_PARAGRAPHS,
      textNodes: C_PARAGRAPHS * C_NODES_PER_PARAGRAPH,
      expected,
    });
  }

  // D: infinite scroll.
  {
    const initial = paragraphs.slice(0, FEED.initial);
    const ticks = Math.round(FEED.durationMs / FEED.everyMs);
    const fed = FEED.batch * ticks;
    // Paragraph i of the page (initial or fed) is paragraphs[i % n].
    const all = Array.from(
      { length: FEED.initial + fed },
      (_, i) => paragraphs[i % paragraphs.length]!,
    );
    const payload = JSON.stringify(paragraphs.map((p) => [p.html, p.matches])).replace(
      /</g,
      '\\u003c',
    );
    const body =
      initial.map((p, i) => `<p data-i="${i}">${p.html}</p>`).join('\n') +
      `<script type="application/json" id="feed-data">${payload}</script>`;
    pages.push({
      key: 'D',
      label: 'D infinite scroll',
      path: '/bench/d.html',
      html: shell('滚动加载测试页', style, body, feedScript(FEED)),
      chars: sum(initial.map((p) => p.text.length)),
      paragraphs: initial.length,
      textNodes: 0,
      expected: sum(initial.map((p) => p.matches)),
      feed: { ...FEED, expectedAfter: sum(all.map((p) => p.matches)) },
    });
  }

  // E: 10,000 characters with no glossary term.
  {
    for (const [i, t] of NO_TERM_PARAGRAPHS.entries()) {
      const n = textMatches(matcher, t);
      if (n) throw new Error(`no-terms.ts paragraph ${i} matches ${n} glossary pattern(s)`);
    }
    const ps = cycle(
      NO_TERM_PARAGRAPHS.map((text) => ({ text })),
      E_CHARS,
    );
    const html = shell(
      '城市生活周报',
      style,
      ps.map((p) => `<p>${escapeText(p.text)}</p>`).join('\n'),
    );
    const e = parse(html);
    const m = flowMatches(e.doc, matcher);
    const nodes = countTextNodes(e.doc);
    await e.close();
    if (m.matches) throw new Error(`page E has ${m.matches} glossary match(es)`);
    pages.push({
      key: 'E',
      label: 'E no terms, 10k chars',
      path: '/bench/e.html',
      html,
      chars: m.chars,
      paragraphs: ps.length,
      textNodes: nodes,
      expected: 0,
    });
  }
  return { pages, matcherPatterns: data.patterns.length };
}

function countTextNodes(doc: Document): number {
  const w = doc.createTreeWalker(doc.body, 4);
  let n = 0;
  while (w.nextNode()) n++;
  return n;
}

/** The fixture server with every generated page at its path (http://www.people.cn/…). */
export async function serveBenchPages(pages: readonly BenchPage[]): Promise<FixtureServer> {
  const server = await startFixtureServer();
  for (const p of pages) if (p.html) server.pages.set(p.path, p.html);
  return server;
}
