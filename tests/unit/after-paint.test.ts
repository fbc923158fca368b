import { describe, expect, it } from 'vitest';
import {
  afterFirstPaint,
  afterNextFrame,
  FIRST_PAINT_WAIT_MS,
  type StartWindow,
} from '../../lib/page/scan/after-paint';

/** A window whose clock, frames, paint entries and observers the test drives. */
function fakeWindow(opts: { painted?: boolean; observer?: 'none' | 'throws' | 'ok' } = {}) {
  let now = 0;
  let painted = opts.painted ?? false;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const frames: (() => void)[] = [];
  const observers: { cb: () => void; live: boolean }[] = [];
  class Observer {
    private readonly entry: { cb: () => void; live: boolean };
    constructor(cb: () => void) {
      this.entry = { cb, live: true };
      observers.push(this.entry);
    }
    observe() {
      if (opts.observer === 'throws') throw new TypeError('paint not supported');
    }
    disconnect() {
      this.entry.live = false;
    }
  }
  const win: StartWindow = {
    performance: {
      getEntriesByName: (name: string) =>
        (name === 'first-contentful-paint' && painted ? [{}] : []) as PerformanceEntryList,
    },
    ...(opts.observer === 'none' ? {} : { PerformanceObserver: Observer }),
    requestAnimationFrame: (fn) => frames.push(fn),
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: ++ids });
      return ids;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return {
    win,
    advance,
    frame: () => frames.splice(0).forEach((f) => f()),
    paint: () => {
      painted = true;
      for (const o of observers) if (o.live) o.cb();
    },
    liveObservers: () => observers.filter((o) => o.live).length,
    pendingTimers: () => timers.length,
  };
}

describe('afterFirstPaint', () => {
  it('waits for the first contentful paint, then runs once', () => {
    const w = fakeWindow();
    let runs = 0;
    afterFirstPaint(w.win, () => runs++);
    w.frame();
    w.advance(50);
    expect(runs).toBe(0);
    w.paint();
    w.advance(0);
    expect(runs).toBe(1);
    expect(w.liveObservers()).toBe(0);
    // Its fallback timer is gone with it: no task left to fire for nothing.
    expect(w.pendingTimers()).toBe(0);
    w.advance(FIRST_PAINT_WAIT_MS);
    expect(runs).toBe(1);
  });

  it('runs after the next frame when the page has painted already', () => {
    const w = fakeWindow({ painted: true });
    let runs = 0;
    afterFirstPaint(w.win, () => runs++);
    w.advance(0);
    expect(runs).toBe(0);
    w.frame();
    w.advance(0);
    expect(runs).toBe(1);
    expect(w.pendingTimers()).toBe(0);
  });

  it.each([
    ['a page that never paints', {}],
    ['no PerformanceObserver', { observer: 'none' as const }],
    ['paint timing unsupported', { observer: 'throws' as const }],
  ])('%s: runs anyway, once', (_name, opts) => {
    const w = fakeWindow(opts);
    let runs = 0;
    afterFirstPaint(w.win, () => runs++);
    w.advance(FIRST_PAINT_WAIT_MS + 1);
    expect(runs).toBe(1);
    w.paint();
    w.frame();
    w.advance(1000);
    expect(runs).toBe(1);
  });
});

describe('afterNextFrame', () => {
  it('runs in a task after the next frame, or after 100 ms without frames, once', () => {
    const w = fakeWindow();
    let runs = 0;
    afterNextFrame(w.win, () => runs++);
    w.frame();
    expect(runs).toBe(0);
    w.advance(0);
    expect(runs).toBe(1);
    expect(w.pendingTimers()).toBe(0);
    w.advance(200);
    expect(runs).toBe(1);
    const background = fakeWindow();
    let late = 0;
    afterNextFrame(background.win, () => late++);
    background.advance(99);
    expect(late).toBe(0);
    background.advance(1);
    expect(late).toBe(1);
  });
});
