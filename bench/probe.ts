/**
 * The page-side half of the bench, installed in the page's main world before any page script
 * (addInitScript). It reads what the content script does through the two things Chromium
 * shares between the isolated world and the main world: the performance timeline (our
 * `policy-lens:scan*` marks) and the CSS highlight registry. One requestAnimationFrame loop
 * samples the registry once per frame — the moment a frame would paint — so "highlighted at"
 * means "visible in that frame", and it runs the same way on pages without the extension.
 *
 * Serialised by Playwright: keep it self-contained (no imports at run time).
 */

export interface ProbeConfig {
  /** When the frame loop stops: after our scan is seen (+ its frame), after load, or never. */
  stopOn: 'scan' | 'load' | 'never';
}

export interface ProbeState {
  /** [startTime, duration] of every 'longtask' entry. */
  longtasks: [number, number][];
  /** [time, registered term ranges] each time the count changed, sampled in rAF. */
  samples: [number, number][];
  /** From the content script's marks (-1 until seen). */
  scanStart: number;
  scanEnd: number;
  /** rAF callback of the first frame after scanEnd, and the first task after that frame. */
  frameStart: number;
  frameEnd: number;
  loadAt: number;
  /** Main-thread time the probe itself spent in its frame callbacks. */
  probeMs: number;
  frames: number;
  /** Page D: when a range inside paragraph [data-i] was first seen, by paragraph index. */
  highlightedAt: number[];
  done: Promise<void>;
}

export function installProbe(cfg: ProbeConfig): void {
  const PREFIX = 'policy-lens-term';
  let resolveDone: () => void = () => {};
  const state: ProbeState = {
    longtasks: [],
    samples: [],
    scanStart: -1,
    scanEnd: -1,
    frameStart: -1,
    frameEnd: -1,
    loadAt: -1,
    probeMs: 0,
    frames: 0,
    highlightedAt: [],
    done: new Promise<void>((r) => (resolveDone = r)),
  };
  (window as unknown as { __bench: ProbeState }).__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask is Chromium-only; the bench runs in Chromium.
  }
  addEventListener('load', () => (state.loadAt = performance.now()));

  const channel = new MessageChannel();
  let afterFrame: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const f = afterFrame;
    afterFrame = null;
    f?.();
  };

  /** Our term highlights: one name per reader style, all starting with policy-lens-term. */
  const termHighlights = (): Highlight[] => {
    const out: Highlight[] = [];
    for (const [name, h] of CSS.highlights) if (name.startsWith(PREFIX)) out.push(h);
    return out;
  };

  const seen = new WeakSet<AbstractRange>();
  let lastSize = -1;
  let loadFrames = 0;
  let stopped = false;

  const frame = () => {
    const t = performance.now();
    state.frames++;
    let size = 0;
    const hs = termHighlights();
    for (const h of hs) size += h.size;
    const changed = size !== lastSize;
    if (changed) {
      state.samples.push([t, size]);
      lastSize = size;
    }
    // Page D: which fed paragraphs have a range now.
    const feed = (window as unknown as { __feed?: { startedAt: number } }).__feed;
    if (feed && feed.startedAt >= 0 && (changed || state.frames % 30 === 0)) {
      for (const h of hs) {
        for (const r of h) {
          if (seen.has(r)) continue;
          seen.add(r);
          const el = r.startContainer.parentElement?.closest('p[data-i]') as HTMLElement | null;
          const i = el ? Number(el.dataset.i) : -1;
          if (i >= 0 && state.highlightedAt[i] === undefined) state.highlightedAt[i] = t;
        }
      }
    }
    if (state.scanEnd < 0) {
      const m = performance.getEntriesByName('policy-lens:scan', 'measure')[0];
      if (m) {
        state.scanStart = m.startTime;
        state.scanEnd = m.startTime + m.duration;
        state.frameStart = t;
        // The rendering of this frame runs after the rAF callbacks; a task posted now runs
        // after it, so frameEnd - frameStart is the cost of the frame that paints the rest.
        afterFrame = () => {
          state.frameEnd = performance.now();
          if (cfg.stopOn === 'scan') stopped = true;
          resolveDone();
        };
        channel.port2.postMessage(null);
      }
    }
    if (cfg.stopOn === 'load' && state.loadAt >= 0 && ++loadFrames > 2) {
      stopped = true;
      resolveDone();
    }
    state.probeMs += performance.now() - t;
    if (!stopped) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export interface ProbeSummary {
  scanStart: number;
  scanEnd: number;
  frameMs: number;
  loadAt: number;
  probeMs: number;
  frames: number;
  longtasks: [number, number][];
  /** Registered term ranges at the end. */
  ranges: number;
  /** How many of the first ranges (document order) it takes to cover the initial viewport. */
  viewportRanges: number;
  /** rAF time of the first frame in which those ranges were all registered (-1: never). */
  viewportAt: number;
}

/** Reads the probe after the fact; run in the page (not scrolled). */
export function readProbe(): ProbeSummary {
  const s = (window as unknown as { __bench: ProbeState }).__bench;
  const ranges: AbstractRange[] = [];
  for (const [name, h] of CSS.highlights) {
    if (name.startsWith('policy-lens-term')) for (const r of h) ranges.push(r);
  }
  // Ranges are registered in document order during the first scan; the viewport is covered
  // once the last range that intersects it is registered. Stop after a long run of ranges
  // below the fold (single-column pages); short pages are checked in full.
  let last = -1;
  let below = 0;
  const vw = innerWidth;
  const vh = innerHeight;
  for (let i = 0; i < ranges.length && below < 500; i++) {
    const r = ranges[i]!;
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    const b = live.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    if (b.top >= vh) below++;
    else below = 0;
    if (b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw) last = i;
  }
  const need = last + 1;
  const hit = need > 0 ? s.samples.find(([, size]) => size >= need) : undefined;
  return {
    scanStart: s.scanStart,
    scanEnd: s.scanEnd,
    frameMs: s.frameEnd >= 0 ? s.frameEnd - s.frameStart : -1,
    loadAt: s.loadAt,
    probeMs: s.probeMs,
    frames: s.frames,
    longtasks: s.longtasks,
    ranges: ranges.length,
    viewportRanges: need,
    viewportAt: hit ? hit[0] : -1,
  };
}
