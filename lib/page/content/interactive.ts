import { sendToBackground } from '../../protocol/send';
import type { PageReport } from '../../protocol/to-content';
import { contentAnswers } from './answers';
import type { Settings } from '../../shared/settings/settings';
import { HoverController } from './hover';
import { NotesController } from './notes';
import type { NotesPort, NotesView, TooltipView, UiHost } from './ports';
import type { TermsController } from './terms';

export interface InteractiveDeps {
  win: Window & typeof globalThis;
  terms: TermsController;
  host: UiHost & { owns(n: Node): boolean };
  settings: Settings;
  active: boolean;
  pageReport: () => Promise<PageReport>;
}

/** The UI components (components/page/), handed in by entrypoints/page-ui.ts. */
export interface PageComponents {
  tooltip(doc: Document, host: UiHost): TooltipView;
  notesView(doc: Document, host: () => UiHost): NotesView;
}

/** What the page can do once the UI is loaded: hover with its tooltip, and notes. */
export interface Interactive {
  hover: HoverController;
  notes: NotesPort;
  /** Checks a request from the extension in full and answers it (answers.ts). */
  answer: (msg: unknown) => Promise<unknown> | undefined;
}

/**
 * Starts the hover (with the tooltip) and the notes controller, on the terms and host the
 * content script made. Runs in page-ui.js, in the content script's isolated world.
 */
export function startInteractive(d: InteractiveDeps, ui: PageComponents): Interactive {
  const { win, terms, host } = d;
  const doc = win.document;
  const notes = new NotesController({
    win,
    doc,
    termLayer: terms.layer,
    termId: (term) => terms.termId(term),
    host: () => host,
    ui: ui.notesView(doc, () => host),
  });
  const fetchTerm = (id: string) => sendToBackground({ type: 'get-term', id });
  const hover: HoverController = new HoverController({
    win,
    terms,
    makeTooltip: () => {
      const t = ui.tooltip(doc, host);
      t.fetchTerm = fetchTerm;
      t.cite = (termId, format) =>
        sendToBackground({ type: 'copy-citation', termId, ...(format ? { format } : {}) }).then(
          (r) => r.ok,
          () => false,
        );
      return Promise.resolve(t);
    },
    fetchTerm,
    onCaret: (caret, pointer) => notes.pointerAt(caret, pointer),
    isOurUi: (target) => target === host.host,
    onTooltip: (t) => notes.decorateTooltip(t, () => hover.currentTermId),
  });
  hover.apply(d.settings);
  notes.setActive(d.active);
  notes.start(Promise.resolve());
  const answer = contentAnswers({ win, terms, hover, notes, pageReport: d.pageReport });
  return { hover, notes, answer };
}
