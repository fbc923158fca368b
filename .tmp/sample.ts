import { launchChromium, pageReport, settledHighlights } from '../scripts/harness/chromium';
import { startFixtureServer } from '../scripts/harness/fixture-server';
const s = await startFixtureServer();
const b = await launchChromium(s.port);
for (let i = 0; i < 5; i++) {
  const p = await b.context.newPage();
  await p.goto('http://www.people.cn/sample-article.html');
  await settledHighlights(p);
  const r = await pageReport(b, p);
  const m = await p.evaluate(() => performance.getEntriesByName('policy-lens:scan').map((e) => e.duration));
  console.log(JSON.stringify(r.scan), m);
  await p.close();
}
await b.close(); await s.close();
