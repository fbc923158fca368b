import type { MatcherData } from '../../shared/glossary/compile';
import { pageMatcherData, type PageMatcherData } from '../../shared/glossary/page-matcher';
import { isActiveOn, type Settings } from '../../shared/settings/settings';
import { DEFAULT_SITES } from '../../shared/sites';
import type { PageReport } from '../../protocol/to-content';
import type { CaretHit } from '../highlight/caret';
import type { Hit } from '../highlight/layer';
import { matchText, mayHoldTerms, type Matcher, type TextMatches } from '../match/flow-matcher';
import { buildMatcher } from '../match/load';
import { blockOf, FLOW_ATTRIBUTES, isBlockElement } from '../text/flows';
import { sendToBackground } from '../../protocol/send';
import { loadOnNeed } from './handover';
import type { TermsEngine, TermsEngineDeps } from './terms-engine';

export type TermsReport = Omit<PageReport, 'notes'>;
/** The engine's part of it: what the scan found (the page and the switch are this module's). */
export type EngineReport = Omit<TermsReport, 'url' | 'title' | 'active'>;

/** Past this many mutation records in one batch, the whole document is checked once instead. */
const BATCH_CAP = 200;

/** What page-terms.js hands over: the scanning and painting, for documents that may hold terms. */
export interface TermsModule {
  create(d: TermsEngineDeps): TermsEngine;
}

/** The hits on the page, as the UI reads them (none until the engine has found some). */
export interface TermHits {
  readonly size: number;
  hits(): Iterable<Hit>;
}

export interface TermsDeps {
  win: Window & typeof globalThis;
  /** The bundled glossary's matcher (glossary/generated/page-matcher.json). */
  matcher: PageMatcherData;
  /** Nodes of our own UI: their mutations are not the page's content. */
  isOwn: (n: Node) => boolean;
  /** Loads the engine (page-terms.js); tests give their own. */
  loadEngine?: () => Promise<TermsModule>;
}

/**
 * The glossary's terms on one document. Every page runs this: the reader's settings, whether a
 * term can occur in the document's text (one native string, one regex, the trie at each
 * candidate) and, while none can, whether content that arrives brings one. The scan, the paint
 * and the highlight registry (terms-engine.ts, in page-terms.js) are loaded only where a term
 * may occur: most pages never compile them (bench, page E).
 */
export class TermsController {
  private readonly doc: Document;
  private readonly bundled: PageMatcherData;
  private data: PageMatcherData;
  private matcher: Matcher;
  private settings: Settings | null = null;
  private active = false;
  private hidden = false;
  private engine: TermsEngine | null = null;
  /** The engine on its way (settled once it is here, or could not come). */
  private engineLoading: Promise<void> | null = null;
  /** What the last check of the document found when it found nothing (no engine yet). */
  private checked = { ms: 0, chars: 0 };
  private watcher: MutationObserver | null = null;
  private watching = false;
  private checkedOnce = false;
  /** The document's text matched ahead, until the engine takes it (see checkDocument). */
  private textMatches: TextMatches | null = null;
  private firstScanDone: () => void = () => {};
  /** Resolves when the first full scan is done (or the site is switched off). */
  readonly firstScan = new Promise<void>((resolve) => (this.firstScanDone = resolve));
  /** Called when the set of terms changed (custom terms): term indexes mean new entries. */
  onTermsChanged: () => void = () => {};
  /** Called when a scan (first, re-scan, touched blocks) has finished. */
  onScanned: () => void = () => {};
  /**
   * Called once, when a term may occur and the engine is asked for: before anything is painted
   * (once highlights are registered, any change to the DOM repaints every one of them).
   */
  onEngineWanted: () => void = () => {};
  readonly layer: TermHits;

  constructor(private readonly d: TermsDeps) {
    this.doc = d.win.document;
    this.bundled = d.matcher;
    this.data = d.matcher;
    this.matcher = buildMatcher(this.data);
    const engine = () => this.engine;
    this.layer = {
      get size() {
        return engine()?.layer.size ?? 0;
      },
      hits: () => engine()?.layer.hits() ?? [],
    };
  }

  /** Whether the engine has been asked for (a term may occur, or the text needs walking). */
  get engineWanted(): boolean {
    return this.engineLoading !== null;
  }

  /** Whether the highlights are on this page and shown. */
  get showing(): boolean {
    return this.active && !this.hidden;
  }

  get isActive(): boolean {
    return this.active;
  }

  /** The glossary id of a hit's term (`custom-…` for the reader's own). */
  termId(term: number): string | undefined {
    return this.data.entryIds[term];
  }

  /** The index of a glossary id among the terms, or -1. */
  termIndex(termId: string): number {
    return this.data.entryIds.indexOf(termId);
  }

  hitAt(caret: CaretHit | null): Hit | undefined {
    return this.engine?.hitAt(caret);
  }

  /** Applies reader settings to an open page, without a reload; returns whether it is active. */
  apply(s: Settings): boolean {
    this.settings = s;
    this.active = isActiveOn(this.d.win.location.hostname, s, DEFAULT_SITES);
    if (this.engine) return this.engine.apply(s, this.active);
    if (!this.active) {
      this.unwatch();
      this.firstScanDone();
      return false;
    }
    this.checkDocument();
    return true;
  }

  /** The matcher with the reader's own terms merged in (by the background), or null. */
  setCustomTerms(merged: MatcherData | null): void {
    if (!merged && this.data === this.bundled) return;
    this.data = merged ? pageMatcherData(merged) : this.bundled;
    this.matcher = buildMatcher(this.data);
    this.textMatches = null;
    this.onTermsChanged();
    if (this.engine) this.engine.setTerms(this.data, this.matcher);
    else if (this.settings && this.active) this.checkDocument();
  }

  /** Puts our highlight back where the page removed it (see TermsEngine.keepHighlight). */
  keepHighlight(): void {
    this.engine?.keepHighlight();
  }

  /** Shows or hides the highlights; returns whether they are shown now. */
  toggle(): boolean {
    this.hidden = !this.hidden;
    this.engine?.setHidden(this.hidden);
    return !this.hidden;
  }

  /** Resolves once no scan is running (at once when the site is switched off). */
  idle(): Promise<void> {
    if (this.engine) return this.engine.idle();
    // Content with a term arrived and the engine is coming: its scan is what the caller waits for.
    return this.engineLoading
      ? this.engineLoading.then(() => this.engine?.idle())
      : Promise.resolve();
  }

  /** Each term found and how often (none until the engine has found some). */
  termCounts(): TermsReport['terms'] {
    return this.engine?.termCounts() ?? [];
  }

  /** The terms' part of the page report. */
  report(): TermsReport {
    const { ms, chars } = this.checked;
    const found: EngineReport = this.engine?.report() ?? {
      terms: [],
      scan: {
        ms,
        busyMs: ms,
        chars,
        textNodes: 0,
        longestSliceMs: ms,
        slices: this.checkedOnce ? 1 : 0,
        walkSkipped: this.checkedOnce,
      },
      highlights: 0,
      registered: 0,
    };
    return {
      url: this.d.win.location.href,
      title: this.doc.title,
      ...found,
      active: this.active,
    };
  }

  /**
   * The whole document's text in one string: where no term can occur in it the page needs no
   * walk, and until content arrives that may hold one, no engine. The first check is the
   * first scan of such a page, and is timed as one.
   */
  private checkDocument(): void {
    if (this.engineLoading) return;
    const first = !this.checkedOnce;
    this.checkedOnce = true;
    const t0 = performance.now();
    const root = this.doc.body ?? this.doc.documentElement;
    const text = root.textContent ?? '';
    if (mayHoldTerms(this.matcher, root, text)) {
      this.startEngine();
      // While the engine is on its way (a message to the background and an injection, tens of
      // milliseconds), the text is matched here: its first scan reads most flows' matches off
      // it instead of finding them again.
      if (first) this.textMatches = matchText(this.matcher, text);
      return;
    }
    this.checked = { ms: Math.round((performance.now() - t0) * 100) / 100, chars: text.length };
    if (first) performance.measure('policy-lens:scan', { start: t0 });
    this.watch();
    if (first) this.firstScanDone();
  }

  /** Until the engine comes: what changes is checked for terms, and nothing else. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    this.watcher ??= new MutationObserver((records) => {
      if (this.changesMayBringTerms(records)) this.startEngine();
    });
    this.watcher.observe(this.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: FLOW_ATTRIBUTES,
    });
  }

  private unwatch(): void {
    this.watching = false;
    this.watcher?.disconnect();
  }

  /**
   * Whether changes may have brought a term. A term does not cross a block's edge (flows.ts),
   * so each block a change touches is checked once, whole: an added block alone; added,
   * removed or changed text and inline elements, and changed attributes, with the rest of
   * their block ("生产力" after "新质", or a <span> between them removed or hidden). Past
   * BATCH_CAP records, the document is checked once instead.
   */
  private changesMayBringTerms(records: MutationRecord[]): boolean {
    if (records.length > BATCH_CAP)
      return mayHoldTerms(this.matcher, this.doc.body ?? this.doc.documentElement);
    const blocks = new Set<Element>();
    const blockOfNode = (n: Node) => {
      const b = blockOf(n);
      if (b) blocks.add(b);
    };
    for (const r of records) {
      if (this.d.isOwn(r.target)) continue;
      if (r.type !== 'childList') {
        blockOfNode(r.target);
        continue;
      }
      for (const n of r.addedNodes) {
        if (this.d.isOwn(n)) continue;
        if (n.nodeType === 1 && isBlockElement(n as Element)) blocks.add(n as Element);
        else blockOfNode(n);
      }
      if (r.removedNodes.length) blockOfNode(r.target);
    }
    for (const b of blocks) if (mayHoldTerms(this.matcher, b)) return true;
    return false;
  }

  private startEngine(): void {
    if (this.engineLoading) return;
    this.unwatch();
    try {
      this.onEngineWanted();
    } catch {
      // Its listener's failure (our host element cannot be made in an XML document) must not
      // keep the terms away.
    }
    const load = this.d.loadEngine ?? loadEngine;
    this.engineLoading = load().then(
      (mod) => {
        const engine = mod.create({
          win: this.d.win,
          data: this.data,
          matcher: this.matcher,
          isOwn: this.d.isOwn,
          hidden: this.hidden,
        });
        const ahead = this.textMatches;
        this.textMatches = null;
        engine.onScanned = () => this.onScanned();
        this.engine = engine;
        void engine.firstScan.then(() => this.firstScanDone());
        if (this.settings) engine.apply(this.settings, this.active, ahead);
      },
      () => {
        // The extension was updated or removed under the page: nothing to paint with.
        this.textMatches = null;
        this.firstScanDone();
      },
    );
  }
}

/**
 * page-terms.js, put into this frame by the background (a classic script: the first dynamic
 * import in an isolated world costs the page more, see tabs.ts injectIntoFrame); imported
 * where that failed.
 */
function loadEngine(): Promise<TermsModule> {
  return sendToBackground({ type: 'load-terms' })
    .catch(() => null)
    .then(() => loadOnNeed('page-terms.js'));
}
