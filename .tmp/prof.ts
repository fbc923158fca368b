import { launchChromium, pageReport } from '../scripts/harness/chromium';
import { startFixtureServer } from '../scripts/harness/fixture-server';
const s = await startFixtureServer();
s.pages.set('/many.html', `<!doctype html><meta charset="utf-8"><body><script>const parts = [];
for (let p = 0; p < 2000; p++) { let s = '<p>'; for (let i = 0; i < 97; i++) s += '<span>甲乙</span>'; s += '新质<b>生产力</b><span>和高质量发展</span></p>'; parts.push(s); }
document.body.insertAdjacentHTML('beforeend', parts.join(''));</script>`);
const b = await launchChromium(s.port);
const p = await b.context.newPage();
const cdp = await b.context.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await p.goto('http://www.people.cn/many.html');
await p.waitForTimeout(3000);
const { profile } = await cdp.send('Profiler.stop');
const r = await pageReport(b, p);
console.log(r.scan);
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas!;
const counts = new Map<number, number>();
profile.samples!.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t / 1000); }
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
await b.close(); await s.close();
