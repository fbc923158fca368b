/** What `afterFirstPaint` and `afterNextFrame` need of a window (tests pass a fake). */
export interface StartWindow {
  performance: Pick<Performance, 'getEntriesByName'>;
  PerformanceObserver?: new (
    callback: () => void,
  ) => Pick<PerformanceObserver, 'observe' | 'disconnect'>;
  requestAnimationFrame(fn: () => void): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The longest the first scan waits for the page's first contentful paint. */
export const FIRST_PAINT_WAIT_MS = 200;

/**
 * Runs `fn` once the page's first contentful paint has been presented (after the next frame
 * when it already has been), and at the latest FIRST_PAINT_WAIT_MS from now: a page that paints
 * nothing, or a background tab, still gets scanned. Before it the page's raster runs on other
 * threads and would compete with the scan for the CPU.
 */
export function afterFirstPaint(win: StartWindow, fn: () => void): void {
  const painted = () => win.performance.getEntriesByName('first-contentful-paint').length > 0;
  const Observer = win.PerformanceObserver;
  if (painted() || typeof Observer !== 'function') {
    afterNextFrame(win, fn);
    return;
  }
  let done = false;
  let fallback = 0;
  const once = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    // A timer left to fire for nothing is a task on the page all the same.
    win.clearTimeout(fallback);
    win.setTimeout(fn, 0);
  };
  const observer = new Observer(() => {
    if (painted()) once();
  });
  try {
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing here (an old engine): the next frame is the best we know.
    done = true;
    afterNextFrame(win, fn);
    return;
  }
  fallback = win.setTimeout(once, FIRST_PAINT_WAIT_MS);
}

/** Runs `fn` in a task after the next frame, or after 100 ms where frames do not come. */
export function afterNextFrame(win: StartWindow, fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    win.clearTimeout(fallback);
    fn();
  };
  win.requestAnimationFrame(() => win.setTimeout(once, 0));
  const fallback = win.setTimeout(once, 100); // rAF does not run in background tabs
}
