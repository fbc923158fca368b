// npm start: opens the bundled sample article, served as http://www.people.cn/…, in Chromium with
// the freshly built extension. With no display it runs headless, hovers a phrase, saves a
// screenshot with the tooltip open and prints the page report.
import { mkdirSync } from 'node:fs';
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
const target = await pointOfHighlight(page, '新质生产力', 1);
await page.mouse.move(target.x, target.y);
for (let i = 0; i < 50 && !(await readTooltip(page)); i++) await page.waitForTimeout(100);
const dir = resolve('.output/screenshots');
mkdirSync(dir, { recursive: true });
const shot = resolve(dir, 'sample-article.png');
await page.screenshot({ path: shot });
const report = await pageReport(browser, page);
console.log('Page report:');
console.log(JSON.stringify(report, null, 2));
console.log(`\nNo display found, so Chromium ran headless.`);
console.log(`Screenshot of the highlighted sample article with a tooltip open: ${shot}`);
await browser.close();
await server.close();
