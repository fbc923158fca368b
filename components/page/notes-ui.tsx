import type { Placement } from '../../lib/page/highlight/place';
import { browser } from 'wxt/browser';
import { render } from 'preact';
import type { NoteLabels } from '../../lib/shared/notes/labels';
import type { NotesView, UiHost } from '../../lib/page/content/ports';
import { isDarkBehind } from '../../lib/page/highlight/theme';
import { floatBeside } from '../../lib/page/highlight/float';
import notesCss from './notes.css?inline';

/** Before the frame reports its height: about an editor's. */
const FRAME_START_HEIGHT = 230;

/**
 * The on-page note UI: the "Add note" button by a selection (a real button in our closed
 * shadow root: it carries no note text), the panel that holds the note frame — an extension
 * page, so note text is typed and shown in the extension's origin, where the page's listeners,
 * `window.find` and DOM reads cannot reach it — and a toast (saved / deleted + Undo / errors).
 */
export class NotesUi implements NotesView {
  private els: {
    button: HTMLButtonElement;
    panel: HTMLDivElement;
    frame: HTMLIFrameElement | null;
    toast: HTMLDivElement;
  } | null = null;
  private stopButton: (() => void) | null = null;
  private stopPanel: (() => void) | null = null;
  private onButton: (() => void) | null = null;
  private toastTimer = 0;
  /** The current frame has reported its height (the panel stays transparent until then). */
  private frameSized = false;
  mode: 'none' | 'editor' | 'card' = 'none';
  /** The ticket of the frame's current content, if any. */
  token: string | null = null;
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

  /** Read afresh (after an await, the mode may have changed). */
  get editing(): boolean {
    return this.mode === 'editor';
  }

  get buttonVisible(): boolean {
    return this.els ? !this.els.button.hidden : false;
  }

  /** True while the pointer is over the panel, or an editor is open. */
  get panelPinned(): boolean {
    if (this.mode === 'editor') return true;
    if (!this.els || this.mode === 'none') return false;
    return this.els.panel.matches(':hover, :focus-within');
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

  // --- The panel: the note frame, as editor or card. ---

  /**
   * Shows a new frame with `token`'s content beside `range`. A frame is made for each note
   * shown and removed when it closes: a reused out-of-process frame, hidden in between, came
   * back unrendered (Chromium keeps it throttled), so its editor could not take the keyboard.
   */
  openFrame(
    token: string,
    mode: 'editor' | 'card',
    range: Range,
    pointer: { x: number; y: number } | null,
    noteId: string | null,
  ): void {
    const els = this.ensure();
    this.hideButton();
    this.mode = mode;
    this.token = token;
    this.cardNoteId = mode === 'card' ? noteId : null;
    const { panel } = els;
    panel.setAttribute('aria-label', mode === 'card' ? this.labels.card : this.labels.editor);
    const anchor = range.startContainer.parentElement;
    const theme = anchor && isDarkBehind(anchor) ? 'dark' : 'light';
    panel.dataset.theme = theme;
    els.frame?.remove();
    this.frameSized = false;
    const frame = this.doc.createElement('iframe');
    frame.className = 'note-frame';
    frame.title = mode === 'card' ? this.labels.card : this.labels.editor;
    frame.style.height = `${FRAME_START_HEIGHT}px`;
    frame.src = `${frameUrl()}#t=${token}&theme=${theme}`;
    panel.append(frame);
    els.frame = frame;
    this.placePanel(range, pointer, mode === 'card' ? 'top-start' : 'bottom-start');
    // The editor takes the keyboard at once: the frame's text field focuses itself as it draws.
    if (mode === 'editor') frame.focus();
  }

  /**
   * Gives the frame the keyboard unless it has it (focusing the iframe the page already counts
   * as focused changes nothing, and a blur first would drop keys typed meanwhile).
   */
  focusFrame(): void {
    const frame = this.els?.frame;
    if (frame && this.host().root.activeElement !== frame) frame.focus();
  }

  /** The frame says how tall its content is. */
  setFrameHeight(height: number): void {
    const frame = this.els?.frame;
    if (!frame) return;
    const next = `${Math.max(40, Math.ceil(height))}px`;
    this.frameSized = true;
    // A new size: placed again by the panel's resize observer (floatBeside), then shown. The
    // same size: where it stands is right, so shown now.
    if (frame.style.height === next) this.els!.panel.style.opacity = '1';
    else frame.style.height = next;
  }

  closePanel(): void {
    this.stopPanel?.();
    this.stopPanel = null;
    this.mode = 'none';
    this.token = null;
    this.cardNoteId = null;
    if (!this.els) return;
    const { panel, frame } = this.els;
    const hadFocus = panel.matches(':focus-within') || this.doc.activeElement === this.host().host;
    panel.hidden = true;
    // What the frame showed must not stay in memory behind a hidden panel.
    frame?.remove();
    this.els.frame = null;
    if (hadFocus) this.host().host.blur();
  }

  // --- Toast (no note text: "saved", "deleted", errors). ---

  toast(message: string, action?: { label: string; onClick: () => void }, ms = 6000): void {
    const { toast } = this.ensure();
    this.doc.defaultView?.clearTimeout(this.toastTimer);
    render(
      <div class="toast-body">
        <span>{message}</span>
        {action ? (
          <button
            type="button"
            onClick={(e) => {
              if (!e.isTrusted) return;
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
    button.addEventListener('click', (e) => {
      if (e.isTrusted) this.onButton?.();
    });
    const panel = doc.createElement('div');
    panel.className = 'note-panel framed';
    panel.setAttribute('role', 'dialog');
    panel.hidden = true;
    panel.addEventListener('pointerenter', () => this.onPanelPointerEnter());
    panel.addEventListener('pointerleave', () => this.onPanelPointerLeave());
    const toast = doc.createElement('div');
    toast.className = 'note-toast';
    toast.setAttribute('role', 'status');
    toast.hidden = true;
    h.root.append(style, button, panel, toast);
    this.els = { button, panel, frame: null, toast };
    return this.els;
  }

  private placePanel(
    range: Range,
    pointer: { x: number; y: number } | null,
    placement: Placement,
  ): void {
    const { panel } = this.ensure();
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
        // The panel shows once its frame has said how tall it is: placed before that, a card
        // placed above its passage would jump (and a click aimed at it land elsewhere).
        if (el !== this.els?.panel || this.frameSized) el.style.opacity = '1';
        onHidden(referenceHidden);
      },
      160,
    );
  }
}

/**
 * The frame's address. With `use_dynamic_url` (Chromium) this is a per-session origin, so a
 * page cannot probe for the extension by loading it; Firefox's origin is a per-install UUID.
 */
function frameUrl(): string {
  return browser.runtime.getURL('/note-frame.html');
}
