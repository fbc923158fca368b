/**
 * One run = one fresh tab on one page. Ours runs in the browser with the extension; the
 * baseline (same page, same probe, no extension) and the peers run in the browser without it.
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import type { PageReportShape } from '../scripts/harness/chromium';
import type { BenchBrowser } from './browser';
import type { BenchPage } from './pages';
import { markJs, oracle, readOurRanges, regexpScan, walkFloor, type PeerTiming } from './peers';
import { installProbe, readProbe, type ProbeConfig, type ProbeSummary } from './probe';
import { attribute, type Attribution, type CpuProfile } from './profile';

export const ORIGIN = 'http://www.people.cn';
const LOAD_TIMEOUT = 120_000;
/** Quiet time after the measured work before reading metrics (lets the last frame finish). */
const SETTLE_MS = 300;

export interface MainThread {
  /** Performance.getMetrics, in ms: all main-thread tasks, script, and the process's CPU. */
  taskMs: number;
  scriptMs: number;
  processMs: number;
}

export interface HeapUse {
  /** Runtime.getHeapUsage after a full GC, bytes: V8 heap, Blink (Oilpan) heap, ArrayBuffers. */
  js: number;
  embedder: number;
  backing: number;
}

export interface FeedResult {
  /** Fed paragraphs that contain a term, and how many of them got a highlight. */
  tracked: number;
  highlighted: number;
  /** Insertion → first frame showing a range inside the paragraph, ms. */
  delays: number[];
  durationMs: number;
  /** Main-thread ms during the feed window, minus the probe's own frame callbacks. */
  windowTaskMs: number;
  windowProcessMs: number;
  /** Long tasks that started during the feed window. */
  longtasks: [number, number][];
  rangesAfter: number;
}

export interface OursRun {
  report: PageReportShape;
  /** Read right after the first scan and its frame (before D's feed). */
  probe: ProbeSummary;
  /** Term ranges registered at the end of the run (after D's feed). */
  rangesAtEnd: number;
  /** performance.measure('policy-lens:scan'): scan-start → last range registered. */
  scanMs: number;
  /** scanMs + the frame that paints the last ranges. */
  paintedMs: number;
  /** scan-start → first frame with every range of the initial viewport registered. */
  firstScreenMs: number | null;
  /** Longest 'longtask' entry overlapping [scan-start, end of the painting frame]. */
  longtaskInScanMs: number;
  main: MainThread;
  heap: HeapUse;
  feed?: FeedResult;
  profile?: Attribution;
}

export interface BaseRun {
  main: MainThread;
  heap: HeapUse;
  feed?: FeedResult;
  walk?: { ms: number; nodes: number; chars: number };
}

async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    taskMs: get('TaskDuration'),
    scriptMs: get('ScriptDuration'),
    processMs: get('ProcessTime'),
  };
}

async function heapUse(cdp: CDPSession): Promise<HeapUse> {
  await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    embedderHeapUsedSize?: number;
    backingStorageSize?: number;
  };
  return {
    js: u.usedSize,
    embedder: u.embedderHeapUsedSize ?? 0,
    backing: u.backingStorageSize ?? 0,
  };
}

/** The content script's page report, asked through the service worker (as the popup will). */
async function pageReport(b: BenchBrowser, page: Page): Promise<PageReportShape> {
  try {
    return await askReport(b.worker ?? (await b.wake()), page);
  } catch {
    // The service worker may have been stopped while idle: start it and ask again.
    return askReport(await b.wake(), page);
  }
}

function askReport(worker: Worker, page: Page): Promise<PageReportShape> {
  return worker.evaluate(async (u) => {
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: {
            query(q: { url: string }): Promise<{ id?: number }[]>;
            sendMessage(id: number, m: unknown): Promise<unknown>;
          };
        };
      }
    ).chrome;
    const [tab] = await api.tabs.query({ url: u });
    if (!tab?.id) throw new Error(`no tab for ${u}`);
    return api.tabs.sendMessage(tab.id, { type: 'page-report' }) as Promise<PageReportShape>;
  }, page.url().split('#')[0]!);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

async function open(
  b: BenchBrowser,
  page: BenchPage,
  probe: ProbeConfig | null,
  profile = false,
): Promise<{ tab: Page; cdp: CDPSession }> {
  const tab = await b.context.newPage();
  if (probe) await tab.addInitScript(installProbe, probe);
  const cdp = await b.context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await tab.goto(ORIGIN + page.path, { timeout: LOAD_TIMEOUT, waitUntil: 'load' });
  return { tab, cdp };
}

const probeDone = (tab: Page, what: string) =>
  withTimeout(
    tab.evaluate(() => (window as unknown as { __bench: { done: Promise<void> } }).__bench.done),
    LOAD_TIMEOUT,
    what,
  );

/** Page D: starts the feed, waits for it to end and for the last batch to settle. */
async function runFeed(tab: Page, cdp: CDPSession, page: BenchPage): Promise<FeedResult> {
  const spec = page.feed!;
  const before = await mainThread(cdp);
  const probeBefore = await tab.evaluate(
    () => (window as unknown as { __bench: { probeMs: number } }).__bench.probeMs,
  );
  await tab.evaluate(() => (window as unknown as { __feed: { start(): void } }).__feed.start());
  await withTimeout(
    tab.evaluate(() => (window as unknown as { __feed: { done: Promise<number> } }).__feed.done),
    spec.durationMs + 30_000,
    'feed',
  );
  await tab.waitForTimeout(500);
  const after = await mainThread(cdp);
  const r = await tab.evaluate(() => {
    const w = window as unknown as {
      __bench: { probeMs: number; highlightedAt: number[]; longtasks: [number, number][] };
      __feed: { ins: number[]; expect: number[]; startedAt: number; endedAt: number };
    };
    const f = w.__feed;
    const delays: number[] = [];
    let tracked = 0;
    for (let i = 0; i < f.ins.length; i++) {
      const ins = f.ins[i];
      if (ins === undefined || !f.expect[i % f.expect.length]) continue;
      tracked++;
      const at = w.__bench.highlightedAt[i];
      if (at !== undefined && at !== null) delays.push(at - ins);
    }
    let ranges = 0;
    for (const [name, h] of CSS.highlights)
      if (name.startsWith('policy-lens-term')) ranges += h.size;
    return {
      probeMs: w.__bench.probeMs,
      tracked,
      delays,
      durationMs: f.endedAt - f.startedAt,
      longtasks: w.__bench.longtasks.filter(([s]) => s >= f.startedAt),
      ranges,
    };
  });
  return {
    tracked: r.tracked,
    highlighted: r.delays.length,
    delays: r.delays,
    durationMs: r.durationMs,
    windowTaskMs: after.taskMs - before.taskMs - (r.probeMs - probeBefore),
    windowProcessMs: after.processMs - before.processMs,
    longtasks: r.longtasks,
    rangesAfter: r.ranges,
  };
}

export async function runOurs(
  b: BenchBrowser,
  page: BenchPage,
  opts: { profile?: boolean; readRanges?: boolean } = {},
): Promise<{ run: OursRun; ranges?: { flat: number[]; chars: number } }> {
  const isFeed = !!page.feed;
  const { tab, cdp } = await open(b, page, { stopOn: isFeed ? 'never' : 'scan' }, opts.profile);
  try {
    await probeDone(tab, `our scan of ${page.path}`);
    await tab.waitForTimeout(SETTLE_MS);
    let main = await mainThread(cdp);
    // Read while the page is as loaded (D scrolls during its feed): first screen, long tasks.
    const probe = await tab.evaluate(readProbe);
    let feed: FeedResult | undefined;
    let profile: Attribution | undefined;
    if (opts.profile) {
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      profile = attribute(p, 0);
    }
    if (isFeed) {
      // Profile only the feed window: our share of the CPU while content streams in.
      if (opts.profile) await cdp.send('Profiler.start');
      const t0 = Date.now();
      feed = await runFeed(tab, cdp, page);
      if (opts.profile) {
        const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
        profile = { ...attribute(p, Date.now() - t0), window: 'feed' };
      }
      await tab.waitForTimeout(SETTLE_MS);
      main = await mainThread(cdp);
    }
    const report = await pageReport(b, tab);
    const heap = await heapUse(cdp);
    const ranges = opts.readRanges ? await tab.evaluate(readOurRanges) : undefined;
    const windowEnd = probe.scanEnd + Math.max(0, probe.frameMs) + 50;
    const inScan = probe.longtasks.filter(([s, d]) => s < windowEnd && s + d > probe.scanStart);
    const scanMs = probe.scanEnd - probe.scanStart;
    return {
      run: {
        report,
        probe,
        scanMs,
        paintedMs: scanMs + Math.max(0, probe.frameMs),
        firstScreenMs: probe.viewportAt >= 0 ? probe.viewportAt - probe.scanStart : null,
        longtaskInScanMs: Math.max(0, ...inScan.map(([, d]) => d)),
        main,
        heap,
        feed,
        profile,
        rangesAtEnd: feed ? feed.rangesAfter : probe.ranges,
      },
      ranges,
    };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

/**
 * The same page in the browser without the extension: what the page costs by itself. On static
 * pages the walk floor then runs on that tab (nothing has walked its text nodes yet).
 */
export async function runBase(b: BenchBrowser, page: BenchPage): Promise<BaseRun> {
  const isFeed = !!page.feed;
  const { tab, cdp } = await open(b, page, { stopOn: isFeed ? 'never' : 'load' });
  try {
    if (isFeed) await tab.waitForTimeout(300);
    else await probeDone(tab, `load of ${page.path}`);
    const feed = isFeed ? await runFeed(tab, cdp, page) : undefined;
    await tab.waitForTimeout(SETTLE_MS);
    const main = await mainThread(cdp);
    const heap = await heapUse(cdp);
    const walk = isFeed ? undefined : await tab.evaluate(walkFloor);
    return { main, heap, feed, walk };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

export type PeerName = 'oracle' | 'regexp' | 'markjs';

export interface PeerArgs {
  css: string;
  terms: string[];
  ranges: number[];
  markJsPath: string;
}

/** One peer on a fresh tab of the browser without the extension. */
export async function runPeer(
  b: BenchBrowser,
  page: BenchPage,
  peer: PeerName,
  args: PeerArgs,
): Promise<PeerTiming & { marks?: number; heap?: HeapUse }> {
  const tab = await b.context.newPage();
  try {
    await tab.goto(ORIGIN + page.path, { timeout: LOAD_TIMEOUT, waitUntil: 'load' });
    await tab.addStyleTag({ content: args.css });
    if (peer === 'markjs') await tab.addScriptTag({ path: args.markJsPath });
    // Let load's style, layout and first paint finish before timing anything.
    await tab.evaluate(
      () =>
        new Promise<void>((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))),
        ),
    );
    switch (peer) {
      case 'oracle': {
        const r = await tab.evaluate(oracle, args.ranges);
        // What the painting floor itself costs in memory (ranges + Blink's highlight markers).
        const cdp = await b.context.newCDPSession(tab);
        const heap = await heapUse(cdp);
        await cdp.detach();
        return { ...r, heap };
      }
      case 'regexp':
        return await tab.evaluate(regexpScan, args.terms);
      case 'markjs':
        return await tab.evaluate(markJs, args.terms);
    }
  } finally {
    await tab.close();
  }
}
