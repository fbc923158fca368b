import { launchChromium, pageReport } from '../scripts/harness/chromium';
import { startFixtureServer } from '../scripts/harness/fixture-server';

const server = await startFixtureServer();
const c = await launchChromium(server.port);
const page = await c.context.newPage();
const cdp = await c.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(`http://www.people.cn/sample-article.html`);
await page.waitForFunction(() => performance.getEntriesByName('policy-lens:scan').length > 0);
const r = await pageReport(c, page);
console.log(r.scan, r.highlights);
const { profile } = await cdp.send('Profiler.stop');
const byUrl = new Map<string, number>();
const self = new Map<number, number>();
const dts = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dts[i] ?? 0)));
for (const n of profile.nodes) {
  const u = n.callFrame.url || n.callFrame.functionName || '?';
  byUrl.set(u, (byUrl.get(u) ?? 0) + (self.get(n.id) ?? 0) / 1000);
}
console.log([...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15));
await c.close();
await server.close();
