/**
 * Attribution of a V8 CPU profile (CDP Profiler, 100 µs sampling) to the content script. The
 * content script runs in an isolated world of the page's isolate, so its functions appear in the
 * page's profile with their chrome-extension://… URL (page-core.js; page-terms.js and page-ui.js once loaded). DOM calls it makes
 * (TreeWalker, checkVisibility, Highlight.add …) appear as URL-less native frames: they are
 * charged to the nearest caller with a URL. Samples under the script's top-level frame are
 * startup (compile-time initialisers, buildMatcher, listeners); the rest are callbacks (scan
 * slices, mutation batches, messages). Sampling inflates what it measures: use it for shares
 * and for where the time goes, not for the headline times.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface Attribution {
  /** 'load': from navigation to our first scan painted; 'feed': page D's 10 s feed only. */
  window?: 'load' | 'feed';
  /** Wall time the profile covers, ms. */
  spanMs: number;
  /** Sampled time charged to the content script, ms (startup + callbacks). */
  oursMs: number;
  startupMs: number;
  callbacksMs: number;
  /** The content script's functions by self time (minified names, line:column in the build). */
  top: { fn: string; ms: number }[];
}

const isOurs = (url: string) =>
  url.startsWith('chrome-extension://') && /\/page-(core|terms|ui)\.js$/.test(url);

export function attribute(p: CpuProfile, windowMs: number): Attribution {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const deltas = p.timeDeltas ?? [];
  (p.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));

  // Per node: the nearest frame with a URL (itself or a caller), and whether it is under our
  // script's top-level frame (startup).
  const owner = new Map<number, CpuProfileNode | null>();
  const startup = new Map<number, boolean>();
  const rootId = p.nodes[0]?.id;
  const resolve = (id: number): void => {
    if (owner.has(id)) return;
    const n = byId.get(id)!;
    const up = parent.get(id);
    if (up !== undefined) resolve(up);
    const inherited = up !== undefined ? (owner.get(up) ?? null) : null;
    owner.set(id, n.callFrame.url ? n : inherited);
    const topLevel =
      up === rootId &&
      isOurs(n.callFrame.url) &&
      n.callFrame.lineNumber === 0 &&
      n.callFrame.columnNumber === 0;
    startup.set(id, topLevel || (up !== undefined && (startup.get(up) ?? false)));
  };
  let oursUs = 0;
  let startupUs = 0;
  const byFn = new Map<string, number>();
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us) continue;
    resolve(n.id);
    const o = owner.get(n.id);
    if (!o || !isOurs(o.callFrame.url)) continue;
    oursUs += us;
    if (startup.get(n.id)) startupUs += us;
    const cf = o.callFrame;
    const name = `${cf.functionName || '(anonymous)'}@${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
    const key = o === n ? name : `${name} → ${n.callFrame.functionName || '(native)'}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const spanMs = windowMs || (p.endTime - p.startTime) / 1000;
  return {
    spanMs,
    oursMs: oursUs / 1000,
    startupMs: startupUs / 1000,
    callbacksMs: (oursUs - startupUs) / 1000,
    top: [...byFn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([fn, us]) => ({ fn, ms: us / 1000 })),
  };
}
