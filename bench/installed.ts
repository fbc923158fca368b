/**
 * The cost of being installed (issue 17): the same page in three Chromiums with the same flags
 * and the same probe — no extension, an extension whose content script is empty (the floor of
 * being installed, bench/manifest.ts), and ours — each on a fresh tab, read with CDP
 * `Performance.getMetrics` once the page has been loaded for 1.5 s (in the page's clock), then
 * its JS heap after a forced GC. Nothing else happens in the tab before the reading: whatever
 * the extension does at load, on idle or after its first scan lands in it.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { BenchBrowser } from './browser';
import { open } from './measure';
import type { BenchPage } from './pages';

/** How long after the load event the metrics are read. */
const INSTALLED_AFTER_LOAD_MS = 1500;

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

/**
 * One fresh tab on `page`, read at load + 1.5 s; then `then` runs on the same tab (page A's
 * first-use latencies, cold: nothing has touched the page before).
 */
export async function runInstalled<T = undefined>(
  b: BenchBrowser,
  page: BenchPage,
  then?: (tab: Page, cdp: CDPSession) => Promise<T>,
): Promise<{ run: InstalledRun; then?: T }> {
  const { tab, cdp } = await open(b, page, { stopOn: 'load' });
  try {
    const { loadAt, left } = await tab.evaluate((after) => {
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      const loadAt = nav?.loadEventEnd ?? performance.now();
      return { loadAt, left: loadAt + after - performance.now() };
    }, INSTALLED_AFTER_LOAD_MS);
    if (left > 0) await tab.waitForTimeout(left);
    const m = await metrics(cdp);
    const probeMs = await tab.evaluate(
      () => (window as unknown as { __bench: { probeMs: number } }).__bench.probeMs,
    );
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await metrics(cdp)).JSHeapUsedSize ?? NaN;
    const ms = (name: string) => (m[name] ?? NaN) * 1000;
    const run: InstalledRun = {
      cpuMs: ms('ThreadTime') - probeMs,
      taskMs: ms('TaskDuration') - probeMs,
      scriptMs: ms('ScriptDuration'),
      compileMs: ms('V8CompileDuration'),
      processMs: ms('ProcessTime'),
      probeMs,
      layoutMs: ms('LayoutDuration'),
      styleMs: ms('RecalcStyleDuration'),
      heap,
      loadAt,
    };
    return { run, then: then ? await then(tab, cdp) : undefined };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}
