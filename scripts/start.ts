// npm start: opens the bundled sample article, served as http://www.people.cn/…, in Chromium with
// the freshly built extension. With no display it runs headless, hovers a phrase, saves a
// screenshot with the tooltip open and prints a short summary of the page report (the whole
// report is written beside the screenshot).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  launchChromium,
  pageReport,
  pointOfHighlight,
  readTooltip,
  settledHighlights,
} from '../tests/harness/chromium';
import { startFixtureServer } from '../tests/harness/fixture-server';
import { findChromium, INSTALL_HINT } from '../tests/harness/find-browser';

const SAMPLE = 'http://www.people.cn/sample-article.html';
const HOVERED = '新质生产力';

if (!findChromium()) {
  console.error(`npm start needs Chromium and found none. ${INSTALL_HINT}`);
  process.exit(1);
}
const server = await startFixtureServer();
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const browser = await launchChromium(server.port, { headless: !headed });
const page = await browser.context.newPage();
await page.goto(SAMPLE);
await settledHighlights(page);

if (headed) {
  console.log(`Policy Lens is loaded; the sample article is open at ${SAMPLE}.`);
  console.log('Hover a highlighted phrase to see its explanation. Close the browser to stop.');
  await new Promise<void>((done) => browser.context.on('close', () => done()));
  await server.close();
  process.exit(0);
}

const body = '#rm_txt_con';
await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView(), body);
const target = await pointOfHighlight(page, HOVERED, 1);
await page.mouse.move(target.x, target.y);
for (let i = 0; i < 50 && !(await readTooltip(page)); i++) await page.waitForTimeout(100);
const tooltip = await readTooltip(page);
const dir = resolve(process.env.POLICY_LENS_OUT ?? '.output', 'screenshots');
mkdirSync(dir, { recursive: true });
const shot = resolve(dir, 'sample-article.png');
await page.screenshot({ path: shot });
const report = await pageReport(browser, page);
const reportFile = resolve(dir, 'sample-article-report.json');
writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');

const glossary = JSON.parse(readFileSync('glossary/glossary.json', 'utf8')) as {
  entries: { id: string; zh: string }[];
};
const headword = new Map(glossary.entries.map((e) => [e.id, e.zh]));
const top = [...report.terms]
  .sort((a, b) => b.count - a.count)
  .slice(0, 5)
  .map(({ termId, count }) => `${headword.get(termId) ?? termId} ×${count}`);
const n = (x: number) => x.toLocaleString('en-US');
console.log(`\nPolicy Lens on ${SAMPLE} (no display found, so Chromium ran headless):`);
console.log(
  `  ${n(report.highlights)} highlights of ${report.terms.length} glossary terms in ` +
    `${n(report.scan.chars)} characters, scanned in ${report.scan.ms} ms`,
);
console.log(`  most frequent: ${top.join(', ')}`);
console.log(`  tooltip: ${tooltip?.text.startsWith(HOVERED) ? `open on ${HOVERED}` : 'not shown'}`);
console.log(`  screenshot: ${shot}`);
console.log(`  full page report: ${reportFile}`);
await browser.close();
await server.close();
