/**
 * Aggregation (medians over runs, ratios against the peers of the same run), the budgets, and
 * the tables printed to stdout and written into docs/performance.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { DEFAULT_SETTINGS } from '../lib/shared/settings/settings';
import type { EditorRun, HoverRun } from './first-use';
import type { InstalledRun } from './installed';
import type { BaseRun, FeedResult, HeapUse, OursRun } from './measure';
import type { BenchPage, PageKey } from './pages';
import type { PeerTiming } from './peers';
import type { PopupResult } from './popup';
import type { ReprintResult } from './reprint';
import type { Attribution } from './profile';
import { everyPageJsGzip, type FileSize, type Sizes } from './sizes';
import { median, quantile, stat, type Stat } from './stats';

export interface PageRaw {
  page: BenchPage;
  ours: OursRun[];
  base: BaseRun[];
  oracle: (PeerTiming & { heap?: HeapUse })[];
  regexp: PeerTiming[];
  markjs?: PeerTiming & { marks?: number };
  /** Page D: the oracle registering every match on arrival, in the browser without us. */
  oracleFeed?: FeedResult[];
  /** One extra run of ours under the CPU profiler. */
  profile?: Attribution;
  /** The cost of being installed (A and E): the same page in three browsers. */
  installed?: Record<Installed, InstalledRun[]>;
  /** Page A, cold, each on one of ours' installed tabs. */
  hover?: HoverRun[];
  editor?: EditorRun[];
  errors: string[];
}

type Installed = 'none' | 'empty' | 'ours';

/** One installed comparison: main-thread ms (CPU; wall: all, script, layout + style), heap MB. */
interface InstalledDelta {
  cpuMs: Stat;
  taskMs: Stat;
  scriptMs: Stat;
  compileMs: Stat;
  layoutStyleMs: Stat;
  heapMB: Stat;
}

export interface PageResult {
  key: PageKey;
  label: string;
  path: string;
  runs: number;
  text: { chars: number; textNodes: number; paragraphs: number };
  expected: number;
  ours: {
    /** Every match found (the page report's `highlights`). */
    matches: Stat;
    /** Registered in CSS.highlights at the end of the run (the report's `registered`). */
    registered: Stat;
    /** The page-side matcher of bench/peers.ts on the same page. */
    peerMatches: number;
    /** Worst run: initial viewport, and the final one after scrolling to the bottom. */
    viewport: { total: number; covered: number };
    afterScroll?: { total: number; covered: number; ms: number };
    /**
     * The content script's own marks: scan-start → every match found and handed to
     * CSS.highlights (every one below the virtualisation threshold; above it, those near the
     * viewport). The issue's "scan→highlight".
     */
    marksMs: Stat;
    /** scan-start → the first frame in which the viewport's matches are registered (probe). */
    scanMs: Stat;
    paintedMs: Stat;
    busyMs: Stat;
    longestSliceMs: Stat;
    longtaskInScanMs: Stat;
    longestTaskMs: Stat;
    firstScreenMs: Stat | null;
    /** The page's first contentful paint → our scan-start. */
    startAfterFcpMs: Stat | null;
    mainThreadAddedMs: Stat;
    scriptAddedMs: Stat;
    /** MB added over the page without the extension: V8 heap + ArrayBuffers, Blink heap. */
    heapAddedMB: { js: Stat; blink: Stat };
  };
  base: { taskMs: Stat; scriptMs: Stat };
  peers: {
    walkMs?: Stat;
    oracle?: {
      ms: Stat;
      frameMs: Stat;
      paintedMs: Stat;
      matches: number;
      chars: number;
      heapAddedMB?: Stat;
    };
    regexp?: { ms: Stat; paintedMs: Stat; matches: number; chars: number };
    markjs?: { ms: number; paintedMs: number; matches: number; marks?: number; chars: number };
  };
  ratios: { oursOverOracle?: number; regexpOverOurs?: number; markjsOverOurs?: number };
  feed?: {
    p50Ms: Stat;
    p95Ms: Stat;
    tracked: number;
    highlighted: Stat;
    cpuShare: Stat;
    processShare: Stat;
    longestTaskMs: Stat;
    profiledJsShare?: number;
    /** The oracle on the same feed (peerMatches with `watch`). */
    oracle?: { p50Ms: Stat; p95Ms: Stat; highlighted: Stat; cpuShare: Stat };
  };
  profile?: Attribution;
  installed?: {
    runs: { none: number; empty: number; ours: number };
    /** The browser without an extension, absolute. */
    none: InstalledDelta;
    emptyOverNone: InstalledDelta;
    oursOverEmpty: InstalledDelta;
  };
  firstUse?: {
    /** The hover delay of the default settings, ms. */
    hover?: { ms: Stat; delayMs: number };
    editor?: { ms: Stat; buttonMs: Stat };
  };
  errors: string[];
}

const MB = 1024 * 1024;

/** The run with the most matches missing (then the largest total). */
function worst<T extends { total: number; covered: number }>(xs: (T | undefined)[]): T | undefined {
  const ok = xs.filter((x): x is T => !!x);
  ok.sort((a, b) => b.total - b.covered - (a.total - a.covered) || b.total - a.total);
  return ok[0];
}

/** `of` over the median of `over` (or absolute when `over` is empty). */
function installedDelta(of: InstalledRun[], over: InstalledRun[]): InstalledDelta {
  const d = (f: (r: InstalledRun) => number, scale = 1) => {
    const base = over.length ? median(over.map(f)) : 0;
    return stat(of.map((r) => (f(r) - base) / scale));
  };
  return {
    cpuMs: d((r) => r.cpuMs),
    taskMs: d((r) => r.taskMs),
    scriptMs: d((r) => r.scriptMs),
    compileMs: d((r) => r.compileMs),
    layoutStyleMs: d((r) => r.layoutMs + r.styleMs),
    heapMB: d((r) => r.heap, MB),
  };
}

export function aggregate(raw: PageRaw): PageResult {
  const { page, ours, base } = raw;
  const baseTask = median(base.map((b) => b.main.taskMs));
  const baseScript = median(base.map((b) => b.main.scriptMs));
  const baseJs = median(base.map((b) => b.heap.js + b.heap.backing));
  const baseBlink = median(base.map((b) => b.heap.embedder));
  const longest = ours.map((o) => Math.max(o.report.scan.longestSliceMs, o.longtaskInScanMs));
  const first = ours.map((o) => o.firstScreenMs).filter((x): x is number => x !== null);
  const afterFcp = ours.map((o) => o.startAfterFcpMs).filter((x): x is number => x !== null);
  const r: PageResult = {
    key: page.key,
    label: page.label,
    path: page.path,
    runs: ours.length,
    text: {
      chars: median(ours.map((o) => o.report.scan.chars)) || page.chars,
      textNodes: median(ours.map((o) => o.report.scan.textNodes)) || page.textNodes,
      paragraphs: page.paragraphs,
    },
    expected: page.feed ? page.feed.expectedAfter : page.expected,
    ours: {
      matches: stat(ours.map((o) => o.report.highlights)),
      registered: stat(ours.map((o) => o.report.registered ?? NaN)),
      peerMatches: median(ours.map((o) => o.peerMatches)),
      viewport: worst(ours.map((o) => o.viewport))!,
      afterScroll: worst(ours.map((o) => o.afterScroll)),
      marksMs: stat(ours.map((o) => o.scanMeasureMs)),
      scanMs: stat(ours.map((o) => o.scanMs)),
      paintedMs: stat(ours.map((o) => o.paintedMs)),
      busyMs: stat(ours.map((o) => o.report.scan.busyMs)),
      longestSliceMs: stat(ours.map((o) => o.report.scan.longestSliceMs)),
      longtaskInScanMs: stat(ours.map((o) => o.longtaskInScanMs)),
      longestTaskMs: stat(longest),
      firstScreenMs: page.expected > 0 && first.length ? stat(first) : null,
      startAfterFcpMs: afterFcp.length ? stat(afterFcp) : null,
      // The probe's own frame callbacks (it reads every registered range) are not ours.
      mainThreadAddedMs: stat(ours.map((o) => o.main.taskMs - o.probe.probeMs - baseTask)),
      scriptAddedMs: stat(ours.map((o) => o.main.scriptMs - baseScript)),
      heapAddedMB: {
        js: stat(ours.map((o) => (o.heap.js + o.heap.backing - baseJs) / MB)),
        blink: stat(ours.map((o) => (o.heap.embedder - baseBlink) / MB)),
      },
    },
    base: {
      taskMs: stat(base.map((b) => b.main.taskMs)),
      scriptMs: stat(base.map((b) => b.main.scriptMs)),
    },
    peers: {},
    ratios: {},
    profile: raw.profile,
    errors: raw.errors,
  };
  const inst = raw.installed;
  if (inst && inst.none.length && inst.empty.length && inst.ours.length) {
    r.installed = {
      runs: { none: inst.none.length, empty: inst.empty.length, ours: inst.ours.length },
      none: installedDelta(inst.none, []),
      emptyOverNone: installedDelta(inst.empty, inst.none),
      oursOverEmpty: installedDelta(inst.ours, inst.empty),
    };
  }
  if (raw.hover?.length || raw.editor?.length) {
    r.firstUse = {
      hover: raw.hover?.length
        ? {
            ms: stat(raw.hover.map((h) => h.ms)),
            delayMs: DEFAULT_SETTINGS.tooltipDelayMs,
          }
        : undefined,
      editor: raw.editor?.length
        ? {
            ms: stat(raw.editor.map((e) => e.ms)),
            buttonMs: stat(raw.editor.map((e) => e.buttonMs)),
          }
        : undefined,
    };
  }
  const walks = base.map((b) => b.walk?.ms).filter((x): x is number => x !== undefined);
  if (walks.length) r.peers.walkMs = stat(walks);
  if (raw.oracle.length) {
    const heaps = raw.oracle.map((o) => o.heap).filter((h): h is HeapUse => !!h);
    r.peers.oracle = {
      ms: stat(raw.oracle.map((o) => o.ms)),
      frameMs: stat(raw.oracle.map((o) => o.frameMs)),
      paintedMs: stat(raw.oracle.map((o) => o.ms + o.frameMs)),
      matches: median(raw.oracle.map((o) => o.matches)),
      chars: median(raw.oracle.map((o) => o.chars)),
      heapAddedMB: heaps.length
        ? stat(heaps.map((h) => (h.js + h.backing + h.embedder - baseJs - baseBlink) / MB))
        : undefined,
    };
    r.ratios.oursOverOracle = r.ours.paintedMs.median / r.peers.oracle.paintedMs.median;
  }
  if (raw.regexp.length) {
    r.peers.regexp = {
      ms: stat(raw.regexp.map((o) => o.ms)),
      paintedMs: stat(raw.regexp.map((o) => o.ms + o.frameMs)),
      matches: median(raw.regexp.map((o) => o.matches)),
      chars: median(raw.regexp.map((o) => o.chars)),
    };
    r.ratios.regexpOverOurs = r.peers.regexp.paintedMs.median / r.ours.paintedMs.median;
  }
  if (raw.markjs) {
    const m = raw.markjs;
    r.peers.markjs = {
      ms: m.ms,
      paintedMs: m.ms + m.frameMs,
      matches: m.matches,
      marks: m.marks,
      chars: m.chars,
    };
    r.ratios.markjsOverOurs = r.peers.markjs.paintedMs / r.ours.paintedMs.median;
  }
  const feeds = ours.map((o) => o.feed).filter((f) => !!f);
  const baseFeeds = base.map((b) => b.feed).filter((f) => !!f);
  if (page.feed && feeds.length) {
    const baseWindow = median(baseFeeds.map((f) => f.windowTaskMs));
    const baseProcess = median(baseFeeds.map((f) => f.windowProcessMs));
    // A paragraph never highlighted counts as an infinite delay, so misses show in the p95.
    const withMisses = (f: (typeof feeds)[number]) => [
      ...f.delays,
      ...Array<number>(f.tracked - f.highlighted).fill(Infinity),
    ];
    r.feed = {
      p50Ms: stat(feeds.map((f) => quantile(withMisses(f), 0.5))),
      p95Ms: stat(feeds.map((f) => quantile(withMisses(f), 0.95))),
      tracked: median(feeds.map((f) => f.tracked)),
      highlighted: stat(feeds.map((f) => f.highlighted)),
      cpuShare: stat(feeds.map((f) => (f.windowTaskMs - baseWindow) / f.durationMs)),
      processShare: stat(feeds.map((f) => (f.windowProcessMs - baseProcess) / f.durationMs)),
      longestTaskMs: stat(feeds.map((f) => Math.max(0, ...f.longtasks.map(([, d]) => d)))),
      profiledJsShare: raw.profile ? raw.profile.oursMs / raw.profile.spanMs : undefined,
    };
    const of = raw.oracleFeed ?? [];
    if (of.length) {
      r.feed.oracle = {
        p50Ms: stat(of.map((f) => quantile(withMisses(f), 0.5))),
        p95Ms: stat(of.map((f) => quantile(withMisses(f), 0.95))),
        highlighted: stat(of.map((f) => f.highlighted)),
        cpuShare: stat(of.map((f) => (f.windowTaskMs - baseWindow) / f.durationMs)),
      };
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Budgets

export interface Budget {
  id: string;
  text: string;
  /** null: not measurable yet (printed as n/a, never a failure). */
  pass: boolean | null;
  value: string;
}

export function budgets(
  results: PageResult[],
  sizes: Sizes | null,
  popup: PopupResult | null,
  reprint: ReprintResult | null = null,
): Budget[] {
  const by = (k: PageKey) => results.find((r) => r.key === k);
  const out: Budget[] = [];
  const add = (
    id: string,
    text: string,
    v: number | undefined,
    ok: (v: number) => boolean,
    show: (v: number) => string,
  ) =>
    out.push(
      v === undefined || !Number.isFinite(v)
        ? { id, text, pass: false, value: v === undefined ? 'not measured' : show(v) }
        : { id, text, pass: ok(v), value: show(v) },
    );
  const A = by('A');
  const B = by('B');
  const S = by('B200');
  const C = by('C');
  const D = by('D');
  const E = by('E');
  // The issue's scan→highlight: the content script's own marks (see PageResult.ours.marksMs).
  if (A) add('A.scan', 'A: scan→highlight ≤ 5 ms', A.ours.marksMs.median, (v) => v <= 5, ms);
  if (E) add('E.scan', 'E: scan→highlight ≤ 2 ms', E.ours.marksMs.median, (v) => v <= 2, ms);
  // The cost of being installed (issue 17): over the empty content script, same run.
  if (E) {
    add(
      'E.installed',
      'E: main thread (CPU) added over an empty content script ≤ 5 ms',
      E.installed?.oursOverEmpty.cpuMs.median,
      (v) => v <= 5,
      ms,
    );
    add(
      'E.installedHeap',
      'E: JS heap added over an empty content script ≤ 0.3 MB',
      E.installed?.oursOverEmpty.heapMB.median,
      (v) => v <= 0.3,
      (v) => `${v.toFixed(2)} MB`,
    );
  }
  if (A) {
    add(
      'A.installed',
      'A: main thread (CPU) added over an empty content script ≤ 20 ms',
      A.installed?.oursOverEmpty.cpuMs.median,
      (v) => v <= 20,
      ms,
    );
    add(
      'A.oracle',
      'A: ours ≤ 1.5 × the oracle (painted)',
      A.ratios.oursOverOracle,
      (v) => v <= 1.5,
      times,
    );
    const hover = A.firstUse?.hover;
    const delay = hover?.delayMs ?? DEFAULT_SETTINGS.tooltipDelayMs;
    add(
      'A.hover',
      `A: first hover shows the tooltip ≤ the hover delay (${delay} ms) + 50 ms`,
      hover?.ms.median,
      (v) => v <= delay + 50,
      ms,
    );
    add(
      'A.editor',
      'A: first note editor drawn ≤ 150 ms after the click',
      A.firstUse?.editor?.ms.median,
      (v) => v <= 150,
      ms,
    );
  }
  if (B) {
    add(
      'B.oracle',
      'B: ours ≤ 1.5 × the oracle (painted)',
      B.ratios.oursOverOracle,
      (v) => v <= 1.5,
      times,
    );
    add(
      'B.longtask',
      'B: none of our tasks > 50 ms',
      B.ours.longestTaskMs.median,
      (v) => v <= 50,
      ms,
    );
    add(
      'B.firstScreen',
      'B: first screenful ≤ 50 ms after scan-start',
      B.ours.firstScreenMs?.median,
      (v) => v <= 50,
      ms,
    );
    add('B.heap', 'B: JS heap added ≤ 8 MB', B.ours.heapAddedMB.js.median, (v) => v <= 8, mb);
  }
  if (S)
    add(
      'B200.markjs',
      'B′ (200 KB): ≥ 100 × faster than mark.js',
      S.ratios.markjsOverOurs,
      (v) => v >= 100,
      times,
    );
  if (C) {
    add(
      'C.longtask',
      'C: no task of ours > 50 ms',
      C.ours.longestTaskMs.median,
      (v) => v <= 50,
      ms,
    );
    const found = Math.min(...C.ours.matches.runs);
    const v = C.ours.viewport;
    const sc = C.ours.afterScroll;
    out.push({
      id: 'C.painted',
      text: 'C: all matches found, and the viewport painted before and after scrolling to the bottom',
      pass:
        found === C.expected &&
        Math.max(...C.ours.matches.runs) === C.expected &&
        v.total > 0 &&
        v.covered === v.total &&
        !!sc &&
        sc.total > 0 &&
        sc.covered === sc.total,
      value: `${num(found)} found (matcher ${num(C.expected)}); viewport painted ${v.covered}/${v.total}; after scroll ${sc ? `${sc.covered}/${sc.total}` : 'not measured'} (worst run)`,
    });
  }
  if (D) {
    add('D.p95', 'D: insertion→highlight p95 ≤ 100 ms', D.feed?.p95Ms.median, (v) => v <= 100, ms);
    add('D.cpu', 'D: our CPU share ≤ 5 %', D.feed?.cpuShare.median, (v) => v <= 0.05, pct);
  }
  const p10 = popup?.at.find((a) => a.notes === 10_000);
  if (popup) {
    add(
      'popup.firstList',
      'Popup at 10,000 notes: first list ≤ 300 ms',
      p10 && p10.firstListMs.length ? median(p10.firstListMs) : undefined,
      (v) => v <= 300,
      ms,
    );
    add(
      'popup.search',
      'Popup at 10,000 notes: search p95 ≤ 50 ms (input → next frame)',
      p10 && p10.searchFrameMs.length ? quantile(p10.searchFrameMs, 0.95) : undefined,
      (v) => v <= 50,
      ms,
    );
  } else {
    for (const t of [
      'Popup at 10,000 notes: first list ≤ 300 ms',
      'Popup at 10,000 notes: search p95 ≤ 50 ms',
    ])
      out.push({ id: 'popup', text: t, pass: null, value: 'n/a — not measured in this run' });
  }
  if (reprint) {
    for (const [key, limit] of [
      ['E', 2],
      ['A', 5],
    ] as const) {
      add(
        `reprint.${key}`,
        `Notes from elsewhere: with ${num(reprint.notes)} notes stored, page ${key} (none of their passages) ≤ ${limit} ms main-thread CPU over no notes`,
        reprint.pages.find((p) => p.key === key)?.addedMs,
        (v) => v <= limit,
        ms,
      );
    }
    add(
      'reprint.shown',
      'Notes from elsewhere: 20 matching notes drawn ≤ 100 ms after the scan (median)',
      reprint.matchingShownMs.length ? quantile(reprint.matchingShownMs, 0.5) : undefined,
      (v) => v <= 100,
      ms,
    );
  } else {
    out.push({
      id: 'reprint',
      text: 'Notes from elsewhere (10,000 notes stored; 20 matching)',
      pass: null,
      value: 'n/a — not measured in this run',
    });
  }
  add(
    'size',
    'Scripts injected into every page ≤ 20 KB gzipped',
    sizes ? everyPageJsGzip(sizes) / 1024 : undefined,
    (v) => v <= 20,
    (v) => `${v.toFixed(1)} KB`,
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const num = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
function ms(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  if (Math.abs(v) < 10) return `${v.toFixed(1)} ms`;
  return `${num(v)} ms`;
}
const mb = (v: number) => `${v.toFixed(1)} MB`;
const mb2 = (v: number) => `${v.toFixed(2)} MB`;
const times = (v: number) => (v >= 10 ? `${num(v)}×` : `${v.toFixed(2)}×`);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const med = (s: Stat | undefined | null, f = ms) => (s ? f(s.median) : '—');

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ')} |`;
  // The shape prettier gives Markdown tables, so `npm test`'s format check stays green.
  const sep = `| ${w.map((n, i) => (i === 0 ? '-'.repeat(n) : `${'-'.repeat(n - 1)}:`)).join(' | ')} |`;
  return [line(head), sep, ...rows.map(line)].join('\n');
}

export interface Machine {
  cpu: string;
  cores: number;
  memGB: number;
  os: string;
  chromium: string;
  node: string;
  /** Load average (1 min) when the bench started and ended: other work on the machine. */
  load: string;
  date: string;
  runs: number;
  /** Pages measured more often (short runs under millisecond budgets). */
  smallRuns?: { pages: string[]; runs: number };
  /** The pages whose runs are long, and how many they get. */
  longRuns?: { pages: string[]; runs: number };
  durationS: number;
}

/** The pages that ran another number of times than the rest: " (11 on A and E, 3 on C and D)". */
function runsApart(m: Machine): string {
  const parts: string[] = [];
  for (const g of [m.smallRuns, m.longRuns]) {
    if (g && g.runs !== m.runs) parts.push(`${g.runs} on ${g.pages.join(' and ')}`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function render(
  results: PageResult[],
  list: Budget[],
  sizes: Sizes | null,
  m: Machine,
  popup: PopupResult | null,
  reprint: ReprintResult | null = null,
): string {
  const out: string[] = [];
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB · ${m.os} · Chromium ${m.chromium} ` +
      `(headless) · Node ${m.node} · load avg ${m.load} · ${m.date} · ` +
      `median of ${m.runs} runs${runsApart(m)} · bench took ${Math.round(m.durationS)} s`,
  );
  out.push('');
  out.push(
    '**Ours, per page** (median of the runs; "Scan→highlight": the content script\'s marks, scan-start → every match found and registered with `CSS.highlights` (above 500 matches: those near the viewport); "→ viewport frame": scan-start → the first frame showing every match in the viewport, as the page sees it; "Painted": scan→highlight plus the cost of the frame that shows them, from the end of the probe\'s rAF callback, as for the peers (the wait for that frame, up to one frame interval, is in "→ viewport frame" only); "FCP → scan-start": the scan waits for the page\'s first contentful paint)',
  );
  out.push('');
  out.push(
    table(
      [
        'Page',
        'Text',
        'Matches ours / matcher',
        'Registered',
        'Scan→highlight',
        '→ viewport frame',
        'Painted',
        'Busy',
        'Longest task (slice)',
        'First screen',
        'FCP → scan-start',
        'Main thread +',
        'Heap + JS / Blink',
      ],
      results.map((r) => [
        r.label,
        `${num(r.text.chars)} ch, ${num(r.text.textNodes)} nodes`,
        `${num(r.ours.matches.median)} / ${num(r.expected)}`,
        num(r.ours.registered.median),
        med(r.ours.marksMs),
        med(r.ours.scanMs),
        med(r.ours.paintedMs),
        med(r.ours.busyMs),
        `${ms(r.ours.longestTaskMs.median)} (${ms(r.ours.longestSliceMs.median)})`,
        r.ours.firstScreenMs ? ms(r.ours.firstScreenMs.median) : 'n/a',
        r.ours.startAfterFcpMs ? ms(r.ours.startAfterFcpMs.median) : 'n/a',
        med(r.ours.mainThreadAddedMs),
        `${mb(r.ours.heapAddedMB.js.median)} / ${mb(r.ours.heapAddedMB.blink.median)}`,
      ]),
    ),
  );
  out.push('');
  out.push(
    '**Peers on the same page, same terms, same run** (painted = work + the cost of the next frame from its rAF callback, the wait for it not counted — for ours as for the peers; the oracle registers every match at once; ratio > 1: ours is slower)',
  );
  out.push('');
  const peerRows = results.filter((r) => r.peers.oracle || r.peers.markjs);
  out.push(
    table(
      [
        'Page',
        'Walk floor',
        'Oracle (its frame)',
        'Oracle / ours matches',
        'Ours',
        'Ours ÷ oracle',
        'RegExp (matches)',
        'RegExp ÷ ours',
        'mark.js (matches)',
        'mark.js ÷ ours',
      ],
      peerRows.map((r) => [
        r.label,
        med(r.peers.walkMs),
        r.peers.oracle
          ? `${ms(r.peers.oracle.paintedMs.median)} (${ms(r.peers.oracle.frameMs.median)})`
          : '—',
        r.peers.oracle ? `${num(r.peers.oracle.matches)} / ${num(r.ours.matches.median)}` : '—',
        med(r.ours.paintedMs),
        r.ratios.oursOverOracle !== undefined ? times(r.ratios.oursOverOracle) : '—',
        r.peers.regexp
          ? `${ms(r.peers.regexp.paintedMs.median)} (${num(r.peers.regexp.matches)})`
          : '—',
        r.ratios.regexpOverOurs !== undefined ? times(r.ratios.regexpOverOurs) : '—',
        r.peers.markjs
          ? `${ms(r.peers.markjs.paintedMs)} (${num(r.peers.markjs.matches)})`
          : 'not run',
        r.ratios.markjsOverOurs !== undefined ? times(r.ratios.markjsOverOurs) : '—',
      ]),
    ),
  );
  const installed = results.filter((r) => r.installed);
  if (installed.length) {
    const runs = installed[0]!.installed!.runs;
    out.push('');
    out.push(
      `**The cost of being installed** (three Chromiums with the same flags and probe: no extension, an extension whose content script is empty, ours; a fresh tab each, CDP \`Performance.getMetrics\` at load + 1.5 s: main-thread CPU time (\`ThreadTime\`, the budgeted figure; min–max over runs of ours), task, script, compile and layout wall times, JS heap after a forced GC; medians of ${runs.ours} runs)`,
    );
    out.push('');
    const both = (d: InstalledDelta) => `${ms(d.cpuMs.median)} / ${mb2(d.heapMB.median)}`;
    out.push(
      table(
        [
          'Page',
          'No extension: main thread (CPU) / JS heap',
          'Empty content script over none',
          'Ours over the empty one: main thread (CPU)',
          'main-thread tasks (wall)',
          'script / V8 compile (wall)',
          'layout + style (wall)',
          'JS heap',
        ],
        installed.map((r) => {
          const i = r.installed!;
          const o = i.oursOverEmpty;
          return [
            r.label,
            both(i.none),
            both(i.emptyOverNone),
            `${ms(o.cpuMs.median)} (${ms(o.cpuMs.min)}–${ms(o.cpuMs.max)})`,
            med(o.taskMs),
            `${ms(o.scriptMs.median)} / ${ms(o.compileMs.median)}`,
            med(o.layoutStyleMs),
            mb2(o.heapMB.median),
          ];
        }),
      ),
    );
  }
  const firstUse = results.find((r) => r.firstUse)?.firstUse;
  if (firstUse) {
    out.push('');
    out.push(
      "**First use, cold, on page A** (a fresh tab each run, loaded for at least 1.5 s and untouched; the page's clock, from the trusted input event to the end of the first frame that shows the result)",
    );
    out.push('');
    const spread = (s: Stat) =>
      `${ms(s.median)} (${ms(s.min)}–${ms(s.max)}, ${s.runs.length} runs)`;
    const rows: string[][] = [];
    if (firstUse.hover)
      rows.push([
        `First hover: pointer at rest on a phrase → tooltip drawn (hover delay ${firstUse.hover.delayMs} ms)`,
        spread(firstUse.hover.ms),
      ]);
    if (firstUse.editor) {
      rows.push([
        'First note editor: click on "Add note" → editor drawn',
        spread(firstUse.editor.ms),
      ]);
      rows.push([
        'Selection → "Add note" placed (test-runner clock, polled every 50 ms)',
        spread(firstUse.editor.buttonMs),
      ]);
    }
    out.push(table(['', 'Median (min–max)'], rows));
  }
  const D = results.find((r) => r.feed);
  if (D?.feed) {
    const f = D.feed;
    out.push('');
    out.push('**D, infinite scroll** (20 paragraphs every 250 ms for 10 s)');
    out.push('');
    out.push(
      table(
        [
          '',
          'Insertion → highlight p50',
          'p95',
          'Highlighted / with a term',
          'CPU share (main thread Δ)',
          'CPU share (profiled JS)',
          'Longest task in feed',
        ],
        [
          [
            'Ours',
            ms(f.p50Ms.median),
            ms(f.p95Ms.median),
            `${num(f.highlighted.median)} / ${num(f.tracked)}`,
            pct(f.cpuShare.median),
            f.profiledJsShare !== undefined ? pct(f.profiledJsShare) : '—',
            ms(f.longestTaskMs.median),
          ],
          ...(f.oracle
            ? [
                [
                  'Oracle (every match registered on arrival)',
                  ms(f.oracle.p50Ms.median),
                  ms(f.oracle.p95Ms.median),
                  `${num(f.oracle.highlighted.median)} / ${num(f.tracked)}`,
                  pct(f.oracle.cpuShare.median),
                  '—',
                  '—',
                ],
              ]
            : []),
        ],
      ),
    );
  }
  const profiled = results.filter((r) => r.profile);
  if (profiled.length) {
    out.push('');
    out.push(
      "**Where our script's main-thread time goes** (one extra run per page under the CPU profiler, 100 µs sampling; inflated by the profiler)",
    );
    out.push('');
    out.push(
      table(
        ['Page', 'Startup', 'Scan & callbacks', 'Top functions (self time, minified names)'],
        profiled.map((r) => [
          r.profile!.window === 'feed' ? `${r.label} (10 s feed)` : r.label,
          r.profile!.window === 'feed' ? '—' : ms(r.profile!.startupMs),
          ms(r.profile!.callbacksMs),
          r
            .profile!.top.slice(0, 3)
            .map((t) => `${t.fn} ${ms(t.ms)}`)
            .join(', '),
        ]),
      ),
    );
  }
  if (reprint) {
    out.push('');
    out.push(
      `**Notes from elsewhere** (two Chromiums with our extension, one with ${num(reprint.notes)} notes stored whose passages are on no bench page, one with none; each page loaded alternately in both; main-thread CPU (CDP \`ThreadTime\`) at load + 1.5 s; "probe": our \`policy-lens:passages\` measure, the page's key text and block fingerprints. Then 20 notes made "on people.cn" whose passages are sentences of A, and A opened as a reprint on www.news.cn: scan end → all 20 drawn)`,
    );
    out.push('');
    out.push(
      table(
        [
          'Page',
          'No notes',
          `${num(reprint.notes)} notes`,
          'Added',
          'Probe (median / max)',
          'Runs',
        ],
        reprint.pages.map((p) => [
          p.key,
          ms(median(p.none)),
          ms(median(p.stored)),
          ms(p.addedMs),
          p.probeMs.length ? `${ms(median(p.probeMs))} / ${ms(Math.max(...p.probeMs))}` : '—',
          String(Math.min(p.none.length, p.stored.length)),
        ]),
      ),
    );
    out.push('');
    const shown = reprint.matchingShownMs;
    out.push(
      `Reprint of A with 20 matching notes: all drawn ${shown.length ? ms(median(shown)) : '—'} after the scan (median of ${shown.length} loads; max ${shown.length ? ms(Math.max(...shown)) : '—'}: the first load after the 20 notes were added waits for the background to index the ${num(reprint.notes + 20)} notes again).`,
    );
  }
  out.push('');
  out.push('**Popup and sizes**');
  out.push('');
  const sizeRows: string[][] = [];
  const na = 'n/a — not measured in this run';
  for (const n of [10_000, 50_000]) {
    const a = popup?.at.find((x) => x.notes === n);
    const label = `Popup, ${num(n)} notes`;
    sizeRows.push([
      `${label}: first list paint (median of ${a?.firstListMs.length ?? 0} reloads)`,
      a?.firstListMs.length
        ? `${ms(median(a.firstListMs))} (all notes loaded ${ms(median(a.allNotesMs))})`
        : na,
    ]);
    sizeRows.push([
      `${label}: search per keystroke p50 / p95 (${a?.searchFrameMs.length ?? 0} keystrokes)`,
      a?.searchFrameMs.length
        ? `${ms(quantile(a.searchFrameMs, 0.5))} / ${ms(quantile(a.searchFrameMs, 0.95))} to next frame (${ms(quantile(a.searchMs, 0.5))} / ${ms(quantile(a.searchMs, 0.95))} to DOM)`
        : na,
    ]);
  }
  const imp = popup?.import;
  sizeRows.push([
    'Popup: importing 10,000 notes (check + write)',
    imp
      ? `${ms(imp.checkMs)} + ${ms(imp.writeMs)} (${imp.fileMB.toFixed(1)} MB file; ${ms(imp.seenMs)} end to end)`
      : na,
  ]);
  if (sizes) {
    const kb = (f: Pick<FileSize, 'raw' | 'gzip'>) =>
      `${(f.gzip / 1024).toFixed(1)} KB gzipped (${(f.raw / 1024).toFixed(1)} KB raw)`;
    for (const f of sizes.everyPage) sizeRows.push([`Every page: \`${f.file}\``, kb(f)]);
    const js = sizes.everyPage.filter((f) => f.kind === 'js');
    if (js.length > 1)
      sizeRows.push([
        'Every page: scripts in all',
        kb({ raw: js.reduce((n, f) => n + f.raw, 0), gzip: everyPageJsGzip(sizes) }),
      ]);
    for (const f of sizes.onDemand)
      sizeRows.push([`On demand (web-accessible): \`${f.file}\``, kb(f)]);
    for (const [f, n] of Object.entries(sizes.zips))
      sizeRows.push([`Store zip ${f}`, `${(n / 1024).toFixed(1)} KB`]);
  }
  out.push(table(['Item', 'Value'], sizeRows));
  out.push('');
  out.push('**Budgets**');
  out.push('');
  for (const b of list) {
    const tag = b.pass === null ? 'n/a' : b.pass ? 'PASS' : 'FAIL';
    out.push(`- ${tag} ${b.text}: ${b.value}`);
  }
  return out.join('\n');
}

/**
 * Replaces the block between the markers in docs/performance.md, formatted with the
 * repository's prettier settings (the file is under `prettier --check`).
 */
export async function updateResultsDoc(path: string, body: string): Promise<boolean> {
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const text = readFileSync(path, 'utf8');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return false;
  const next = `${text.slice(0, i + start.length)}\n\n${body}\n\n${text.slice(j)}`;
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
  return true;
}
