import { launchChromium, pageReport } from '../scripts/harness/chromium';
import { startFixtureServer } from '../scripts/harness/fixture-server';

const server = await startFixtureServer();
const c = await launchChromium(server.port);
const page = await c.context.newPage();
await page.addInitScript(() => {
  const w = window as unknown as { __lt: unknown[]; __loaf: unknown[] };
  w.__lt = [];
  w.__loaf = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__lt.push(e.toJSON()); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__loaf.push(e.toJSON()); }).observe({ type: 'long-animation-frame', buffered: true });
});
const cdp = await c.context.newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(`http://www.people.cn/sample-article.html`);
const r = await pageReport(c, page);
console.log(r.scan, r.highlights);
console.log(await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('policy')).map((e) => e.toJSON())));
console.log(await page.evaluate(() => [(window as any).__lt, (window as any).__loaf]));
await cdp.send('HeapProfiler.collectGarbage');
console.log(await cdp.send('Runtime.getHeapUsage'));
console.log((await cdp.send('Performance.getMetrics')).metrics);
await c.close();
await server.close();
