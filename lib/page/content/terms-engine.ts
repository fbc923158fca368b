import type { PageMatcherData } from '../../shared/glossary/page-matcher';
import { termFilter, termHighlightName } from '../../shared/settings/apply';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings/settings';
import type { CaretHit } from '../highlight/caret';
import { HighlightLayer, type Hit } from '../highlight/layer';
import { LazyHighlight } from '../highlight/lazy-highlight';
import { intersectionWatcher, ViewportRanges } from '../highlight/viewport-ranges';
import type { Matcher, TextMatches } from '../match/flow-matcher';
import { PatternTrie } from '../../shared/match/trie';
import { planRescan } from '../scan/mutations';
import { FLOW_ATTRIBUTES } from '../text/flows';
import { Scanner } from '../scan/scanner';
import { afterNextFrame } from '../scan/after-paint';
import { makeYield } from '../scan/yield';
import type { EngineReport } from './terms';

/**
 * Above this many matches only those near the viewport are registered (see ViewportRanges).
 * Until then everything found is registered, and each registry change costs Chromium's next
 * frame ~7 µs per registered range (bench): at 1,500 the 1 MB page's first frame took 48 ms.
 */
const VIRTUALIZE_ABOVE = 500;

export interface TermsEngineDeps {
  win: Window & typeof globalThis;
  /**
   * The terms (the bundled glossary's, or merged with the reader's own): their ids and
   * categories (report, filter) and the trie's tables, of which `matcher` was built.
   */
  data: PageMatcherData;
  /**
   * Their matcher, the controller's: its fold table and start regexes are built once per page
   * (built again here they cost page A's engine 0.5 ms, in-page timing). See `ownMatcher`. The
   * regexes are global (`lastIndex`) and shared: the controller stops checking once it has
   * asked for the engine, and every use resets them before it returns.
   */
  matcher: Matcher;
  /** Nodes of our own UI: their mutations are not the page's content. */
  isOwn: (n: Node) => boolean;
  /** Whether the reader hid the highlights before the engine came. */
  hidden: boolean;
}

/**
 * The glossary's terms on a document where they may occur (terms.ts decides, and loads this with
 * page-terms.js): scanning (sliced), painting through the page's highlight registry,
 * re-scanning what mutations touch, the reader's settings and own terms, showing and hiding.
 */
export class TermsEngine {
  private readonly doc: Document;
  private data: PageMatcherData;
  private readonly highlight: LazyHighlight;
  private highlightName = termHighlightName(DEFAULT_SETTINGS.termStyle);
  private readonly registry: ViewportRanges;
  readonly layer: HighlightLayer;
  private readonly scanner: Scanner;
  private accept: (term: number) => boolean = () => true;
  private settings: Settings = DEFAULT_SETTINGS;
  private active = false;
  private hidden = false;
  private firstFlushDone = false;
  private firstScanDone: () => void = () => {};
  /** Resolves when the first full scan is done (or the site is switched off). */
  readonly firstScan = new Promise<void>((resolve) => (this.firstScanDone = resolve));
  /** Called when a scan (first, re-scan, touched blocks) has finished. */
  onScanned: () => void = () => {};

  constructor(private readonly d: TermsEngineDeps) {
    const win = d.win;
    this.doc = win.document;
    this.data = d.data;
    this.hidden = d.hidden;
    this.highlight = new LazyHighlight(() => {
      const h = new Highlight();
      if (!this.hidden) win.CSS.highlights.set(this.highlightName, h);
      return h;
    });
    this.registry = new ViewportRanges(this.highlight, VIRTUALIZE_ABOVE, intersectionWatcher(win), {
      setTimeout: (fn, ms) => win.setTimeout(fn, ms),
      now: () => win.performance.now(),
    });
    this.layer = new HighlightLayer(this.registry);
    this.scanner = new Scanner(this.doc, ownMatcher(d.matcher, d.data), this.layer, {
      yieldToPage: makeYield(win),
      makeRange: (startContainer, startOffset, endContainer, endOffset) =>
        new StaticRange({ startContainer, startOffset, endContainer, endOffset }),
      isVisible: (el) =>
        typeof el.checkVisibility === 'function'
          ? el.checkVisibility({ visibilityProperty: true })
          : true,
      acceptTerm: (term) => this.accept(term),
      firstSliceMs: 16,
      longSliceMs: 20,
      inputPending: inputPendingOf(win),
      onIdle: () => this.active && this.onScanned(),
      // The first screenful and a finished scan are registered at once, not at the next batch.
      afterSlice: (more) => {
        if (!more || !this.firstFlushDone) this.registry.flushNow();
        this.firstFlushDone = true;
      },
    });
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.doc.addEventListener('visibilitychange', () => this.keepHighlight());
  }

  /** Whether the highlights are on this page and shown. */
  get showing(): boolean {
    return this.active && !this.hidden;
  }

  hitAt(caret: CaretHit | null): Hit | undefined {
    return caret ? this.layer.hitAt(caret.node, caret.index) : undefined;
  }

  /**
   * Applies reader settings to an open page, without a reload; `active`: whether they leave
   * Policy Lens on for this site (terms.ts decides). Returns `active`. `ahead`: the document's
   * text matched by this engine's matcher while it was on its way, for its first scan.
   */
  apply(s: Settings, active: boolean, ahead: TextMatches | null = null): boolean {
    this.settings = s;
    const win = this.d.win;
    const name = termHighlightName(s.termStyle);
    if (name !== this.highlightName) {
      const h = this.highlight.made;
      if (h) {
        win.CSS.highlights.delete(this.highlightName);
        if (!this.hidden) win.CSS.highlights.set(name, h);
      }
      this.highlightName = name;
    }
    this.accept = termFilter(s, this.data.entryIds, this.data.categories);
    const wasActive = this.active;
    this.active = active;
    if (!this.active) {
      this.firstScanDone();
      this.observer.disconnect();
      this.pending = [];
      this.layer.clear();
      return false;
    }
    if (!wasActive) this.observe();
    const first = !this.scanner.stats.slices;
    if (first) performance.mark('policy-lens:scan-start');
    // Loaded where terms.ts found that a term may occur: the first scan walks at once.
    void this.scanner.scanDocument(first, first ? ahead : null).then(() => {
      if (!first) return;
      performance.measure('policy-lens:scan', 'policy-lens:scan-start');
      this.firstScanDone();
    });
    return true;
  }

  /** New terms (the reader's own arrived or went): the page is scanned again with them. */
  setTerms(data: PageMatcherData, matcher: Matcher): void {
    this.data = data;
    this.scanner.setMatcher(ownMatcher(matcher, data));
    this.apply(this.settings, this.active);
  }

  /**
   * The page shares the highlight registry: it can delete our entry or empty our Highlight.
   * Checked where the reader would notice (pointer, mutations, returning to the tab).
   */
  keepHighlight(): void {
    const h = this.highlight.made;
    if (!this.showing || !h) return;
    const win = this.d.win;
    if (win.CSS.highlights.get(this.highlightName) !== h) {
      win.CSS.highlights.set(this.highlightName, h);
    }
    this.registry.restoreIfCleared();
  }

  /** Shows or hides the highlights. */
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (this.hidden) this.d.win.CSS.highlights.delete(this.highlightName);
    else if (this.highlight.made)
      this.d.win.CSS.highlights.set(this.highlightName, this.highlight.made);
  }

  /** Resolves once no scan is running (at once when the site is switched off). */
  idle(): Promise<void> {
    return this.active ? this.scanner.idle() : Promise.resolve();
  }

  /** Each term found and how often, most found first (the report's and the reading log's). */
  termCounts(): EngineReport['terms'] {
    const counts = new Map<number, number>();
    for (const hit of this.layer.hits()) counts.set(hit.term, (counts.get(hit.term) ?? 0) + 1);
    return (
      [...counts]
        .map(([term, count]) => ({ termId: this.data.entryIds[term]!, count }))
        // Ids are ASCII: code-unit order. localeCompare would load the ICU collator into the
        // page's renderer at its first call (the log's counts are asked for after every scan:
        // bench, page A, ~4 ms of CPU).
        .sort(
          (a, b) => b.count - a.count || (a.termId < b.termId ? -1 : a.termId > b.termId ? 1 : 0),
        )
    );
  }

  /** What the scan found, for the page report (terms.ts adds the page and the switch). */
  report(): EngineReport {
    const { ms, busyMs, chars, textNodes, longestSliceMs, slices, walkSkipped } =
      this.scanner.stats;
    return {
      terms: this.termCounts(),
      scan: {
        ms: round(ms),
        busyMs: round(busyMs),
        chars,
        textNodes,
        longestSliceMs: round(longestSliceMs),
        slices,
        walkSkipped,
      },
      highlights: this.layer.size,
      registered: this.registry.registered,
    };
  }

  // --- Late content: re-scan only the touched flows. The first batch of a frame is scanned
  // at once (its highlights then show in the frame that shows the content, with no extra
  // frame); any later batch in the same frame waits for the next one, so a page that mutates
  // continuously costs at most one scan per frame.
  private readonly observer: MutationObserver;
  private pending: MutationRecord[] = [];
  private overflow = false;
  private flushScheduled = false;
  private scannedThisFrame = false;

  private observe(): void {
    this.observer.observe(this.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: FLOW_ATTRIBUTES,
    });
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.overflow) return;
    this.pending.push(...records);
    // Past this a full re-scan is cheaper; drop the records instead of holding their nodes.
    if (this.pending.length > 1000) {
      this.overflow = true;
      this.pending = [];
    }
    if (this.flushScheduled) return;
    if (!this.scannedThisFrame) {
      this.scannedThisFrame = true;
      this.d.win.requestAnimationFrame(() => (this.scannedThisFrame = false));
      this.flush();
      return;
    }
    this.flushScheduled = true;
    afterNextFrame(this.d.win, () => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    this.keepHighlight();
    const records = this.pending;
    this.pending = [];
    if (this.overflow) {
      this.overflow = false;
      this.layer.sweepDisconnected();
      void this.scanner.scanDocument();
      return;
    }
    const plan = planRescan(records, this.d.isOwn);
    if (plan.removals) this.layer.sweepDisconnected();
    if (plan.full) void this.scanner.scanDocument();
    else if (plan.regions.length) void this.scanner.enqueue(plan.regions);
  }
}

/**
 * navigator.scheduling.isInputPending (continuous input included: pointer moves, wheel), looked
 * up when first asked: only a scan that outlasts its first slice asks, and the lookup alone made
 * every page's isolated world build its Navigator bindings (7 KB of JS heap, bench page E).
 * Where the browser has none, input counts as pending: a slice then stops at its deadline, as
 * without the function.
 */
function inputPendingOf(win: Window): () => boolean {
  let ask: (() => boolean) | undefined;
  return () => {
    if (!ask) {
      const scheduling = (
        win.navigator as Navigator & {
          scheduling?: { isInputPending?: (o?: { includeContinuous?: boolean }) => boolean };
        }
      ).scheduling;
      const fn = scheduling?.isInputPending;
      const opts = { includeContinuous: true };
      ask = typeof fn === 'function' ? () => fn.call(scheduling, opts) : () => true;
    }
    return ask();
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The controller's matcher as the scan uses it. The trie is a view of the same packed tables,
 * made here so that the scan's hottest code is this script's, compiled with it (see the compile
 * hint), not page-core.js's, compiled lazily: with page-core's the sample article's scan took
 * 0.4–1.7 ms longer (a scratch A/B of the bench's page A, 15–21 alternating loads, three
 * runs). The start regex is compiled now, before the scan: where the engine loads the text
 * nearly always holds a candidate (else its structure needs walking to be sure).
 */
function ownMatcher(m: Matcher, data: PageMatcherData): Matcher {
  return {
    fold: m.fold,
    anyStarts: m.anyStarts,
    starts: m.starts,
    trie: PatternTrie.fromPacked(data.trie),
  };
}
