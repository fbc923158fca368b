import {
  matchesInText,
  matchWindow,
  mayHoldTerms,
  WINDOW,
  type Matcher,
  type TextMatches,
} from '../match/flow-matcher';
import type { HighlightLayer } from '../highlight/layer';
import { FlowWalker, locate, type Flow, type Region } from '../text/flows';

export interface ScanStats {
  /** Wall-clock time of the first full scan, from start to the last match painted. */
  ms: number;
  /** Main-thread time the first full scan used (sum of its slices). */
  busyMs: number;
  chars: number;
  textNodes: number;
  slices: number;
  longestSliceMs: number;
  /**
   * The first scan read the page's text as one string, found that no term can occur in it, and
   * did not walk the page (`textNodes` is then 0).
   */
  walkSkipped: boolean;
}

export interface ScannerOptions {
  /** Work per slice before yielding to the page; tasks stay well under the 50 ms long-task line. */
  sliceMs?: number;
  /**
   * The first slice of a run may take this long: a whole ordinary article (cold code included)
   * is then found and painted in one task, with no other task between its slices.
   */
  firstSliceMs?: number;
  /**
   * While `inputPending` says no input waits, a slice may go on to this length: a long page is
   * done in fewer, longer tasks (each yield costs a frame's worth of waiting), and it still
   * stops as soon as the reader does something.
   */
  longSliceMs?: number;
  /** Whether input waits (navigator.scheduling.isInputPending; true where there is none). */
  inputPending?: () => boolean;
  /** After every slice, before yielding: `more` is false when the queue is empty. */
  afterSlice?: (more: boolean) => void;
  /** Resolves in a later task (scheduler.yield, or a MessageChannel post). */
  yieldToPage: () => Promise<void>;
  now?: () => number;
  /** Whether an element is rendered (checkVisibility in browsers); hidden text is not painted. */
  isVisible?: (el: Element) => boolean;
  /** Builds the range object registered with the highlight (StaticRange in browsers). */
  makeRange: (start: Text, startOffset: number, end: Text, endOffset: number) => AbstractRange;
  onIdle?: () => void;
  /** Terms the reader switched off are matched (so they still shadow shorter terms) but not painted. */
  acceptTerm?: (term: number) => boolean;
}

function keepGoing(
  t: number,
  deadline: number,
  extended: number,
  inputPending?: () => boolean,
): boolean {
  if (t < deadline) return true;
  return t < extended && !!inputPending && !inputPending();
}

interface Job {
  walker: FlowWalker;
  /** The flow being matched, when it is long enough to be matched in windows. */
  flow: Flow | null;
  pos: number;
  full: boolean;
  /**
   * Whether matches painted before this job may lie in its region (to be cleared as it goes).
   * Not on a first scan: on an article page the per-node clearing was a tenth of the scan.
   */
  replaces: boolean;
}

/**
 * Scans regions of the document in slices: walk flows → match → paint. Regions queue up (the
 * first full scan, then the blocks touched by mutations) and are processed in order.
 */
export class Scanner {
  readonly stats: ScanStats = {
    ms: 0,
    busyMs: 0,
    chars: 0,
    textNodes: 0,
    slices: 0,
    longestSliceMs: 0,
    walkSkipped: false,
  };
  private readonly queue: { region: Region; full: boolean; whole?: boolean }[] = [];
  private job: Job | null = null;
  /** checkVisibility answers, kept for one region's walk (style does not change mid-walk). */
  private visibility = new Map<Element, boolean>();
  private running: Promise<void> | null = null;
  private firstScanStart = -1;
  /** The document's text matched ahead, for the first full scan's flows (see matchesInText). */
  private textMatches: TextMatches | null = null;
  private firstScanDone = false;
  private readonly opts: Required<Omit<ScannerOptions, 'onIdle' | 'inputPending' | 'afterSlice'>> &
    Pick<ScannerOptions, 'onIdle' | 'inputPending' | 'afterSlice'>;

  constructor(
    private readonly doc: Document,
    private matcher: Matcher,
    readonly layer: HighlightLayer,
    options: ScannerOptions,
  ) {
    this.opts = {
      sliceMs: 8,
      firstSliceMs: options.sliceMs ?? 8,
      longSliceMs: options.sliceMs ?? 8,
      now: () => performance.now(),
      isVisible: () => true,
      acceptTerm: () => true,
      ...options,
    };
  }

  /** New glossary (the reader's own terms arrived): takes effect from the next flow. */
  setMatcher(m: Matcher): void {
    this.matcher = m;
    this.textMatches = null;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Scans the whole document (first scan, or after too many mutations to track). `mayHold`:
   * the caller has just read the document's text and found that a term may occur in it, so the
   * same check is not made again before the walk (on a page of 200,000 text nodes, reading its
   * text once is milliseconds). `textMatches`: that text's matches, found by this matcher
   * while the engine was on its way.
   */
  scanDocument(mayHold = false, textMatches: TextMatches | null = null): Promise<void> {
    const root = this.doc.body ?? this.doc.documentElement;
    this.queue.length = 0;
    this.job = null;
    this.textMatches = textMatches;
    return this.enqueue([{ first: root, last: root }], true, !mayHold);
  }

  enqueue(regions: Region[], full = false, whole = false): Promise<void> {
    for (const region of regions) this.queue.push({ region, full, whole });
    this.running ??= this.run().finally(() => {
      this.running = null;
      this.opts.onIdle?.();
    });
    return this.running;
  }

  /** Resolves when all queued work is done. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    const { now, sliceMs, firstSliceMs, longSliceMs, inputPending } = this.opts;
    for (let first = true; ; first = false) {
      const t0 = now();
      if (this.firstScanStart < 0) this.firstScanStart = t0;
      const counting = !this.firstScanDone;
      const base = t0 + (first ? firstSliceMs : sliceMs);
      const more = this.slice(base, inputPending ? t0 + longSliceMs : base, inputPending);
      const spent = now() - t0;
      if (counting) {
        this.stats.busyMs += spent;
        this.stats.slices++;
        this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, spent);
      }
      this.opts.afterSlice?.(more);
      if (!more) {
        // Its first full scan is over (or its region left the document): not kept.
        this.textMatches = null;
        return;
      }
      await this.opts.yieldToPage();
    }
  }

  /**
   * Does work until `deadline`, or on to `extended` while no input is pending; false when the
   * queue is empty.
   */
  private slice(deadline: number, extended: number, inputPending?: () => boolean): boolean {
    const { now } = this.opts;
    const visibility = this.visibility;
    do {
      if (!this.job) {
        const next = this.queue.shift();
        if (!next) return false;
        if (!next.region.first.isConnected) continue;
        const replaces = this.layer.size > 0;
        if (next.whole && !replaces && this.noTermIn(next.region.first)) continue;
        this.visibility = new Map();
        this.job = {
          walker: new FlowWalker(
            this.doc,
            next.region,
            replaces ? (el) => this.clearSubtree(el) : undefined,
            // A matched node whose text became only spaces starts no flow: clear it here.
            replaces ? (t) => this.layer.clearOwnedBy(t) : undefined,
          ),
          flow: null,
          pos: 0,
          full: next.full,
          replaces,
        };
      }
      const job = this.job;
      if (job.flow) {
        this.matchPart(job, visibility);
        continue;
      }
      const flow = job.walker.next();
      if (!flow) {
        this.finish(job);
        continue;
      }
      if (job.replaces) for (const n of flow.nodes) this.layer.clearOwnedBy(n);
      job.flow = flow;
      job.pos = 0;
      this.matchPart(job, visibility);
    } while (keepGoing(now(), deadline, extended, inputPending));
    return true;
  }

  private matchPart(job: Job, visibility: Map<Element, boolean>): void {
    const flow = job.flow!;
    const ahead =
      job.full && job.pos === 0 && this.textMatches
        ? matchesInText(this.matcher, this.textMatches, flow.text)
        : null;
    const to = ahead ? flow.text.length : Math.min(flow.text.length, job.pos + WINDOW);
    const found = ahead ?? matchWindow(this.matcher, flow.text, job.pos, to);
    // Regions re-scanned after mutations hold content that just arrived.
    for (const m of found) this.paint(flow, m.start, m.end, m.term, visibility, !job.full);
    job.pos = Math.max(to, found.length ? found[found.length - 1]!.end : 0);
    if (job.pos >= flow.text.length) job.flow = null;
  }

  private paint(
    flow: Flow,
    start: number,
    end: number,
    term: number,
    visibility: Map<Element, boolean>,
    fresh: boolean,
  ): void {
    if (!this.opts.acceptTerm(term)) return;
    const s = locate(flow, start, false);
    const e = locate(flow, end, true);
    const parent = s.node.parentElement;
    if (parent) {
      let visible = visibility.get(parent);
      if (visible === undefined) {
        visible = this.opts.isVisible(parent);
        visibility.set(parent, visible);
      }
      if (!visible) return;
    }
    const nodes = s.index === e.index ? undefined : flow.nodes.slice(s.index, e.index + 1);
    this.layer.add(
      { term, range: this.opts.makeRange(s.node, s.offset, e.node, e.offset), nodes },
      fresh,
    );
  }

  private finish(job: Job): void {
    if (job.full) this.firstScanEnded(job.walker.chars, job.walker.textNodes, false);
    this.job = null;
  }

  private firstScanEnded(chars: number, textNodes: number, walkSkipped: boolean): void {
    if (this.firstScanDone) return;
    this.firstScanDone = true;
    this.stats.walkSkipped = walkSkipped;
    this.stats.ms = this.opts.now() - this.firstScanStart;
    this.stats.chars = chars;
    this.stats.textNodes = textNodes;
  }

  /**
   * Before walking a whole document with nothing painted yet: its text nodes concatenated, one
   * native string, hold every flow, so when no term can occur there the walk is skipped. That
   * is the common page (no policy terms), and it costs a fraction of the walk, which on such a
   * page is nearly all of the scan (bench, page E).
   */
  private noTermIn(root: Node): boolean {
    if (root.nodeType !== 1) return false;
    const text = root.textContent ?? '';
    // A page with terms stops at its first one; only a page without asks the DOM whether its
    // flows are all in that string.
    if (mayHoldTerms(this.matcher, root as Element, text)) return false;
    this.firstScanEnded(text.length, 0, true);
    return true;
  }

  /** An excluded subtree (editable, hidden …) loses any matches it had from before. */
  private clearSubtree(el: Element): void {
    const w = this.doc.createTreeWalker(el, 4);
    for (let n = w.nextNode(); n; n = w.nextNode()) this.layer.clearOwnedBy(n as Text);
  }
}
