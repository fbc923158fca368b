/**
 * The cost of being installed (issue 17): the same page in three Chromiums with the same flags
 * and the same probe — no extension, an extension whose content script is empty (the floor of
 * being installed, bench/manifest.ts), and ours — each on a fresh tab, read with CDP
 * `Performance.getMetrics` once the page has been loaded for 1.5 s (in the page's clock), then
 * its JS heap after a forced GC. Nothing else happens in the tab before the reading: whatever
 * the extension does at load, on idle or after its first scan lands in it.
 *
 * The three tabs of one run are staggered: each opens once the previous one has been loaded for
 * 0.7 s (its loading and our start-up long done), so a tab's loading overlaps only the idle rest
 * of the tabs before it, and the 1.5 s waits overlap instead of adding up (about 35 s less in a
 * full run). The forced GCs, and whatever a tab is used for after its reading (a peer, a first
 * use), run once all three are read, one tab at a time: no tab's work overlaps another's
 * measured window but for these idle rests and the metrics reads. Checked against running the
 * three tabs one after the other, alternating, 12 runs each on this VM: ours over the empty
 * script on E 22.2 vs 21.6 ms, on A 27.5 vs 30.4 ms (CPU); with the GCs still overlapping other
 * tabs' loading, E read 3–5 ms higher.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { BenchBrowser } from './browser';
import { open } from './measure';
import type { BenchPage } from './pages';

/** How long after the load event the metrics are read. */
const READ_AFTER_LOAD_MS = 1500;
/** How long after the load event the next browser's tab opens. */
const NEXT_AFTER_LOAD_MS = 700;

export interface InstalledRun {
  /**
   * Performance.getMetrics since the tab's Performance.enable (before navigating), ms:
   * ThreadTime, the main thread's CPU time (the budgeted figure: unlike wall times it does not
   * grow when other processes hold the CPU), and TaskDuration, the wall time of every
   * main-thread task — both without the probe's own frame callbacks; ScriptDuration,
   * V8CompileDuration (not a part of it: compiles outside script execution count too),
   * LayoutDuration, RecalcStyleDuration (wall times).
   */
  cpuMs: number;
  taskMs: number;
  scriptMs: number;
  compileMs: number;
  /** ProcessTime (the renderer's CPU), and the probe's own time taken out of taskMs. */
  processMs: number;
  probeMs: number;
  layoutMs: number;
  styleMs: number;
  /** JSHeapUsedSize after HeapProfiler.collectGarbage, bytes (isolated worlds included). */
  heap: number;
  /** The load event's end, ms from the tab's time origin. */
  loadAt: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

interface OpenTab {
  tab: Page;
  cdp: CDPSession;
  loadAt: number;
}

/** Waits until the tab has been loaded for `ms` (its own clock). */
async function untilAfterLoad(t: OpenTab, ms: number): Promise<void> {
  const left = await t.tab.evaluate(([loadAt, after]) => loadAt + after - performance.now(), [
    t.loadAt,
    ms,
  ] as const);
  if (left > 0) await t.tab.waitForTimeout(left);
}

async function openTab(b: BenchBrowser, page: BenchPage): Promise<OpenTab> {
  const { tab, cdp } = await open(b, page, { stopOn: 'load' });
  const loadAt = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    return nav?.loadEventEnd ?? performance.now();
  });
  return { tab, cdp, loadAt };
}

/** The main-thread metrics at load + 1.5 s (the heap is read later: `heapAfterGc`). */
async function read(t: OpenTab): Promise<InstalledRun> {
  await untilAfterLoad(t, READ_AFTER_LOAD_MS);
  const { tab, cdp } = t;
  const m = await metrics(cdp);
  const probeMs = await tab.evaluate(
    () => (window as unknown as { __bench: { probeMs: number } }).__bench.probeMs,
  );
  const ms = (name: string) => (m[name] ?? NaN) * 1000;
  return {
    cpuMs: ms('ThreadTime') - probeMs,
    taskMs: ms('TaskDuration') - probeMs,
    scriptMs: ms('ScriptDuration'),
    compileMs: ms('V8CompileDuration'),
    processMs: ms('ProcessTime'),
    probeMs,
    layoutMs: ms('LayoutDuration'),
    styleMs: ms('RecalcStyleDuration'),
    heap: NaN,
    loadAt: t.loadAt,
  };
}

/** JSHeapUsedSize after a forced GC, bytes. */
async function heapAfterGc(t: OpenTab): Promise<number> {
  await t.cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(t.cdp)).JSHeapUsedSize ?? NaN;
}

export interface InstalledStep<K extends string> {
  which: K;
  browser: BenchBrowser;
  /** Runs on the tab after every reading of the run (a peer, a first use); its result is kept. */
  then?: (tab: Page, cdp: CDPSession) => Promise<unknown>;
}

export interface InstalledResult<K extends string> {
  which: K;
  run?: InstalledRun;
  then?: unknown;
  error?: string;
}

/** One run of the installed comparison: the steps' tabs, staggered, read, then used, closed. */
export async function runInstalled<K extends string>(
  page: BenchPage,
  steps: InstalledStep<K>[],
): Promise<InstalledResult<K>[]> {
  const tabs: (OpenTab | null)[] = [];
  const out: InstalledResult<K>[] = steps.map((s) => ({ which: s.which }));
  const fail = (i: number, what: string, e: unknown) =>
    (out[i]!.error ??= `${what}: ${(e as Error).message.split('\n')[0]}`);
  try {
    for (const [i, s] of steps.entries()) {
      const t = await openTab(s.browser, page).catch((e: unknown) => {
        fail(i, 'open', e);
        return null;
      });
      tabs.push(t);
      if (t) await untilAfterLoad(t, NEXT_AFTER_LOAD_MS).catch((e: unknown) => fail(i, 'wait', e));
    }
    for (const [i, t] of tabs.entries()) {
      if (t) out[i]!.run = await read(t).catch((e: unknown) => void fail(i, 'reading', e));
    }
    // The forced GCs once every tab is read: a GC's work in one renderer never overlaps another
    // tab's measured window.
    for (const [i, t] of tabs.entries()) {
      const run = out[i]!.run;
      if (t && run) run.heap = await heapAfterGc(t).catch(() => NaN);
    }
    for (const [i, s] of steps.entries()) {
      const t = tabs[i];
      if (!t || !out[i]!.run || !s.then) continue;
      out[i]!.then = await s.then(t.tab, t.cdp).catch((e: unknown) => void fail(i, 'then', e));
    }
  } finally {
    for (const t of tabs) {
      if (!t) continue;
      await t.cdp.detach().catch(() => {});
      await t.tab.close().catch(() => {});
    }
  }
  return out;
}
