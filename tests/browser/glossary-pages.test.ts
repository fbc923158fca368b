import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import {
  launchChromium,
  pageReport,
  readHighlights,
  settledHighlights,
  type Chromium,
} from '../harness/chromium';
import { FIXTURES, startFixtureServer, type FixtureServer } from '../harness/fixture-server';

// The full bundled glossary on pages we wrote in three registers: a simplified-Chinese people.cn
// article, a traditional-character article, an English news report.

interface Expect {
  mustContain: string[];
  brokenInSource?: { phrase: string }[];
}

const glossary = JSON.parse(
  readFileSync(new URL('../../glossary/generated/glossary.json', import.meta.url), 'utf8'),
) as CompiledGlossary;
const ids = new Set(glossary.entries.map((e) => e.id));
// Compare as the matcher does: case, hyphens and whitespace do not matter.
// Whitespace between Chinese characters (a source line break) disappears.
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1')
    .replace(/[\s-]+/g, ' ')
    .trim();

let server: FixtureServer;
let browser: Chromium;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  ['sample-article', 'http://www.people.cn/sample-article.html'],
  ['traditional-article', 'http://www.people.cn/traditional-article.html'],
  ['english-report', 'http://en.people.cn/english-report.html'],
])('%s', (name, url) => {
  const expected = JSON.parse(readFileSync(`${FIXTURES}${name}.expect.json`, 'utf8')) as Expect;

  it('highlights every phrase the page was written with, each explained by a glossary entry', async () => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await settledHighlights(page);
    const painted = new Set((await readHighlights(page)).map((r) => fold(r.text)));
    const phrases = [
      ...expected.mustContain,
      ...(expected.brokenInSource ?? []).map((b) => b.phrase),
    ];
    const missing = phrases.filter((p) => !painted.has(fold(p)));
    expect(missing).toEqual([]);
    const report = await pageReport(browser, page);
    expect(report.terms.length).toBeGreaterThan(5);
    expect(report.terms.filter((t) => !ids.has(t.termId))).toEqual([]);
    await page.close();
  });
});
