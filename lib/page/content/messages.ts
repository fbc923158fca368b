import { browser } from 'wxt/browser';
import { onRuntimeMessage } from '../../protocol/listen';
import {
  answerContentRequest,
  fromThisExtension,
  type ContentHandlers,
  type ContentRequestType,
} from '../../protocol/to-content';
import type { Interactive } from './interactive';
import type { NotesGate } from './notes-gate';
import type { LazyUi } from './page-ui';
import type { TermsController } from './terms';

export interface Controllers {
  win: Window;
  terms: TermsController;
  gate: NotesGate;
  ui: LazyUi;
}

/**
 * What this content script answers (lib/protocol/to-content.ts), one handler per request,
 * once the UI is loaded (it parses requests in full). Only the top frame answers for the tab
 * (the page report, revealing a note): frames would race it.
 */
function contentHandlers({ win, terms, gate }: Controllers, i: Interactive): ContentHandlers {
  const top = win.top === win;
  const stepTo = (direction: 1 | -1, termId: string | null) => {
    const hit = terms.step(direction, termId);
    if (hit) i.hover.open(hit);
    return hit !== null;
  };
  return {
    'page-report': () => (top ? pageReport(terms, gate) : undefined),
    'note-from-selection': () => i.notes.openEditorForSelection() ?? { ok: false },
    'toggle-highlights': () => toggle(terms, i),
    'navigate-term': (req) => stepTo(req.direction, null),
    'reveal-term': (req) => stepTo(1, req.termId),
    'reveal-note': (req) => (top ? i.notes.reveal(req) : undefined),
    // A frame is only ever opened by a loaded notes controller.
    'note-frame-event': (req) => {
      i.notes.onFrameEvent(req.token, req.event);
      return undefined;
    },
  };
}

const pageReport = (terms: TermsController, gate: NotesGate) =>
  terms.idle().then(() => ({ ...terms.report(), notes: gate.report() }));

const toggle = (terms: TermsController, i: Interactive | null) => {
  const shown = terms.toggle();
  if (!shown) i?.hover.dismiss();
  return shown;
};

/** `{ type }` and nothing else: the requests that carry no data. */
function bare(msg: unknown): ContentRequestType | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const keys = Object.keys(msg);
  if (keys.length !== 1 || keys[0] !== 'type') return null;
  const { type } = msg as { type: unknown };
  return type === 'page-report' || type === 'toggle-highlights' ? type : null;
}

/**
 * Answers our extension's requests (and no one else's). The page report and the highlights'
 * switch are answered without the UI; anything else loads it first, unless this frame has
 * nothing to say (decided at once, so that another frame of the tab can answer instead).
 */
export function listenToExtension(c: Controllers): void {
  const top = c.win.top === c.win;
  onRuntimeMessage((msg, sender) => {
    if (!fromThisExtension(sender, browser.runtime.id)) return undefined;
    const simple = bare(msg);
    if (simple === 'page-report') return top ? pageReport(c.terms, c.gate) : undefined;
    if (simple === 'toggle-highlights') return Promise.resolve(toggle(c.terms, c.ui.loaded));
    const type = typeof msg === 'object' && msg !== null && 'type' in msg ? msg.type : null;
    if (type === 'reveal-note' && !top) return undefined;
    if (type === 'note-from-selection') {
      const sel = c.win.document.getSelection();
      if (!sel || sel.isCollapsed) return undefined;
    }
    if ((type === 'navigate-term' || type === 'reveal-term') && c.terms.layer.size === 0) {
      return Promise.resolve(false);
    }
    if (type === 'note-frame-event' && !c.ui.loaded) return undefined;
    return c.ui.get().then((i) => {
      const req = i.parse(msg);
      return req ? answerContentRequest(contentHandlers(c, i), req) : undefined;
    });
  });
}
