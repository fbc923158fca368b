import { launchChromium, pageReport } from '../scripts/harness/chromium';
import { startFixtureServer } from '../scripts/harness/fixture-server';

const server = await startFixtureServer();
const c = await launchChromium(server.port);
for (let k = 0; k < 2; k++) {
const page = await c.context.newPage();
const cdp = await c.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.goto(`http://www.people.cn/sample-article.html`);
await page.waitForFunction(() => performance.getEntriesByName('policy-lens:scan').length > 0);
const r = await pageReport(c, page);
console.log(r.scan, r.highlights);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<number, number>();
const dts = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dts[i] ?? 0)));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const total = (id: number): number => { const n = byId.get(id)!; return (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + total(c), 0); };
const show = (id: number, depth: number) => {
  const n = byId.get(id)!;
  const t = total(id) / 1000;
  if (t < 0.3) return;
  const cf = n.callFrame;
  console.log(' '.repeat(depth) + `${cf.functionName || '(anon)'} ${cf.url.replace(/.*\//, '')}:${cf.lineNumber}:${cf.columnNumber} total=${t.toFixed(2)} self=${((self.get(id) ?? 0) / 1000).toFixed(2)}`);
  if (depth < 14) for (const c of n.children ?? []) show(c, depth + 1);
};
show(profile.nodes[0]!.id, 0);
await page.close();
}
await c.close();
await server.close();
