/**
 * The page-side half of the bench, installed in the page's main world before any page script
 * (addInitScript). It reads what the content script does through the two things Chromium
 * shares between the isolated world and the main world: the performance timeline (our
 * `policy-lens:scan*` marks) and the CSS highlight registry. One requestAnimationFrame loop
 * samples the registry once per frame — the moment a frame would paint — so "highlighted at"
 * means "visible in that frame", and it runs the same way on pages without the extension.
 * Every range gets the time of the first frame it was registered in (`firstSeen`; ours
 * registers only ranges near the viewport on big pages, in batches), and every frame the time
 * its rendering ended (a task posted from its rAF callback runs after it).
 *
 * Serialised by Playwright: keep it self-contained (no imports at run time).
 */

export interface ProbeConfig {
  /** When the frame loop stops: a while after our scan ends, after load, or never. */
  stopOn: 'scan' | 'load' | 'never';
}

interface ProbeState {
  /** [startTime, duration] of every 'longtask' entry. */
  longtasks: [number, number][];
  /** [time, registered term ranges] each time the count changed, sampled in rAF. */
  samples: [number, number][];
  /** From the content script's marks (-1 until seen). */
  scanStart: number;
  scanEnd: number;
  /**
   * [end of the probe's rAF callback, first task after that frame's rendering] of every frame
   * sampled.
   */
  frameLog: [number, number][];
  /** rAF time of the first frame in which each term range was registered. */
  firstSeen: WeakMap<AbstractRange, number>;
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
    frameLog: [],
    firstSeen: new WeakMap(),
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
  const pendingFrames: [number, number][] = [];
  channel.port1.onmessage = () => {
    const f = pendingFrames.shift();
    if (f) f[1] = performance.now();
  };

  let loadFrames = 0;
  let stopped = false;
  let scanSettled = false;
  /** stopOn 'scan': keep sampling this long after the scan ends (registration is batched). */
  const AFTER_SCAN_MS = 450;

  const frame = () => {
    const t = performance.now();
    state.frames++;
    let size = 0;
    const feed = (window as unknown as { __feed?: { startedAt: number } }).__feed;
    const feeding = !!feed && feed.startedAt >= 0;
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith(PREFIX)) continue;
      size += h.size;
      for (const r of h) {
        if (state.firstSeen.has(r)) continue;
        state.firstSeen.set(r, t);
        // Page D: which fed paragraphs have a range now.
        if (feeding) {
          const el = r.startContainer.parentElement?.closest('p[data-i]') as HTMLElement | null;
          const i = el ? Number(el.dataset.i) : -1;
          if (i >= 0 && state.highlightedAt[i] === undefined) state.highlightedAt[i] = t;
        }
      }
    }
    if (size !== state.samples[state.samples.length - 1]?.[1]) state.samples.push([t, size]);
    if (state.scanEnd < 0) {
      const m = performance.getEntriesByName('policy-lens:scan', 'measure')[0];
      if (m) {
        state.scanStart = m.startTime;
        state.scanEnd = m.startTime + m.duration;
      }
    }
    if (!scanSettled && state.scanEnd >= 0 && t - state.scanEnd > AFTER_SCAN_MS) {
      scanSettled = true;
      // 'never' (page D) keeps sampling for its feed.
      if (cfg.stopOn === 'scan') stopped = true;
      // After this frame's own rendering (its entry is then complete).
      setTimeout(resolveDone, 20);
    }
    if (cfg.stopOn === 'load' && state.loadAt >= 0 && ++loadFrames > 2) {
      stopped = true;
      resolveDone();
    }
    // The frame's cost is timed from here: the probe's own reading of every range (above) is
    // not the page's rendering, and the peers' frames, timed in a callback of their own after
    // the probe stopped, do not contain it either.
    const end = performance.now();
    const entry: [number, number] = [end, -1];
    state.frameLog.push(entry);
    pendingFrames.push(entry);
    channel.port2.postMessage(null);
    state.probeMs += end - t;
    if (!stopped) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export interface ProbeSummary {
  scanStart: number;
  /** The page's first-contentful-paint time (-1: none reported when read). */
  fcpAt: number;
  scanEnd: number;
  loadAt: number;
  probeMs: number;
  frames: number;
  longtasks: [number, number][];
  /** Term ranges registered when read. */
  registered: number;
  /** Matches of the page-side matcher inside the initial viewport, and how many ours covers. */
  viewport: { total: number; covered: number };
  /** rAF time of the first frame in which all of ours covering the viewport was registered. */
  viewportAt: number;
  /**
   * max(scanEnd, viewportAt): the scan is complete and the viewport registered. The first
   * frame at or after it: its cost (rAF callback → first task after its rendering; the wait
   * for the frame is not counted, as for the peers) and the end of its rendering (-1: not seen).
   */
  doneAt: number;
  frameMs: number;
  paintedAt: number;
}

/** Reads the probe after the fact (with the result of `coverage` on the unscrolled page). */
export function readProbe(cov: {
  total: number;
  covered: number;
  registered: number;
  at: number;
}): ProbeSummary {
  const s = (window as unknown as { __bench: ProbeState }).__bench;
  const doneAt = Math.max(s.scanEnd, cov.at);
  const f = s.frameLog.find(([t, end]) => t >= doneAt && end >= 0);
  return {
    scanStart: s.scanStart,
    fcpAt: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    scanEnd: s.scanEnd,
    loadAt: s.loadAt,
    probeMs: s.probeMs,
    frames: s.frames,
    longtasks: s.longtasks,
    registered: cov.registered,
    viewport: { total: cov.total, covered: cov.covered },
    viewportAt: cov.at,
    doneAt,
    frameMs: f ? f[1] - f[0] : -1,
    paintedAt: f ? f[1] : -1,
  };
}
