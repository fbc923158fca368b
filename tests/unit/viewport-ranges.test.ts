import { describe, expect, it } from 'vitest';
import {
  PRUNE_AFTER_MS,
  PRUNE_AT_ONCE,
  ELEMENTS_PER_OBSERVER,
  intersectionWatcher,
  ViewportRanges,
  type ElementWatcher,
} from '../../lib/page/highlight/viewport-ranges';

function setup(threshold: number) {
  document.body.innerHTML = '<p id="a">甲</p><p id="b">乙</p><p id="c">丙</p>';
  const target = new Set<AbstractRange>();
  const observed = new Set<Element>();
  let report: (changes: { el: Element; near: boolean }[]) => void = () => {};
  let created = 0;
  const v = new ViewportRanges(target, threshold, (cb) => {
    created++;
    report = cb;
    const w: ElementWatcher = {
      observe: (el) => void observed.add(el),
      unobserve: (el) => void observed.delete(el),
      disconnect: () => observed.clear(),
    };
    return w;
  });
  const range = (id: string) =>
    ({ startContainer: document.getElementById(id)!.firstChild! }) as unknown as AbstractRange;
  const el = (id: string) => document.getElementById(id)!;
  return {
    v,
    target,
    observed,
    range,
    el,
    report: (c: [string, boolean][]) => report(c.map(([id, near]) => ({ el: el(id), near }))),
    created: () => created,
  };
}

describe('ViewportRanges', () => {
  it('registers everything up to the threshold, with no observer', () => {
    const s = setup(3);
    const rs = ['a', 'b', 'c'].map(s.range);
    rs.forEach((r) => s.v.add(r));
    expect(s.target.size).toBe(3);
    expect(s.v.virtual).toBe(false);
    expect(s.created()).toBe(0);
  });

  it('above it, only ranges of elements reported near the viewport stay registered', () => {
    const s = setup(2);
    const [ra, rb, rc] = ['a', 'b', 'c'].map(s.range);
    s.v.add(ra!).add(rb!).add(rc!);
    expect(s.v.virtual).toBe(true);
    expect([...s.observed].map((e) => e.id).sort()).toEqual(['a', 'b', 'c']);
    // Nothing is dropped before the first report.
    expect(s.target.size).toBe(3);
    s.report([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect([...s.target]).toEqual([ra]);
    expect(s.v.size).toBe(3);
    // Scrolling: b comes near, a leaves.
    s.report([
      ['a', false],
      ['b', true],
    ]);
    expect([...s.target]).toEqual([rb]);
    expect(s.v.registered).toBe(1);
  });

  it('a range added in virtual mode waits for its element to be near', () => {
    const s = setup(0);
    const ra = s.range('a');
    s.v.add(ra);
    s.report([['a', false]]);
    expect(s.target.size).toBe(0);
    const ra2 = { startContainer: s.el('a').firstChild! } as unknown as AbstractRange;
    s.v.add(ra2);
    expect(s.target.size).toBe(0);
    s.report([['a', true]]);
    expect(s.target.size).toBe(2);
  });

  it('delete unregisters and stops watching an element with no ranges left; clear resets', () => {
    const s = setup(0);
    const ra = s.range('a');
    s.v.add(ra);
    s.report([['a', true]]);
    expect(s.v.delete(ra)).toBe(true);
    expect(s.v.delete(ra)).toBe(false);
    expect(s.target.size).toBe(0);
    expect(s.observed.size).toBe(0);
    s.v.add(s.range('b'));
    s.v.clear();
    expect(s.v.size).toBe(0);
    expect(s.v.virtual).toBe(false);
  });
});

describe('ViewportRanges batching', () => {
  it('registers the first batch in the next task, later ones at most every REGISTER_EVERY_MS', () => {
    document.body.innerHTML = '<p id="a">甲乙丙</p>';
    const target = new Set<AbstractRange>();
    const timers: { fn: () => void; at: number }[] = [];
    let now = 0;
    const v = new ViewportRanges(
      target,
      100,
      () => ({ observe() {}, unobserve() {}, disconnect() {} }),
      { setTimeout: (fn, ms) => timers.push({ fn, at: now + ms }), now: () => now },
    );
    const text = document.getElementById('a')!.firstChild!;
    const r = (i: number) => ({ startContainer: text, startOffset: i }) as unknown as AbstractRange;
    v.add(r(0)).add(r(1));
    expect(target.size).toBe(0);
    expect(timers.map((t) => t.at)).toEqual([0]);
    timers.shift()!.fn();
    expect(target.size).toBe(2);
    now = 10;
    v.add(r(2));
    const removed = r(3);
    v.add(removed);
    v.delete(removed);
    expect(timers.map((t) => t.at)).toEqual([150]);
    now = 150;
    timers.shift()!.fn();
    expect(target.size).toBe(3);
    expect(v.size).toBe(3);
  });
});

describe('ViewportRanges.flushNow', () => {
  it('registers what is staged at once; the pending timer then finds nothing, and later adds still wait for it', () => {
    document.body.innerHTML = '<p id="a">甲乙丙</p>';
    const target = new Set<AbstractRange>();
    const timers: { fn: () => void; at: number }[] = [];
    const now = 0;
    const v = new ViewportRanges(
      target,
      100,
      () => ({ observe() {}, unobserve() {}, disconnect() {} }),
      { setTimeout: (fn, ms) => timers.push({ fn, at: now + ms }), now: () => now },
    );
    const text = document.getElementById('a')!.firstChild!;
    const r = (i: number) => ({ startContainer: text, startOffset: i }) as unknown as AbstractRange;
    v.add(r(0));
    v.flushNow();
    expect(target.size).toBe(1);
    v.flushNow(); // nothing staged: no change
    expect(target.size).toBe(1);
    // The timer armed by the first add is still pending: a new add rides on it, no second timer.
    v.add(r(1));
    expect(timers).toHaveLength(1);
    expect(target.size).toBe(1);
    timers.shift()!.fn();
    expect(target.size).toBe(2);
  });
});

describe('ViewportRanges: fresh content and lazy pruning', () => {
  function scheduled() {
    document.body.innerHTML = '<p id="a">甲</p><p id="b">乙</p><p id="c">丙</p>';
    const target = new Set<AbstractRange>();
    const timers: { fn: () => void; at: number }[] = [];
    let now = 0;
    let report: (changes: { el: Element; near: boolean }[]) => void = () => {};
    const v = new ViewportRanges(
      target,
      1,
      (cb) => {
        report = cb;
        return { observe() {}, unobserve() {}, disconnect() {} };
      },
      { setTimeout: (fn, ms) => timers.push({ fn, at: now + ms }), now: () => now },
    );
    const el = (id: string) => document.getElementById(id)!;
    const range = (id: string, i = 0) =>
      ({ startContainer: el(id).firstChild!, startOffset: i }) as unknown as AbstractRange;
    const runTimers = (until: number) => {
      now = until;
      for (const t of timers.splice(0).sort((x, y) => x.at - y.at)) {
        if (t.at <= until) t.fn();
        else timers.push(t);
      }
    };
    return {
      v,
      target,
      range,
      runTimers,
      report: (c: [string, boolean][]) => report(c.map(([id, near]) => ({ el: el(id), near }))),
    };
  }

  it('a fresh range is registered at once, wherever its element is', () => {
    const s = scheduled();
    const [a, b] = [s.range('a'), s.range('b')];
    s.v.add(a).add(b);
    s.v.flushNow();
    s.report([
      ['a', true],
      ['b', false],
    ]);
    s.runTimers(2000);
    expect([...s.target]).toEqual([a]);
    const fresh = s.range('c');
    const old = s.range('b', 1); // found again by a full scan: not fresh
    s.v.add(fresh, true).add(old);
    s.v.flushNow();
    expect(s.target.has(fresh)).toBe(true);
    expect(s.target.has(old)).toBe(false);
  });

  it('ranges reported far stay until the next registration drops them in the same change', () => {
    const s = scheduled();
    const [a, b] = [s.range('a'), s.range('b')];
    s.v.add(a, true).add(b, true);
    s.v.flushNow();
    expect(s.target.size).toBe(2);
    s.report([
      ['a', true],
      ['b', false],
    ]);
    expect(s.target.size).toBe(2); // b is stale, not yet dropped
    const c = s.range('c');
    s.v.add(c, true);
    s.v.flushNow();
    expect([...s.target].sort()).toEqual([a, c].sort());
  });

  it('with no registration coming, stale ranges go after PRUNE_AFTER_MS; coming near again keeps them', () => {
    const s = scheduled();
    const [a, b] = [s.range('a'), s.range('b')];
    s.v.add(a, true).add(b, true);
    s.v.flushNow();
    s.report([
      ['a', false],
      ['b', false],
    ]);
    s.report([['a', true]]);
    s.runTimers(PRUNE_AFTER_MS - 1);
    expect(s.target.size).toBe(2);
    s.runTimers(PRUNE_AFTER_MS + 200);
    expect([...s.target]).toEqual([a]);
  });

  it('a registration that carries the far ones away restarts the wait (a feed: no extra change)', () => {
    const s = scheduled();
    const [a, b, c] = [s.range('a'), s.range('b'), s.range('c')];
    s.v.add(a, true).add(b, true);
    s.v.flushNow();
    s.report([['a', false]]); // t = 0: the prune timer starts
    s.runTimers(600);
    s.v.add(c, true);
    s.v.flushNow(); // carries a away
    expect([...s.target].sort()).toEqual([b, c].sort());
    s.report([['b', false]]); // t = 600
    s.runTimers(PRUNE_AFTER_MS); // the first timer fires: b has waited only 400 ms
    expect([...s.target].sort()).toEqual([b, c].sort());
    s.runTimers(600 + PRUNE_AFTER_MS);
    expect([...s.target]).toEqual([c]);
  });
});

describe('ViewportRanges: many far at once', () => {
  it('PRUNE_AT_ONCE stale ranges are dropped in the same report', () => {
    document.body.innerHTML = '<p id="a">甲</p><p id="b">乙</p>';
    const target = new Set<AbstractRange>();
    let report: (changes: { el: Element; near: boolean }[]) => void = () => {};
    const v = new ViewportRanges(
      target,
      10,
      (cb) => {
        report = cb;
        return { observe() {}, unobserve() {}, disconnect() {} };
      },
      { setTimeout: () => 0, now: () => 0 },
    );
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    const many = Array.from(
      { length: PRUNE_AT_ONCE },
      (_, i) => ({ startContainer: b.firstChild!, startOffset: i }) as unknown as AbstractRange,
    );
    const near = { startContainer: a.firstChild! } as unknown as AbstractRange;
    for (const r of [near, ...many]) v.add(r, true);
    v.flushNow();
    expect(target.size).toBe(PRUNE_AT_ONCE + 1);
    report([
      { el: a, near: true },
      { el: b, near: false },
    ]);
    expect([...target]).toEqual([near]);
  });
});

describe('intersectionWatcher', () => {
  it('observes in batches of ELEMENTS_PER_OBSERVER, one observer each, and lets emptied ones go', () => {
    const made: { targets: Set<Element>; disconnected: boolean }[] = [];
    class FakeIO {
      targets = new Set<Element>();
      disconnected = false;
      constructor() {
        made.push(this);
      }
      observe(el: Element) {
        this.targets.add(el);
      }
      unobserve(el: Element) {
        this.targets.delete(el);
      }
      disconnect() {
        this.disconnected = true;
        this.targets.clear();
      }
    }
    const timers: (() => void)[] = [];
    const win = {
      IntersectionObserver: FakeIO,
      setTimeout: (fn: () => void) => timers.push(fn),
      clearTimeout: () => {},
    } as unknown as Window & typeof globalThis;
    const w = intersectionWatcher(win)(() => {});
    const els = Array.from({ length: ELEMENTS_PER_OBSERVER * 2 + 10 }, () =>
      document.createElement('p'),
    );
    for (const el of els) w.observe(el);
    expect(made).toHaveLength(0); // nothing handed over before the batch
    expect(timers).toHaveLength(1);
    // One observer's worth per batch, in the order they came.
    timers.shift()!();
    expect(made.map((m) => m.targets.size)).toEqual([ELEMENTS_PER_OBSERVER]);
    expect(made[0]!.targets.has(els[0]!)).toBe(true);
    while (timers.length) timers.shift()!();
    expect(made.map((m) => m.targets.size)).toEqual([
      ELEMENTS_PER_OBSERVER,
      ELEMENTS_PER_OBSERVER,
      10,
    ]);
    for (const el of els.slice(0, ELEMENTS_PER_OBSERVER)) w.unobserve(el);
    expect(made[0]!.disconnected).toBe(true);
    // The last observer still has room: new elements go there.
    w.observe(document.createElement('p'));
    timers.shift()!();
    expect(made).toHaveLength(3);
    expect(made[2]!.targets.size).toBe(11);
    w.disconnect();
    expect(made.every((m) => m.disconnected)).toBe(true);
  });
});
