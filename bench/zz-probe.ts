import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { startFixtureServer } from '../tests/harness/fixture-server';
import { buildPages } from './pages';
import { findChromium } from '../tests/harness/find-browser';
const { pages } = await buildPages();
const server = await startFixtureServer();
for (const p of pages) if (p.html) server.pages.set(p.path, p.html);
const code = readFileSync('/tmp/pl/probe/probe.js', 'utf8');
const browser = await chromium.launch({ executablePath: findChromium()! });
for (const key of ['E', 'A']) {
  const p = pages.find((x) => x.key === key)!;
  for (let i = 0; i < 10; i++) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}${p.path}`);
    await page.addScriptTag({ content: code });
    const which = i % 2 ? 'v8' : 'v7';
    console.log(key, which, JSON.stringify(await page.evaluate((w) => (globalThis as any)[w](), which)));
    await page.close();
  }
}
await browser.close();
await server.close();
