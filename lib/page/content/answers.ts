import {
  answerContentRequest,
  parseContentRequest,
  type ContentHandlers,
  type PageReport,
} from '../../protocol/to-content';
import type { HoverController } from './hover';
import type { NotesPort } from './ports';
import { stepper } from './step';
import type { TermsController } from './terms';

export interface AnswerDeps {
  win: Window;
  terms: TermsController;
  hover: HoverController;
  notes: NotesPort;
  pageReport: () => Promise<PageReport>;
}

/**
 * What this content script answers (lib/protocol/to-content.ts), one handler per request,
 * each request checked in full first. Only the top frame answers for the tab (the page report,
 * revealing a note): frames would race it.
 */
export function contentAnswers(d: AnswerDeps): (msg: unknown) => Promise<unknown> | undefined {
  const { win, terms, hover, notes } = d;
  const top = win.top === win;
  const step = stepper(terms, win.document);
  const stepTo = (direction: 1 | -1, termId: string | null) => {
    const hit = step(direction, termId);
    if (hit) hover.open(hit);
    return hit !== null;
  };
  const handlers: ContentHandlers = {
    'page-report': () => (top ? d.pageReport() : undefined),
    'note-from-selection': () => notes.openEditorForSelection() ?? { ok: false },
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
  return (msg) => {
    const req = parseContentRequest(msg);
    return req ? answerContentRequest(handlers, req) : undefined;
  };
}
