import { browser } from 'wxt/browser';
import type { PageMatcherData } from '../../shared/glossary/page-matcher';
import { CUSTOM_GLOSSARY_STAMP } from '../../shared/glossary/custom-matcher';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings/settings';
import { loadSettings, onSettingsChanged } from '../../shared/settings/store';
import { sendToBackground } from '../../protocol/send';
import { afterFirstPaint, afterNextFrame } from '../scan/after-paint';
import { probeHover } from './hover-probe';
import { logTermsAfterScans } from './log-terms';
import { listenToExtension, pageReport } from './messages';
import { onFirstInteraction } from './first-interaction';
import { NotesGate } from './notes-gate';
import { LazyUi } from './page-ui';
import { TermsController } from './terms';
import { PageUiHost } from './ui-host';

/**
 * Policy Lens on one document. Every page runs the terms (scan, paint, re-scan), the check for
 * notes and the answers to the extension; the hover and its tooltip, the notes controller and
 * Preact load on first need (page-ui.ts): a page with nothing to show never loads them.
 */
export function startPolicyLens(win: Window & typeof globalThis, matcher: PageMatcherData): void {
  const doc = win.document;
  const host = new PageUiHost(doc);
  const terms = new TermsController({ win, matcher, isOwn: (n) => host.owns(n) });
  terms.onScanned = logTermsAfterScans(win, terms);
  let settings = DEFAULT_SETTINGS;
  let active = false;
  const ui: LazyUi = new LazyUi(() => ({
    win,
    terms,
    host,
    settings,
    active,
    pageReport: () => pageReport(terms, gate),
  }));
  const gate = new NotesGate({ win, host, ui });

  const apply = (s: Settings) => {
    settings = s;
    active = terms.apply(s);
    gate.setActive(active);
    const i = ui.loaded;
    if (!i) return;
    i.hover.apply(s);
    i.notes.setActive(active);
    if (!active) i.hover.dismiss();
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
  // What follows the first scan waits until its highlights are painted: the messages'
  // serialisation (and, on a page where the host comes at the first interaction, its style)
  // would otherwise land in that frame (bench, page A: the frame that shows the highlights).
  const scanPainted = terms.firstScan.then(
    () => new Promise<void>((resolve) => afterNextFrame(win, resolve)),
  );
  void scanPainted.then(loadCustomTerms);
  // Our host element: where the terms' engine is wanted (decided by the page's text and
  // structure, and the reader's terms: public, or shown by the highlights anyway), before their
  // highlights are registered — put in after them, it made the browser repaint every highlight
  // (traces of page A: a second full paint, 2-6 ms of CPU; ~0.2 ms before them); elsewhere at
  // the first interaction. Never because of notes.
  terms.onEngineWanted = () => host.attach();
  void scanPainted.then(() => {
    if (!terms.engineWanted) onFirstInteraction(win, () => host.allow());
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[CUSTOM_GLOSSARY_STAMP]) void loadCustomTerms();
  });
  // Notes are asked for after the first scan: their messages and anchoring would otherwise
  // land between its slices and hold the page's highlights back.
  gate.start(scanPainted);
  // The pointer resting on a term loads the UI; the hover takes over from where it rests.
  probeHover(
    win,
    terms,
    (x, y, since) =>
      void ui.get().then(
        (i) => i.hover.moved(x, y, since),
        () => {},
      ),
  );

  listenToExtension({ win, terms, gate, ui });
}
