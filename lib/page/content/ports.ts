import type { PassageMatch } from '../../protocol/to-background';
import type { ContentRequestOf, NoteFrameEvent, NotesReport } from '../../protocol/to-content';
import type { CitationFormat } from '../../shared/citation/formats';
import type { TermDetailsData } from '../../shared/glossary/lookup';
import type { NoteLabels } from '../../shared/notes/labels';
import type { CaretHit } from '../highlight/caret';

/**
 * What the content script's controllers need from the on-page UI (components/page/), which
 * implements these. Controllers are handed a UI (or a way to make one) by the entry point, so
 * logic here never imports a component and the UI can load when first needed.
 */

/** The one `<policy-lens-ui>` host and its closed shadow root, which all our UI shares. */
export interface UiHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Puts the host into the page (once): for UI the reader asked for, or where terms may show. */
  attach(): void;
  /** Puts it in once the page may have it whatever notes exist (see PageUiHost). */
  attachWhenAllowed(): void;
}

export type Point = { x: number; y: number };

export interface TooltipView {
  readonly visible: boolean;
  /** Reader settings for the card. */
  display: { language: 'both' | 'zh' | 'en'; showPinyin: boolean };
  /** When set, the card offers "Add note" for the phrase it explains. */
  addNote: { label: string; onClick: (range: Range) => void } | null;
  /**
   * Copies a term's citation (the background composes and writes it; no format: the reader's
   * default). Resolves to whether it was copied.
   */
  cite: ((termId: string, format?: CitationFormat) => Promise<boolean>) | null;
  /** A related term's details, shown in the card when the reader follows it. */
  fetchTerm: ((id: string) => Promise<TermDetailsData | null>) | null;
  /** A menu in the card is open: Escape closes it, not the card. */
  readonly menuOpen: boolean;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  /** The phrase scrolled away or left the page. */
  onReferenceHidden: () => void;
  show(details: TermDetailsData, range: Range, pointer: Point | null): void;
  hide(): void;
}

/**
 * The note UI on the page: the "Add note" button by a selection, the panel holding the note
 * frame (an extension page: no note text passes through here), and a toast.
 */
export interface NotesView {
  mode: 'none' | 'editor' | 'card';
  /** The ticket of the frame's current content, if any. */
  token: string | null;
  /** The note shown in the card, if any. */
  cardNoteId: string | null;
  onPanelPointerEnter: () => void;
  onPanelPointerLeave: () => void;
  onCardReferenceHidden: () => void;
  readonly labels: NoteLabels;
  /** Read afresh (after an await, the mode may have changed). */
  readonly editing: boolean;
  /** True while the pointer is over the panel, or an editor is open. */
  readonly panelPinned: boolean;
  showButton(range: Range, onClick: () => void): void;
  hideButton(): void;
  openFrame(
    token: string,
    mode: 'editor' | 'card',
    range: Range,
    pointer: Point | null,
    noteId: string | null,
  ): void;
  focusFrame(): void;
  setFrameHeight(height: number): void;
  closePanel(): void;
  toast(message: string, action?: { label: string; onClick: () => void }, ms?: number): void;
  installStyles(): void;
}

/** What the notes controller (lib/page/content/notes.ts, loaded on need) offers the rest. */
export interface NotesPort {
  /** Listens for selections and pointers now; loads the page's notes once `loadAfter` settles. */
  start(loadAfter: Promise<unknown>): void;
  setActive(active: boolean): void;
  /** The hover loop's character under the pointer. */
  pointerAt(caret: CaretHit | null, pointer: Point | null): void;
  /** Shows "Add note" by the selection, when it is one a note can be made on. */
  checkSelection(): void;
  /** Offers "Add note" in a term's tooltip. */
  decorateTooltip(t: Pick<TooltipView, 'addNote'>, termIdOf: () => string | undefined): void;
  openEditorForSelection(): Promise<{ ok: boolean }> | undefined;
  reveal(req: ContentRequestOf<'reveal-note'>): { found: boolean };
  onFrameEvent(token: string, event: NoteFrameEvent): void;
  /** Notes made elsewhere whose passage the background found among this page's fingerprints. */
  showElsewhere(passages: PassageMatch[]): void;
  report(): NotesReport;
}
