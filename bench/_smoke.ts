import { readFileSync } from 'node:fs';
import { startFixtureServer } from '../scripts/harness/fixture-server';
import { launch } from './browser';
import { runBase, runOurs, runPeer } from './measure';
import { buildPages } from './pages';
import { surfaceForms } from './terms';

const { pages } = await buildPages();
const server = await startFixtureServer();
for (const p of pages) if (p.html) server.pages.set(p.path, p.html);
const ext = await launch(server.port, true);
const base = await launch(server.port, false);
const css = readFileSync('.output/chrome-mv3/content-scripts/content.css', 'utf8');
const only = process.argv[2] ?? 'A';
const n = Number(process.argv[3] ?? 3);
for (const page of pages.filter((p) => p.key === only)) {
  for (let i = 0; i < n; i++) {
    const t0 = Date.now();
    const { run, ranges } = await runOurs(ext, page, { readRanges: true });
    const { report: _r, ...rest } = run;
    console.log('ours', Date.now() - t0, 'ms', JSON.stringify({ ...rest, probe: { ...rest.probe, longtasks: rest.probe.longtasks.length } }), run.report.scan, run.report.highlights, page.expected);
    const b = await runBase(base, page);
    console.log('base', JSON.stringify(b).slice(0, 400));
    const args = { css, terms: surfaceForms(), ranges: ranges!.flat, markJsPath: 'node_modules/mark.js/dist/mark.min.js' };
    for (const peer of ['walk', 'oracle', 'regexp'] as const) { const t1 = Date.now(); console.log(peer, Date.now() - t1, JSON.stringify(await runPeer(base, page, peer, args))); }
  }
}
await ext.close();
await base.close();
await server.close();
