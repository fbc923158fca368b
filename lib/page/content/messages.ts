import { browser } from 'wxt/browser';
import { onRuntimeMessage } from '../../protocol/listen';
import {
  answerContentRequest,
  fromThisExtension,
  type ContentHandlers,
} from '../../protocol/to-content';
import type { HoverController } from './hover';
import type { NotesController } from './notes';
import type { TermsController } from './terms';

export interface Controllers {
  win: Window;
  terms: TermsController;
  hover: HoverController;
  notes: NotesController;
}

/**
 * What this content script answers (lib/protocol/to-content.ts), one handler per request.
 * Only the top frame answers for the tab (the page report, revealing a note): frames would
 * race it.
 */
export function contentHandlers({ win, terms, hover, notes }: Controllers): ContentHandlers {
  const top = win.top === win;
  const stepTo = (direction: 1 | -1, termId: string | null) => {
    const hit = terms.step(direction, termId);
    if (hit) hover.open(hit);
    return hit !== null;
  };
  return {
    'page-report': () =>
      top ? terms.idle().then(() => ({ ...terms.report(), notes: notes.report() })) : undefined,
    'note-from-selection': () => notes.openEditorForSelection(),
    'toggle-highlights': () => {
      const shown = terms.toggle();
      if (!shown) hover.dismiss();
      return shown;
    },
    'navigate-term': (req) => stepTo(req.direction, null),
    'reveal-term': (req) => stepTo(1, req.termId),
    'reveal-note': (req) => (top ? notes.reveal(req) : undefined),
    'note-frame-event': (req) => {
      notes.onFrameEvent(req.token, req.event);
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
