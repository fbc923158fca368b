import { isBlockElement } from '../text/flows';
import type { RangeSet } from './layer';

/**
 * Keeps the browser's highlight registry small on pages with many matches. Chromium re-does
 * work for every registered range whenever any of them changes (measured by the benchmark: one
 * added range costs a ~220 ms frame with 44,000 registered, ~30 ms with 4,000), so above
 * `threshold` ranges only those whose element is near the viewport are registered;
 * an IntersectionObserver brings the rest in and out as the reader scrolls. Below the threshold
 * every range is registered, as before.
 *
 * Content that arrives later (infinite scroll, live updates) is registered at once wherever it
 * is ("fresh"): the observer's first report comes only after a frame, and waiting for it would
 * show new text unhighlighted and cost a second registry change per arrival. Ranges whose
 * element the observer reports far away are dropped lazily, together with the next
 * registration (or PRUNE_AFTER_MS later): every change of the registry costs a frame that
 * re-paints the highlighted text, so arrivals and departures share one.
 */

/** The registry we hand ranges to: a RangeSet that can say what it holds (a Highlight). */
export interface Registry extends RangeSet {
  has(range: AbstractRange): boolean;
}

export interface ElementWatcher {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}

export type WatcherFactory = (
  onChange: (changes: { el: Element; near: boolean }[]) => void,
) => ElementWatcher;

/** Registrations are batched: at most one change of the registry per this many ms. */
const REGISTER_EVERY_MS = 150;

/** Ranges reported far away are dropped with the next registration, or after this. */
export const PRUNE_AFTER_MS = 1000;
/** …unless this many are waiting: then they are dropped at once. */
export const PRUNE_AT_ONCE = 500;

export class ViewportRanges implements RangeSet {
  private readonly all = new Set<AbstractRange>();
  /** Added but not yet handed to the browser (see `schedule`). */
  private readonly staged = new Set<AbstractRange>();
  private flushTimer = false;
  private lastFlush = -Infinity;
  /** Ranges by the element holding their start. Arrays, not Sets: a 1 MB page has 5,000
   * groups of ~9, and a Set's table costs ~3× an array's (bench heap budget). */
  private readonly byOwner = new Map<Element, AbstractRange[]>();
  private readonly near = new Set<Element>();
  /** Registered ranges whose element the observer has reported far: dropped at the next prune. */
  private readonly stale = new Set<AbstractRange>();
  private pruneTimer = false;
  /** When the oldest range now in `stale` was reported far (-1: none is). */
  private staleSince = -1;
  private watcher: ElementWatcher | null = null;

  /**
   * `schedule` batches registrations: every change to the registry costs the browser a pass
   * over all registered ranges at the next frame, so a long scan registers its ranges in a few
   * batches (the first at once, for the first screenful) instead of in every slice. Without it,
   * every add is registered at once (unit tests).
   */
  constructor(
    private readonly target: Registry,
    private readonly threshold: number,
    private readonly watch: WatcherFactory,
    private readonly schedule?: {
      setTimeout: (fn: () => void, ms: number) => unknown;
      now: () => number;
    },
  ) {}

  /** Every range, registered or not. */
  get size(): number {
    return this.all.size;
  }

  /** How many ranges the browser has registered now. */
  get registered(): number {
    return this.target.size;
  }

  get virtual(): boolean {
    return this.watcher !== null;
  }

  add(range: AbstractRange, fresh = false): this {
    if (this.all.has(range)) return this;
    this.all.add(range);
    if (!this.watcher) {
      this.register(range);
      if (this.all.size > this.threshold) this.virtualize();
      return this;
    }
    const owner = this.group(range);
    if (!owner || this.near.has(owner) || fresh) this.register(range);
    return this;
  }

  /**
   * Registers again what should be registered after the page emptied our Highlight (the
   * registry is shared with the page's main world, and so is the Highlight object in it).
   * True when something had to be restored.
   */
  restoreIfCleared(): boolean {
    if (this.target.size > 0 || this.all.size === 0) return false;
    for (const r of this.all) {
      const owner = this.watcher ? ownerOf(r) : null;
      if (!this.watcher || !owner || this.near.has(owner)) this.target.add(r);
    }
    return true;
  }

  /**
   * Files a range under its owner (watched from then on). Only once virtual: below the
   * threshold nothing needs owners, and an article page is spared a parent walk per match.
   */
  private group(range: AbstractRange): Element | null {
    const owner = ownerOf(range);
    if (!owner) return null;
    const group = this.byOwner.get(owner);
    if (group) group.push(range);
    else {
      this.byOwner.set(owner, [range]);
      this.watcher?.observe(owner);
    }
    return owner;
  }

  private register(range: AbstractRange): void {
    if (!this.schedule) {
      this.target.add(range);
      return;
    }
    this.staged.add(range);
    if (this.flushTimer) return;
    this.flushTimer = true;
    const wait = Math.max(0, this.lastFlush + REGISTER_EVERY_MS - this.schedule.now());
    this.schedule.setTimeout(() => this.flush(), wait);
  }

  /**
   * Registers what is staged now, without waiting for the batch timer: the scanner calls it
   * when a scan ends (its last matches need not wait up to REGISTER_EVERY_MS) and after the
   * first slice (the first screenful). A timer still pending finds nothing left to do.
   */
  flushNow(): void {
    if (this.staged.size > 0) this.drain();
  }

  private flush(): void {
    this.flushTimer = false;
    this.drain();
  }

  private drain(): void {
    this.lastFlush = this.schedule?.now() ?? 0;
    let added = false;
    const virtual = this.watcher !== null;
    for (const r of this.staged) {
      // Staged ranges are wanted: near, fresh, or everything below the threshold. Below it,
      // each was staged once, when added: none can be registered already.
      if (!this.all.has(r) || (virtual && this.target.has(r))) continue;
      this.target.add(r);
      added = true;
    }
    this.staged.clear();
    // Piggybacks on this change of the registry: no change of its own for the far ones.
    if (added) this.prune();
  }

  /**
   * When no registration comes along to carry the prune, it happens on its own, once the oldest
   * far range has waited PRUNE_AFTER_MS. A registration that carries them away restarts the
   * wait: on a feed (a registration every 250 ms) the timer would otherwise fire regardless and
   * cost a change of the registry — a repaint of every highlight — for ranges reported since.
   */
  private pruneLater(): void {
    if (!this.schedule) {
      this.prune();
      return;
    }
    if (this.pruneTimer) return;
    this.pruneTimer = true;
    const wait = Math.max(0, this.staleSince + PRUNE_AFTER_MS - this.schedule.now());
    this.schedule.setTimeout(() => {
      this.pruneTimer = false;
      if (this.stale.size === 0) return;
      if (this.schedule!.now() - this.staleSince >= PRUNE_AFTER_MS) this.prune();
      else this.pruneLater();
    }, wait);
  }

  private prune(): void {
    for (const r of this.stale) this.target.delete(r);
    this.stale.clear();
    this.staleSince = -1;
  }

  delete(range: AbstractRange): boolean {
    if (!this.all.delete(range)) return false;
    this.staged.delete(range);
    this.stale.delete(range);
    this.target.delete(range);
    if (!this.watcher) return true;
    const owner = ownerOf(range);
    const group = owner ? this.byOwner.get(owner) : undefined;
    if (owner && group) {
      const i = group.indexOf(range);
      if (i >= 0) {
        group[i] = group[group.length - 1]!;
        group.pop();
      }
      if (group.length === 0) {
        this.byOwner.delete(owner);
        this.near.delete(owner);
        this.watcher?.unobserve(owner);
      }
    }
    return true;
  }

  clear(): void {
    this.all.clear();
    this.staged.clear();
    this.byOwner.clear();
    this.near.clear();
    this.stale.clear();
    this.staleSince = -1;
    this.target.clear();
    this.watcher?.disconnect();
    this.watcher = null;
  }

  private virtualize(): void {
    // Until the first report, what is registered stays registered: no flash of unpainted text.
    this.watcher = this.watch((changes) => {
      for (const { el, near } of changes) {
        const group = this.byOwner.get(el);
        if (!group) continue;
        if (near) {
          this.near.add(el);
          for (const r of group) {
            this.stale.delete(r);
            if (!this.target.has(r)) this.register(r);
          }
        } else {
          this.near.delete(el);
          for (const r of group) {
            this.staged.delete(r);
            if (!this.target.has(r)) continue;
            if (this.stale.size === 0) this.staleSince = this.schedule?.now() ?? 0;
            this.stale.add(r);
          }
        }
      }
      // Many at once (the reader jumped, or virtualisation just began): worth a change of its own.
      if (this.stale.size >= PRUNE_AT_ONCE) this.prune();
      else if (this.stale.size > 0) this.pruneLater();
    });
    for (const r of this.all) this.group(r);
  }
}

/**
 * The block that holds a range's start (its paragraph, not the <a> or <b> inside it): what the
 * observers watch. A 1 MB news page has 5,000 paragraphs but 16,000 parents of matched text,
 * and each watched element costs Blink an observation record and the frame its geometry.
 */
function ownerOf(range: AbstractRange): Element | null {
  const n = range.startContainer;
  let el = n.nodeType === 1 ? (n as Element) : n.parentElement;
  while (el && !isBlockElement(el) && el.parentElement) el = el.parentElement;
  return el;
}

/** Elements per IntersectionObserver (see intersectionWatcher). */
export const ELEMENTS_PER_OBSERVER = 256;
/** New elements are handed to the observers in batches of at most ELEMENTS_PER_OBSERVER, this often. */
const OBSERVE_EVERY_MS = 16;

/**
 * The browser implementation: IntersectionObservers one viewport above and below. Chromium
 * recomputes every target of an observer in the frame after a target is added to it, and a
 * target's first computation is dear (~15 µs): one observer fed paragraph by paragraph while a
 * scan of a 1 MB page found its 5,000 paragraphs cost ~7 ms in every frame of the scan (150 ms
 * of 550, in a trace), and all 5,000 observed at once made one 80 ms frame. So new elements are
 * observed in batches of ELEMENTS_PER_OBSERVER, one batch every OBSERVE_EVERY_MS (in document
 * order: the first screen comes first), each filling an observer that is then not touched
 * again. Until its first report an element counts as not near, and what is registered stays
 * registered (ViewportRanges), so nothing flashes.
 */
export function intersectionWatcher(win: Window & typeof globalThis): WatcherFactory {
  return (onChange) => {
    interface Observer {
      io: IntersectionObserver;
      /** Elements ever given to it (it takes no more past the cap) and those still watched. */
      count: number;
      live: number;
    }
    const callback: IntersectionObserverCallback = (entries) =>
      onChange(entries.map((e) => ({ el: e.target, near: e.isIntersecting })));
    const observers: Observer[] = [];
    const observerOf = new Map<Element, Observer>();
    const queued = new Set<Element>();
    let timer = 0;
    const observeQueued = () => {
      timer = 0;
      let taken = 0;
      for (const el of queued) {
        if (taken++ === ELEMENTS_PER_OBSERVER) break;
        queued.delete(el);
        let o = observers[observers.length - 1];
        if (!o || o.count >= ELEMENTS_PER_OBSERVER) {
          o = {
            io: new win.IntersectionObserver(callback, { rootMargin: '100% 0px 100% 0px' }),
            count: 0,
            live: 0,
          };
          observers.push(o);
        }
        o.io.observe(el);
        o.count++;
        o.live++;
        observerOf.set(el, o);
      }
      if (queued.size > 0) timer = win.setTimeout(observeQueued, OBSERVE_EVERY_MS);
    };
    return {
      observe(el) {
        if (observerOf.has(el) || queued.has(el)) return;
        queued.add(el);
        if (!timer) timer = win.setTimeout(observeQueued, OBSERVE_EVERY_MS);
      },
      unobserve(el) {
        if (queued.delete(el)) return;
        const o = observerOf.get(el);
        if (!o) return;
        o.io.unobserve(el);
        observerOf.delete(el);
        // A full observer whose elements all left (a churning feed) is let go.
        if (--o.live === 0 && o.count >= ELEMENTS_PER_OBSERVER) {
          o.io.disconnect();
          observers.splice(observers.indexOf(o), 1);
        }
      },
      disconnect() {
        if (timer) win.clearTimeout(timer);
        timer = 0;
        queued.clear();
        for (const o of observers) o.io.disconnect();
        observers.length = 0;
        observerOf.clear();
      },
    };
  };
}
