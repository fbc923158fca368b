import { browser } from 'wxt/browser';
import { onRuntimeMessage } from '../../protocol/listen';
import { fromThisExtension } from '../../protocol/to-content';
import type { NotesGate } from './notes-gate';
import type { LazyUi } from './page-ui';
import type { TermsController } from './terms';

export interface Listening {
  win: Window;
  terms: TermsController;
  gate: NotesGate;
  ui: LazyUi;
}

/** The page report: the terms' part and the notes' (from the gate, or the loaded controller). */
export function pageReport(terms: TermsController, gate: NotesGate) {
  // After the first scan: before the settings are read, a page would report itself switched
  // off (the side panel asks as soon as a tab has loaded).
  return terms.firstScan
    .then(() => terms.idle())
    .then(() => ({ ...terms.report(), notes: gate.report() }));
}

/** `{ type }` and nothing else, for the two requests every page answers without the UI. */
function bare(msg: unknown): 'page-report' | 'toggle-highlights' | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const keys = Object.keys(msg);
  if (keys.length !== 1 || keys[0] !== 'type') return null;
  const { type } = msg as { type: unknown };
  return type === 'page-report' || type === 'toggle-highlights' ? type : null;
}

/**
 * Answers our extension's requests (and no one else's). The page report and the highlights'
 * switch are answered here; anything else is checked and answered by the UI (answers.ts),
 * loaded for it, unless this frame has nothing to say — decided at once, so that another frame
 * of the tab answers instead.
 */
export function listenToExtension(c: Listening): void {
  const top = c.win.top === c.win;
  onRuntimeMessage((msg, sender) => {
    if (!fromThisExtension(sender, browser.runtime.id)) return undefined;
    const simple = bare(msg);
    if (simple === 'page-report') return top ? pageReport(c.terms, c.gate) : undefined;
    if (simple === 'toggle-highlights') {
      const shown = c.terms.toggle();
      if (!shown) c.ui.loaded?.hover.dismiss();
      return Promise.resolve(shown);
    }
    const type = typeof msg === 'object' && msg !== null && 'type' in msg ? msg.type : null;
    if (type === 'reveal-note' && !top) return undefined;
    if (type === 'note-from-selection' && c.win.document.getSelection()?.isCollapsed !== false) {
      return undefined;
    }
    if ((type === 'navigate-term' || type === 'reveal-term') && c.terms.layer.size === 0) {
      return Promise.resolve(false);
    }
    if (type === 'note-frame-event' && !c.ui.loaded) return undefined;
    return c.ui.get().then((i) => i.answer(msg));
  });
}
