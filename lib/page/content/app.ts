import { browser } from 'wxt/browser';
import matcherData from '../../../glossary/generated/matcher.json';
import type { MatcherData } from '../../shared/glossary/compile';
import { caretAt } from '../highlight/caret';
import { firstNode, HighlightLayer, type Hit } from '../highlight/layer';
import { intersectionWatcher, ViewportRanges } from '../highlight/viewport-ranges';
import { HoverIntent } from '../hover/hover-intent';
import {
  CUSTOM_GLOSSARY_STAMP,
  withCustomTerms,
  type CustomPatterns,
} from '../../shared/glossary/custom-matcher';
import { buildMatcher } from '../match/load';
import { fromThisExtension, parseContentRequest, type PageReport } from '../../protocol/messages';
import { planRescan } from '../scan/mutations';
import { Scanner } from '../scan/scanner';
import { afterFirstPaint, afterNextFrame } from '../scan/start';
import { makeYield } from '../scan/yield';
import { termFilter, termHighlightName } from '../../shared/settings/apply';
import { DEFAULT_SETTINGS, isActiveOn, type Settings } from '../../shared/settings/settings';
import { loadSettings, onSettingsChanged } from '../../shared/settings/store';
import { DEFAULT_SITES } from '../../shared/sites';
import { NotesController } from './notes';
import { Tooltip, type TermDetails } from '../../../components/page/tooltip';

/**
 * Above this many matches only those near the viewport are registered (see ViewportRanges).
 * Until then everything found is registered, and each registry change costs Chromium's next
 * frame ~7 µs per registered range (bench): at 1,500 the 1 MB page's first frame took 48 ms.
 */
const VIRTUALIZE_ABOVE = 500;

/** Wires scanning, painting, mutation tracking, hover and messages for one document. */
export function startPolicyLens(win: Window & typeof globalThis): void {
  const doc = win.document;
  const bundled = matcherData as MatcherData;
  let data = bundled;
  const matcher = buildMatcher(data);
  const highlight = new Highlight();
  let highlightName = termHighlightName(DEFAULT_SETTINGS.termStyle);
  win.CSS.highlights.set(highlightName, highlight);
  const registry = new ViewportRanges(highlight, VIRTUALIZE_ABOVE, intersectionWatcher(win), {
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    now: () => win.performance.now(),
  });
  const layer = new HighlightLayer(registry);
  let accept: (term: number) => boolean = () => true;
  let active = false;
  let firstFlushDone = false;
  const scanner = new Scanner(doc, matcher, layer, {
    yieldToPage: makeYield(win),
    makeRange: (startContainer, startOffset, endContainer, endOffset) =>
      new StaticRange({ startContainer, startOffset, endContainer, endOffset }),
    isVisible: (el) =>
      typeof el.checkVisibility === 'function'
        ? el.checkVisibility({ visibilityProperty: true })
        : true,
    acceptTerm: (term) => accept(term),
    firstSliceMs: 16,
    longSliceMs: 20,
    inputPending: inputPendingOf(win),
    // The first screenful and a finished scan are registered at once, not at the next batch.
    afterSlice: (more) => {
      if (!more || !firstFlushDone) registry.flushNow();
      firstFlushDone = true;
    },
  });
  let tooltip: Tooltip | null = null;
  const tooltipDisplay: Tooltip['display'] = {
    language: DEFAULT_SETTINGS.tooltipLanguage,
    showPinyin: DEFAULT_SETTINGS.showPinyin,
  };
  const isOwn = (n: Node) =>
    n.nodeName === 'POLICY-LENS-UI' || (tooltip?.host.contains(n) ?? false);

  let firstScanDone: () => void = () => {};
  const firstScan = new Promise<void>((resolve) => (firstScanDone = resolve));

  // Start once the page's first contentful paint is presented: its style and layout are then
  // done by the browser's rendering step (not forced inside our first slice by checkVisibility),
  // and its raster, on other threads, no longer competes with the scan. On 2 cores that
  // competition made the sample article's scan take 4-16 ms instead of 4-6 (bench, 11 runs).
  afterFirstPaint(win, () => {
    void loadSettings()
      .catch(() => DEFAULT_SETTINGS)
      .then((s) => applySettings(s));
  });
  onSettingsChanged((s) => applySettings(s));

  // The reader's own glossary terms (options page): merged into one trie with ours.
  let settings = DEFAULT_SETTINGS;
  const loadCustomTerms = async () => {
    const custom = await browser.runtime
      .sendMessage({ type: 'get-custom-terms' })
      .catch(() => [] as unknown);
    const next = Array.isArray(custom)
      ? withCustomTerms(bundled, custom as CustomPatterns[])
      : bundled;
    if (next === data || (next === bundled && data === bundled)) return;
    data = next;
    details.clear();
    scanner.setMatcher(buildMatcher(data));
    applySettings(settings);
  };
  // Asked after the first scan, like notes: the message wakes the service worker, whose
  // start-up would otherwise compete with the scan for the CPU. Custom terms come with a
  // re-scan either way.
  void firstScan.then(loadCustomTerms);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[CUSTOM_GLOSSARY_STAMP]) void loadCustomTerms();
  });

  /** Applies reader settings to an open page, without a reload. */
  const applySettings = (s: Settings) => {
    settings = s;
    const name = termHighlightName(s.termStyle);
    if (name !== highlightName) {
      win.CSS.highlights.delete(highlightName);
      win.CSS.highlights.set(name, highlight);
      highlightName = name;
    }
    tooltipDisplay.language = s.tooltipLanguage;
    tooltipDisplay.showPinyin = s.showPinyin;
    intent.setShowDelay(s.tooltipDelayMs);
    accept = termFilter(s, data.entryIds, data.categories);
    const wasActive = active;
    active = isActiveOn(win.location.hostname, s, DEFAULT_SITES);
    notes.setActive(active);
    if (!active) {
      firstScanDone();
      observer.disconnect();
      pending = [];
      intent.dismiss();
      layer.clear();
      return;
    }
    if (!wasActive) observe();
    const first = !scanner.stats.slices;
    if (first) performance.mark('policy-lens:scan-start');
    void scanner.scanDocument().then(() => {
      if (!first) return;
      performance.measure('policy-lens:scan', 'policy-lens:scan-start');
      firstScanDone();
    });
  };

  // --- Late content: re-scan only the touched flows. The first batch of a frame is scanned
  // at once (its highlights then show in the frame that shows the content, with no extra frame);
  // any later batch in the same frame waits for the next one, so a page that mutates
  // continuously costs at most one scan per frame.
  let pending: MutationRecord[] = [];
  let overflow = false;
  let flushScheduled = false;
  let scannedThisFrame = false;
  const flush = () => {
    flushScheduled = false;
    keepTermHighlight();
    const records = pending;
    pending = [];
    if (overflow) {
      overflow = false;
      layer.sweepDisconnected();
      void scanner.scanDocument();
      return;
    }
    const plan = planRescan(records, isOwn);
    if (plan.removals) layer.sweepDisconnected();
    if (plan.full) void scanner.scanDocument();
    else if (plan.regions.length) void scanner.enqueue(plan.regions);
  };
  const observer = new MutationObserver((records) => {
    if (overflow) return;
    pending.push(...records);
    // Past this a full re-scan is cheaper; drop the records instead of holding their nodes.
    if (pending.length > 1000) {
      overflow = true;
      pending = [];
    }
    if (flushScheduled) return;
    if (!scannedThisFrame) {
      scannedThisFrame = true;
      win.requestAnimationFrame(() => (scannedThisFrame = false));
      flush();
      return;
    }
    flushScheduled = true;
    afterNextFrame(win, flush);
  });
  const observe = () =>
    observer.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'class', 'style', 'contenteditable', 'open'],
    });

  // --- Hover: pointer → caret → match → tooltip. ---
  const details = new Map<number, Promise<TermDetails | null>>();
  const fetchDetails = (term: number) => {
    let p = details.get(term);
    if (!p) {
      const id = data.entryIds[term]!;
      p = browser.runtime
        .sendMessage({ type: 'get-term', id })
        .then((r: unknown) => (r && typeof r === 'object' ? (r as TermDetails) : null))
        .catch(() => null);
      details.set(term, p);
    }
    return p;
  };
  let pointer: { x: number; y: number } | null = null;
  const ensureTooltip = () => {
    if (tooltip) return tooltip;
    const t = new Tooltip(doc);
    t.display = tooltipDisplay;
    t.onPointerEnter = () => intent.overTooltip();
    t.onPointerLeave = () => intent.over(null);
    t.onReferenceHidden = () => intent.dismiss();
    tooltip = t;
    notes.decorateTooltip(t, () =>
      intent.current ? data.entryIds[intent.current.term] : undefined,
    );
    return t;
  };
  // Notes: capture, anchoring, note cards (lib/page/content/notes.ts).
  const notes = new NotesController({
    win,
    doc,
    termLayer: layer,
    entryIds: data.entryIds,
    host: ensureTooltip,
  });
  // Notes load after the first scan: their messages and anchoring would otherwise land
  // between its slices and hold the page's highlights back.
  notes.start(firstScan);
  const intent: HoverIntent<Hit> = new HoverIntent<Hit>({
    showDelay: DEFAULT_SETTINGS.tooltipDelayMs,
    switchDelay: 80,
    hideDelay: 300,
    setTimer: (fn, ms) => win.setTimeout(fn, ms),
    clearTimer: (id) => win.clearTimeout(id),
    show: (hit) => {
      const at = pointer;
      void fetchDetails(hit.term).then((d) => {
        if (!d || intent.current !== hit) return;
        const r = doc.createRange();
        r.setStart(hit.range.startContainer, hit.range.startOffset);
        r.setEnd(hit.range.endContainer, hit.range.endOffset);
        ensureTooltip().show(d, r, at);
      });
    },
    hide: () => {
      tooltip?.hide();
    },
  });
  // The page shares the highlight registry: it can delete our entry or empty our Highlight.
  // Checked where the reader would notice (pointer, mutations, returning to the tab).
  const keepTermHighlight = () => {
    if (hidden || !active) return;
    if (win.CSS.highlights.get(highlightName) !== highlight) {
      win.CSS.highlights.set(highlightName, highlight);
    }
    registry.restoreIfCleared();
  };
  doc.addEventListener('visibilitychange', keepTermHighlight);
  let frame = 0;
  const check = () => {
    frame = 0;
    keepTermHighlight();
    if (!pointer || hidden || !active) return;
    const caret = caretAt(doc, pointer.x, pointer.y);
    const hit = caret ? layer.hitAt(caret.node, caret.index) : undefined;
    if (hit) void fetchDetails(hit.term); // warm the cache while the delay runs
    intent.over(hit ?? null);
    notes.pointerAt(caret, pointer);
  };
  doc.addEventListener(
    'pointermove',
    (e) => {
      // A page can dispatch made-up pointer events; only the reader's move the hover.
      if (!e.isTrusted || e.pointerType === 'touch') return;
      if (tooltip && e.target === tooltip.host) {
        intent.overTooltip();
        return;
      }
      pointer = { x: e.clientX, y: e.clientY };
      if (!frame) frame = win.requestAnimationFrame(check);
    },
    { capture: true, passive: true },
  );
  doc.documentElement.addEventListener(
    'pointerleave',
    (e) => {
      if (e.isTrusted) intent.over(null);
    },
    { passive: true },
  );
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted) return;
      if (e.key === 'Escape' && (intent.current || tooltip?.visible)) intent.dismiss();
    },
    { capture: true },
  );

  // --- Messages. ---
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if (!fromThisExtension(sender, browser.runtime.id)) return undefined;
    const req = parseContentRequest(msg);
    if (!req) return undefined;
    // Only the top frame answers for the tab; frames would race it.
    if (req.type === 'note-from-selection') return notes.openEditorForSelection();
    if (req.type === 'reveal-note' && win.top === win) return Promise.resolve(notes.reveal(req));
    if (req.type === 'note-frame-event') {
      notes.onFrameEvent(req.token, req.event);
      return undefined;
    }
    if (req.type === 'page-report' && win.top === win) {
      if (!active) return Promise.resolve(pageReport());
      return scanner.idle().then(() => pageReport());
    }
    if (req.type === 'toggle-highlights') return Promise.resolve(toggleHighlights());
    if (req.type === 'navigate-term') return Promise.resolve(navigate(req.direction, null));
    if (req.type === 'reveal-term') {
      const term = data.entryIds.indexOf(req.termId);
      return Promise.resolve(term >= 0 && navigate(1, term));
    }
    return undefined;
  });

  // --- Keyboard and popup navigation: next/previous highlighted term, tooltip open. ---
  let hidden = false;
  const toggleHighlights = (): boolean => {
    hidden = !hidden;
    if (hidden) {
      win.CSS.highlights.delete(highlightName);
      intent.dismiss();
    } else {
      win.CSS.highlights.set(highlightName, highlight);
    }
    return !hidden;
  };
  let lastRevealed: Hit | null = null;
  /** Moves to the next (or previous) hit after the last one shown, or after the viewport top. */
  const navigate = (direction: 1 | -1, term: number | null): boolean => {
    if (!active || hidden) return false;
    const hits = [...layer.hits()].filter((h) => term === null || h.term === term);
    if (hits.length === 0) return false;
    hits.sort(compareHits);
    let i: number;
    const at = lastRevealed && hits.indexOf(lastRevealed);
    if (at !== null && at >= 0) i = at + direction;
    else {
      // First move: the first hit below the top of the viewport (or the last above it).
      const firstBelow = hits.findIndex((h) => rangeRect(doc, h).top >= 0);
      i =
        direction === 1 ? Math.max(0, firstBelow) : (firstBelow < 0 ? hits.length : firstBelow) - 1;
    }
    i = (i + hits.length) % hits.length;
    const hit = hits[i]!;
    lastRevealed = hit;
    firstNode(hit).parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    pointer = null;
    intent.open(hit);
    return true;
  };

  const pageReport = (): PageReport => {
    const counts = new Map<number, number>();
    for (const hit of layer.hits()) counts.set(hit.term, (counts.get(hit.term) ?? 0) + 1);
    const { ms, busyMs, chars, textNodes, longestSliceMs, slices, walkSkipped } = scanner.stats;
    return {
      url: win.location.href,
      title: doc.title,
      terms: [...counts]
        .map(([term, count]) => ({ termId: data.entryIds[term]!, count }))
        .sort((a, b) => b.count - a.count || a.termId.localeCompare(b.termId)),
      scan: {
        ms: round(ms),
        busyMs: round(busyMs),
        chars,
        textNodes,
        longestSliceMs: round(longestSliceMs),
        slices,
        walkSkipped,
      },
      highlights: layer.size,
      registered: registry.registered,
      active,
      notes: notes.report(),
    };
  };
}

function compareHits(a: Hit, b: Hit): number {
  const x = a.range;
  const y = b.range;
  if (x.startContainer === y.startContainer) return x.startOffset - y.startOffset;
  return x.startContainer.compareDocumentPosition(y.startContainer) & 4 ? -1 : 1;
}

function rangeRect(doc: Document, hit: Hit): DOMRect {
  const r = doc.createRange();
  r.setStart(hit.range.startContainer, hit.range.startOffset);
  r.setEnd(hit.range.endContainer, hit.range.endOffset);
  return r.getBoundingClientRect();
}

/** isInputPending, including continuous input (pointer moves, wheel), where Chromium has it. */
function inputPendingOf(win: Window): (() => boolean) | undefined {
  const scheduling = (
    win.navigator as Navigator & {
      scheduling?: { isInputPending?: (o?: { includeContinuous?: boolean }) => boolean };
    }
  ).scheduling;
  const fn = scheduling?.isInputPending;
  if (typeof fn !== 'function') return undefined;
  const opts = { includeContinuous: true };
  return () => fn.call(scheduling, opts);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
