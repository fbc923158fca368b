/**
 * `npx tsx bench/own-tasks.ts [page] [runs]` (after `npm run build`; page A, E, … as in
 * bench/pages.ts, default E; 9 runs): the main-thread tasks that run our code on a fresh tab,
 * attributed by a Chromium trace, from navigation to load + 1.5 s. A diagnostic, not a budget:
 * the budgeted figure of the cost of being installed (bench/installed.ts) is the whole tab's
 * main-thread CPU over an empty content script's, which moved by 4 ms between two browsers with
 * the same empty extension (15 loads each, page E) — more than a change to page-core.js makes.
 * This reads only the tasks in which an event names our extension's URL (the script's
 * evaluation, our callbacks: timers, frames, message replies), so it misses what we cause
 * elsewhere (a style pass, garbage collection): a lower bound, steady enough to compare builds.
 * Tracing slows what it traces by some 20–30 %.
 */
import type { CDPSession } from 'playwright-core';
import { launch } from './browser';
import { buildPages, serveBenchPages, type PageKey } from './pages';
import { median } from './stats';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'toplevel'];

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // The protocol types `value` loosely (records of strings); these are trace events.
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES },
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

interface OwnTasks {
  /** CPU of every task that runs our code, ms. */
  cpuMs: number;
  /** Of which the evaluation of our scripts (compile and first run), ms. */
  evaluateMs: number;
  compileMs: number;
  tasks: number;
}

/** Our tasks on the tab's main thread (the renderer main thread with the most events). */
function ownTasks(events: readonly TraceEvent[], origin: string): OwnTasks {
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const count = new Map<string, number>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (mains.has(k)) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const timed = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: OwnTasks = { cpuMs: 0, evaluateMs: 0, compileMs: 0, tasks: 0 };
  let task: { top: TraceEvent; ours: boolean; evaluate: boolean; compile: number } | null = null;
  const close = () => {
    if (!task?.ours) return;
    const ms = (task.top.tdur ?? task.top.dur!) / 1000;
    out.cpuMs += ms;
    out.tasks++;
    if (task.evaluate) {
      out.evaluateMs += ms;
      out.compileMs += task.compile / 1000;
    }
  };
  for (const e of timed) {
    if (!task || e.ts >= task.top.ts + task.top.dur!) {
      close();
      task = { top: e, ours: false, evaluate: false, compile: 0 };
    }
    if (!e.args?.data?.url?.startsWith(origin)) continue;
    task.ours = true;
    if (e.name === 'EvaluateScript') task.evaluate = true;
    if (e.name === 'v8.compile') task.compile += e.tdur ?? e.dur!;
  }
  close();
  return out;
}

const key = (process.argv[2] ?? 'E') as PageKey;
const runs = Number(process.argv[3] ?? 9);
const { pages } = await buildPages();
const page = pages.find((p) => p.key === key);
if (!page) throw new Error(`no bench page ${key}`);
const server = await serveBenchPages(pages);
const b = await launch(server.port, 'ours');
const rows: OwnTasks[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const tab = await b.context.newPage();
    const cdp = await b.context.newCDPSession(tab);
    const events = await trace(cdp, async () => {
      await tab.goto(`http://www.people.cn${page.path}`, { waitUntil: 'load' });
      await tab.waitForTimeout(1500);
    });
    await tab.close();
    rows.push(ownTasks(events, 'chrome-extension://'));
  }
} finally {
  await b.close();
  await server.close();
}
const med = (f: (r: OwnTasks) => number) => median(rows.map(f)).toFixed(1);
console.log(
  `${page.label}, ${runs} loads (medians): our tasks ${med((r) => r.cpuMs)} ms CPU in ` +
    `${med((r) => r.tasks)} tasks; evaluating our scripts ${med((r) => r.evaluateMs)} ms ` +
    `(compile ${med((r) => r.compileMs)} ms)`,
);
