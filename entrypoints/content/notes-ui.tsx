import type { Placement } from '../../lib/highlight/place';
import { render } from 'preact';
import { NoteCard } from '../../components/NoteCard';
import { NoteEditor } from '../../components/NoteEditor';
import type { NoteLabels } from '../../components/NoteLabels';
import { NoteOrphans, type OrphanNote } from '../../components/NoteOrphans';
import { isDarkBehind } from '../../lib/highlight/theme';
import type { Note } from '../../lib/notes/types';
import { floatBeside } from './float';
import notesCss from './notes.css?inline';

/** The shadow root the note UI lives in: the one `<policy-lens-ui>` host (tooltip.tsx). */
export interface UiHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  attach(): void;
}

export interface EditorOptions {
  range: Range;
  quote: string;
  text?: string;
  tags?: readonly string[];
  /** Resolves to an error message to show, or null when saved. */
  onSave: (text: string, tags: string[]) => Promise<string | null>;
  onClose: () => void;
}

export interface CardOptions {
  note: Note;
  range: Range;
  pointer: { x: number; y: number } | null;
  onEdit: () => void;
  /** Resolves to an error message to show, or null when done. */
  onDelete: () => Promise<string | null>;
}

/**
 * The on-page note UI: the "Add note" button by a selection, the note editor, the note card
 * shown over a painted note, a toast (saved / deleted + Undo / errors) and the list of notes
 * not found on the page. Everything is rendered as text into the closed shadow root.
 */
export class NotesUi {
  private els: {
    button: HTMLButtonElement;
    panel: HTMLDivElement;
    toast: HTMLDivElement;
    orphans: HTMLDivElement;
  } | null = null;
  private stopButton: (() => void) | null = null;
  private stopPanel: (() => void) | null = null;
  private onButton: (() => void) | null = null;
  private toastTimer = 0;
  private orphanState = { open: false, closed: false };
  mode: 'none' | 'editor' | 'card' = 'none';
  /** The note shown in the card, if any. */
  cardNoteId: string | null = null;
  onPanelPointerEnter: () => void = () => {};
  onPanelPointerLeave: () => void = () => {};
  onCardReferenceHidden: () => void = () => {};

  constructor(
    private readonly doc: Document,
    private readonly host: () => UiHost,
    private readonly makeLabels: () => NoteLabels,
  ) {}

  private labelsMemo: NoteLabels | null = null;
  /** Read on first use: ~20 i18n lookups that every page would otherwise pay at startup. */
  get labels(): NoteLabels {
    return (this.labelsMemo ??= this.makeLabels());
  }

  get buttonVisible(): boolean {
    return this.els ? !this.els.button.hidden : false;
  }

  /** True while the pointer or focus is inside the panel, or an editor is open. */
  get panelPinned(): boolean {
    if (this.mode === 'editor') return true;
    if (!this.els || this.mode === 'none') return false;
    return this.els.panel.matches(':hover, :focus-within');
  }

  owns(target: EventTarget | null): boolean {
    return this.els !== null && target === this.host().host;
  }

  // --- The "Add note" button by a selection. ---

  showButton(range: Range, onClick: () => void): void {
    const { button } = this.ensure();
    this.onButton = onClick;
    button.hidden = false;
    button.style.opacity = '0'; // until placed (opacity, not visibility: it stays focusable)
    this.stopButton?.();
    // Beside the end of the selection, where the pointer let go.
    const rects = () => {
      const all = [...range.getClientRects()].filter((r) => r.width || r.height);
      return all[all.length - 1] ?? range.getBoundingClientRect();
    };
    this.stopButton = this.float(button, rects, 'bottom-end', () => {});
  }

  hideButton(): void {
    this.stopButton?.();
    this.stopButton = null;
    if (this.els) this.els.button.hidden = true;
  }

  // --- The panel: editor or card. ---

  openEditor(o: EditorOptions): void {
    const { panel } = this.ensure();
    this.hideButton();
    this.mode = 'editor';
    this.cardNoteId = null;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', this.labels.editor);
    let busy = false;
    let error: string | null = null;
    const draw = () =>
      render(
        <NoteEditor
          quote={o.quote}
          initialText={o.text}
          initialTags={o.tags}
          labels={this.labels}
          busy={busy}
          error={error}
          onSave={(text, tags) => {
            busy = true;
            error = null;
            draw();
            void o.onSave(text, tags).then((err) => {
              busy = false;
              if (err === null) {
                this.closePanel();
                o.onClose();
                return;
              }
              error = err;
              if (this.mode === 'editor') draw();
            });
          }}
          onCancel={() => {
            this.closePanel();
            o.onClose();
          }}
        />,
        panel,
      );
    // Shown (unplaced) first, so the editor can take focus as it renders; then a fresh editor:
    // unmount whatever was there so its state starts empty.
    this.placePanel(o.range, null, 'bottom-start');
    render(null, panel);
    draw();
  }

  showCard(o: CardOptions): void {
    const { panel } = this.ensure();
    this.mode = 'card';
    this.cardNoteId = o.note.id;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', this.labels.card);
    let busy = false;
    let error: string | null = null;
    const draw = () =>
      render(
        <NoteCard
          note={o.note}
          labels={this.labels}
          busy={busy}
          error={error}
          onEdit={o.onEdit}
          onDelete={() => {
            busy = true;
            draw();
            void o.onDelete().then((err) => {
              busy = false;
              error = err;
              if (this.cardNoteId === o.note.id) draw();
            });
          }}
        />,
        panel,
      );
    // Above the passage: the term tooltip opens below, so both can be open at once.
    this.placePanel(o.range, o.pointer, 'top-start');
    render(null, panel);
    draw();
  }

  closePanel(): void {
    this.stopPanel?.();
    this.stopPanel = null;
    this.mode = 'none';
    this.cardNoteId = null;
    if (!this.els) return;
    const { panel } = this.els;
    const hadFocus = panel.matches(':focus-within');
    panel.hidden = true;
    render(null, panel);
    if (hadFocus) (this.host().host as HTMLElement).blur();
  }

  // --- Toast. ---

  toast(message: string, action?: { label: string; onClick: () => void }, ms = 6000): void {
    const { toast } = this.ensure();
    this.doc.defaultView?.clearTimeout(this.toastTimer);
    render(
      <div class="toast-body">
        <span>{message}</span>
        {action ? (
          <button
            type="button"
            onClick={() => {
              this.hideToast();
              action.onClick();
            }}
          >
            {action.label}
          </button>
        ) : null}
      </div>,
      toast,
    );
    toast.hidden = false;
    this.toastTimer = this.doc.defaultView?.setTimeout(() => this.hideToast(), ms) ?? 0;
  }

  hideToast(): void {
    if (!this.els) return;
    this.els.toast.hidden = true;
    render(null, this.els.toast);
  }

  // --- Notes not found on this page. ---

  setOrphans(notes: readonly Note[], onDelete: (id: string) => void): void {
    if (notes.length === 0 && !this.els) return;
    const { orphans } = this.ensure();
    const list: OrphanNote[] = notes.map((n) => ({
      id: n.id,
      text: n.text,
      quote: n.selectors.quote.exact,
    }));
    const draw = () => {
      const visible = list.length > 0 && !this.orphanState.closed;
      orphans.hidden = !visible;
      render(
        visible ? (
          <NoteOrphans
            notes={list}
            labels={this.labels}
            open={this.orphanState.open}
            onToggle={() => {
              this.orphanState.open = !this.orphanState.open;
              draw();
            }}
            onClose={() => {
              this.orphanState.closed = true;
              draw();
            }}
            onDelete={onDelete}
          />
        ) : null,
        orphans,
      );
    };
    draw();
  }

  // --- Internals. ---

  /** Adds our elements and styles to the shadow root (styles also serve the tooltip's button). */
  installStyles(): void {
    this.ensure(false);
  }

  private ensure(attach = true): NonNullable<NotesUi['els']> {
    const h = this.host();
    if (attach) h.attach();
    if (this.els) return this.els;
    const doc = this.doc;
    const style = doc.createElement('style');
    style.textContent = notesCss;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'note-add';
    button.textContent = this.labels.add;
    button.hidden = true;
    // Keep the page's selection: a mousedown on a button would otherwise clear it.
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => this.onButton?.());
    const panel = doc.createElement('div');
    panel.className = 'note-panel';
    panel.hidden = true;
    panel.addEventListener('pointerenter', () => this.onPanelPointerEnter());
    panel.addEventListener('pointerleave', () => this.onPanelPointerLeave());
    const toast = doc.createElement('div');
    toast.className = 'note-toast';
    toast.setAttribute('role', 'status');
    toast.hidden = true;
    const orphans = doc.createElement('div');
    orphans.className = 'note-orphans';
    orphans.hidden = true;
    for (const el of [button, panel, toast, orphans]) {
      // Typing in a note must not reach the page's own keyboard shortcuts.
      for (const type of ['keydown', 'keyup', 'keypress'] as const) {
        el.addEventListener(type, (e) => e.stopPropagation());
      }
    }
    h.root.append(style, button, panel, toast, orphans);
    this.els = { button, panel, toast, orphans };
    return this.els;
  }

  private placePanel(
    range: Range,
    pointer: { x: number; y: number } | null,
    placement: Placement,
  ): void {
    const { panel } = this.ensure();
    const anchor = range.startContainer.parentElement;
    panel.dataset.theme = anchor && isDarkBehind(anchor) ? 'dark' : 'light';
    panel.hidden = false;
    panel.style.opacity = '0'; // until placed (opacity, not visibility: it stays focusable)
    const pickRect = () => {
      const rects = [...range.getClientRects()].filter((r) => r.width || r.height);
      if (rects.length === 0) return range.getBoundingClientRect();
      if (!pointer) return placement.startsWith('top') ? rects[0]! : rects[rects.length - 1]!;
      return rects.find((r) => pointer.y >= r.top && pointer.y <= r.bottom) ?? rects[0]!;
    };
    this.stopPanel?.();
    this.stopPanel = this.float(panel, pickRect, placement, (hidden) => {
      if (hidden && this.mode === 'card') this.onCardReferenceHidden();
    });
  }

  private float(
    el: HTMLElement,
    rect: () => DOMRect,
    placement: Placement,
    onHidden: (hidden: boolean) => void,
  ): () => void {
    return floatBeside(
      el,
      rect,
      placement,
      ({ referenceHidden }) => {
        if (el.hidden) return;
        el.style.opacity = '1';
        onHidden(referenceHidden);
      },
      160,
    );
  }
}
