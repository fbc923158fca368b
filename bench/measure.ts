/**
 * One run = one fresh tab on one page. Ours runs in the browser with the extension; the
 * baseline (same page, same probe, no extension) and the peers run in the browser without it.
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import type { PageReportShape } from '../tests/harness/chromium';
import type { BenchBrowser } from './browser';
import type { BenchPage } from './pages';
import {
  coverage,
  markJs,
  oracle,
  peerMatches,
  regexpScan,
  walkFloor,
  type PeerTiming,
} from './peers';
import { installProbe, readProbe, type ProbeConfig, type ProbeSummary } from './probe';
import { attribute, type Attribution, type CpuProfile } from './profile';

const ORIGIN = 'http://www.people.cn';
const LOAD_TIMEOUT = 120_000;
/** Quiet time after the measured work before reading metrics (lets the last frame finish). */
const SETTLE_MS = 300;
/** After scrolling to the bottom, how long the viewport's matches may take to be registered. */
const SCROLL_POLL_MS = 2000;

interface MainThread {
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

interface ViewportCheck {
  /** Matches of the page-side matcher inside the viewport, and how many a range of ours covers. */
  total: number;
  covered: number;
}

export interface OursRun {
  report: PageReportShape;
  /** Read right after the first scan and its frame (before D's feed). */
  probe: ProbeSummary;
  /** The page-side matcher (bench/peers.ts) on the same page: every match it finds. */
  peerMatches: number;
  /** Initial viewport: matches inside it registered (read after the first scan). */
  viewport: ViewportCheck;
  /** After scrolling to the bottom: the final viewport's matches registered (polled ≤ 2 s). */
  afterScroll?: ViewportCheck & { ms: number };
  /** performance.measure('policy-lens:scan'): scan-start → every match found. */
  scanMeasureMs: number;
  /** scan-start → every match found and every match in the initial viewport registered. */
  scanMs: number;
  /**
   * As the peers' "painted": our work (scanMs) and the cost of the frame that paints it, without
   * the wait for that frame — the peers' frame cost starts at its rAF callback too. The wait is
   * taken out only up to one frame interval: a viewport registered later than the frame after
   * the scan's end counts against us. The wait itself is in scanMs (→ viewport frame).
   */
  paintedMs: number;
  /** scan-start → first frame with every match of the initial viewport registered. */
  firstScreenMs: number | null;
  /** The page's first contentful paint → scan-start (the scan waits for it; null: no FCP). */
  startAfterFcpMs: number | null;
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
export async function pageReport(b: BenchBrowser, page: Page): Promise<PageReportShape> {
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

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

export async function open(
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
  terms: string[],
  opts: { profile?: boolean } = {},
): Promise<OursRun> {
  const isFeed = !!page.feed;
  const { tab, cdp } = await open(b, page, { stopOn: isFeed ? 'never' : 'scan' }, opts.profile);
  try {
    await probeDone(tab, `our scan of ${page.path}`);
    if (isFeed) await tab.waitForTimeout(SETTLE_MS);
    let main = await mainThread(cdp);
    let profile: Attribution | undefined;
    if (opts.profile) {
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      profile = attribute(p, 0);
    }
    // Heap before the checks below put the page-side matcher's ranges on the page (D: after
    // its feed, as before; its 20 initial paragraphs add a few dozen ranges).
    let heap = isFeed ? undefined : await heapUse(cdp);
    // Read while the page is as loaded (D scrolls during its feed): first screen, long tasks.
    const peer = await tab.evaluate(peerMatches, { terms, keep: true });
    const cov = await tab.evaluate(coverage);
    const probe = await tab.evaluate(readProbe, cov);
    let feed: FeedResult | undefined;
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
    heap ??= await heapUse(cdp);
    let afterScroll: OursRun['afterScroll'];
    if (!isFeed && page.expected > 0) {
      await tab.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const t0 = Date.now();
      for (;;) {
        await tab.waitForTimeout(100);
        const c = await tab.evaluate(coverage);
        afterScroll = { total: c.total, covered: c.covered, ms: Date.now() - t0 };
        if (c.covered === c.total || Date.now() - t0 > SCROLL_POLL_MS) break;
      }
    }
    const end = probe.paintedAt >= 0 ? probe.paintedAt : probe.doneAt;
    const inScan = probe.longtasks.filter(([s, d]) => s < end + 50 && s + d > probe.scanStart);
    const scanMs = probe.doneAt - probe.scanStart;
    return {
      report,
      probe,
      peerMatches: peer.matches,
      viewport: probe.viewport,
      afterScroll,
      scanMeasureMs: probe.scanEnd - probe.scanStart,
      scanMs,
      paintedMs: probe.frameMs >= 0 ? scanMs - frameWait(probe) + probe.frameMs : NaN,
      firstScreenMs: probe.viewportAt >= 0 ? probe.viewportAt - probe.scanStart : null,
      startAfterFcpMs:
        probe.fcpAt >= 0 && probe.scanStart >= 0 ? probe.scanStart - probe.fcpAt : null,
      longtaskInScanMs: Math.max(0, ...inScan.map(([, d]) => d)),
      main,
      heap,
      feed,
      profile,
    };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

/** One frame interval at 60 Hz, ms. */
const FRAME_INTERVAL_MS = 1000 / 60;

/** From the scan's end to the frame that shows its viewport, at most one frame interval. */
function frameWait(p: { scanEnd: number; doneAt: number }): number {
  return Math.min(Math.max(0, p.doneAt - p.scanEnd), FRAME_INTERVAL_MS);
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

/**
 * What runBase reads after its main-thread metrics, on a tab of the browser without the
 * extension read elsewhere (pages A and E: the "none" tab of the installed comparison, at
 * load + 1.5 s): the page's heap and the walk floor.
 */
export async function baseAfter(
  tab: Page,
  cdp: CDPSession,
): Promise<Pick<BaseRun, 'heap' | 'walk'>> {
  const heap = await heapUse(cdp);
  return { heap, walk: await tab.evaluate(walkFloor) };
}

/**
 * Page D's oracle, in the browser without the extension: the page-side matcher registers every
 * match of the page and of each fed paragraph on arrival (peerMatches with `watch`), with our
 * stylesheet; the same feed and probe as ours, so its CPU share and delays compare directly.
 */
export async function runOracleFeed(
  b: BenchBrowser,
  page: BenchPage,
  args: PeerArgs,
): Promise<FeedResult> {
  const { tab, cdp } = await open(b, page, { stopOn: 'never' });
  try {
    await tab.addStyleTag({ content: args.css });
    await tab.evaluate(peerMatches, { terms: args.terms, keep: false, watch: true });
    await tab.waitForTimeout(SETTLE_MS);
    return await runFeed(tab, cdp, page);
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

export type PeerName = 'oracle' | 'regexp' | 'markjs';

export interface PeerArgs {
  css: string;
  terms: string[];
  markJsPath: string;
}

/** One peer on a fresh tab of the browser without the extension (or on `loaded`). */
export async function runPeer(
  b: BenchBrowser,
  page: BenchPage,
  peer: PeerName,
  args: PeerArgs,
  /** A tab already on the page and done with (pages A and E: an installed tab, after its reading). */
  loaded?: Page,
): Promise<PeerTiming & { marks?: number; heap?: HeapUse }> {
  const tab = loaded ?? (await b.context.newPage());
  try {
    if (!loaded) await tab.goto(ORIGIN + page.path, { timeout: LOAD_TIMEOUT, waitUntil: 'load' });
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
        // Every match on the page, found before the clock starts (not kept on the page).
        const pre = await tab.evaluate(peerMatches, { terms: args.terms, keep: false });
        await tab.evaluate(() => new Promise<void>((r) => setTimeout(r, 50)));
        const r = await tab.evaluate(oracle, pre.flat);
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
      default:
        throw new Error(`unknown peer ${String(peer)}`);
    }
  } finally {
    if (!loaded) await tab.close();
  }
}
