import { browser } from 'wxt/browser';
import type { MatcherData } from '../../shared/glossary/compile';
import { CUSTOM_GLOSSARY_STAMP } from '../../shared/glossary/custom-matcher';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings/settings';
import { loadSettings, onSettingsChanged } from '../../shared/settings/store';
import { sendToBackground } from '../../protocol/send';
import { afterFirstPaint } from '../scan/after-paint';
import { HoverController } from './hover';
import { contentHandlers, listenToExtension } from './messages';
import { NotesGate } from './notes-gate';
import { LazyNotes, loadPageUi } from './page-ui';
import { TermsController } from './terms';
import { PageUiHost } from './ui-host';

/**
 * Policy Lens on one document: the terms, the hover and its tooltip, the notes, and the
 * extension's requests, each a controller of its own; this only connects them. What every page
 * runs is the scan and the check for notes; the tooltip and the notes controller (and Preact,
 * with them) load on first need (page-ui.ts).
 */
export function startPolicyLens(win: Window & typeof globalThis, matcher: MatcherData): void {
  const doc = win.document;
  const host = new PageUiHost(doc);
  const terms = new TermsController({ win, matcher, isOwn: (n) => host.owns(n) });
  const notes = new LazyNotes({
    win,
    doc,
    termLayer: terms.layer,
    termId: (term) => terms.termId(term),
    host: () => host,
  });
  const gate = new NotesGate({ win, host, notes });
  const hover: HoverController = new HoverController({
    win,
    terms,
    makeTooltip: () => loadPageUi().then((ui) => ui.tooltip(doc, host)),
    fetchTerm: (id) => sendToBackground({ type: 'get-term', id }),
    onCaret: (caret, pointer) => notes.loaded?.pointerAt(caret, pointer),
    isOurUi: (target) => target === host.host,
    onTooltip: (t) => void notes.get().then((n) => n.decorateTooltip(t, () => hover.currentTermId)),
  });

  const apply = (s: Settings) => {
    hover.apply(s);
    const active = terms.apply(s);
    gate.setActive(active);
    if (!active) hover.dismiss();
  };
  // Start once the page's first contentful paint is presented: its style and layout are then
  // done by the browser's rendering step (not forced inside our first slice by checkVisibility),
  // and its raster, on other threads, no longer competes with the scan. On 2 cores that
  // competition made the sample article's scan take 4-16 ms instead of 4-6 (bench, 11 runs).
  afterFirstPaint(win, () => {
    void loadSettings()
      .catch(() => DEFAULT_SETTINGS)
      .then(apply);
  });
  onSettingsChanged(apply);

  // The reader's own terms are asked for after the first scan, like notes: the message wakes
  // the service worker, whose start-up would otherwise compete with the scan for the CPU.
  const loadCustomTerms = () =>
    sendToBackground({ type: 'get-custom-terms' }).then(
      (custom) => terms.setCustomTerms(custom),
      () => {},
    );
  void terms.firstScan.then(loadCustomTerms);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[CUSTOM_GLOSSARY_STAMP]) void loadCustomTerms();
  });
  // Notes are asked for after the first scan: their messages and anchoring would otherwise
  // land between its slices and hold the page's highlights back.
  gate.start(terms.firstScan);

  listenToExtension(contentHandlers({ win, terms, hover, notes, gate }));
}
