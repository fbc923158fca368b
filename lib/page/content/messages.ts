import { browser } from 'wxt/browser';
import { onRuntimeMessage } from '../../protocol/listen';
import {
  answerContentRequest,
  fromThisExtension,
  type ContentHandlers,
} from '../../protocol/to-content';
import type { HoverController } from './hover';
import type { NotesGate } from './notes-gate';
import type { LazyNotes } from './page-ui';
import type { TermsController } from './terms';

export interface Controllers {
  win: Window;
  terms: TermsController;
  hover: HoverController;
  notes: LazyNotes;
  gate: NotesGate;
}

/**
 * What this content script answers (lib/protocol/to-content.ts), one handler per request.
 * Only the top frame answers for the tab (the page report, revealing a note): frames would
 * race it.
 */
export function contentHandlers({ win, terms, hover, notes, gate }: Controllers): ContentHandlers {
  const top = win.top === win;
  const stepTo = (direction: 1 | -1, termId: string | null) => {
    const hit = terms.step(direction, termId);
    if (hit) hover.open(hit);
    return hit !== null;
  };
  return {
    'page-report': () =>
      top ? terms.idle().then(() => ({ ...terms.report(), notes: gate.report() })) : undefined,
    // Only a frame with a selection answers (the others would race it with nothing).
    'note-from-selection': () => {
      const sel = win.document.getSelection();
      if (!sel || sel.isCollapsed) return undefined;
      return notes.get().then((n) => n.openEditorForSelection() ?? { ok: false });
    },
    'toggle-highlights': () => {
      const shown = terms.toggle();
      if (!shown) hover.dismiss();
      return shown;
    },
    'navigate-term': (req) => stepTo(req.direction, null),
    'reveal-term': (req) => stepTo(1, req.termId),
    'reveal-note': (req) => (top ? notes.get().then((n) => n.reveal(req)) : undefined),
    // A frame is only ever opened by a loaded notes controller.
    'note-frame-event': (req) => {
      notes.loaded?.onFrameEvent(req.token, req.event);
      return undefined;
    },
  };
}

/** Answers our extension's requests (and no one else's). */
export function listenToExtension(handlers: ContentHandlers): void {
  onRuntimeMessage((msg, sender) =>
    fromThisExtension(sender, browser.runtime.id) ? answerContentRequest(handlers, msg) : undefined,
  );
}
