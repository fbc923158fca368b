import type { CaretHit } from '../highlight/caret';
import { HighlightLayer } from '../highlight/layer';
import type { TermHits } from './terms';
import { NoteOverlay } from '../highlight/note-overlay';
import { HoverIntent } from '../hover/hover-intent';
import type { NoteFrameEvent, NotesReport } from '../../protocol/to-content';
import { anchorQuote } from '../anchoring/anchor';
import type { NoteAnchor, PassageMatch } from '../../protocol/to-background';
import { findPassages } from '../anchoring/passage-find';
import { PageText, type TextBoundaries } from '../anchoring/page-text';
import { revealNote, type RevealRequest } from '../anchoring/reveal';
import { makeYield } from '../scan/yield';
import { MAX_QUOTE, MAX_TITLE, SELECTOR_VERSION } from '../../shared/notes/limits';
import { uuid } from '../../shared/notes/uuid';
import { insideExcluded } from '../text/flows';
import { sendNoteRequest } from '../../protocol/send';
import { canonicalOf } from './canonical';
import type { NotesPort, NotesView, UiHost } from './ports';
import { onKeyboardSelection } from './keyboard-selection';

/** Quiet time after the last page mutation before notes are anchored again. */
const REANCHOR_DELAY_MS = 400;
const OPENED_KEPT = 8;

export interface NotesDeps {
  win: Window & typeof globalThis;
  doc: Document;
  /** The term highlights: which glossary terms a new note's quote contains. */
  termLayer: TermHits;
  /** The glossary id of a term hit's term. */
  termId: (term: number) => string | undefined;
  /** The one `<policy-lens-ui>` host and its shadow root (created on first use). */
  host: () => UiHost;
  /** The on-page note UI (components/page/notes-ui.tsx). */
  ui: NotesView;
}

/**
 * Notes on this page, as the page must never see them: their anchors (no text) come from the
 * background, scoped to this tab's page; they are painted by an overlay inside our closed
 * shadow root (not in the page-visible highlight registry); their text is typed and shown only
 * in the note frame, an extension page. The host element is attached on every page we scan,
 * notes or not, so its presence says nothing. Events the page makes up (`isTrusted` false)
 * drive nothing here.
 */
export class NotesController implements NotesPort {
  /** Hit-testing only: a plain set, never registered with CSS.highlights. */
  private readonly layer = new HighlightLayer(new Set<AbstractRange>());
  private overlay: NoteOverlay | null = null;
  private readonly ui: NotesView;
  private readonly intent: HoverIntent<string>;
  private anchors: NoteAnchor[] = [];
  /** Anchored notes; a hit's `term` is an index into this. */
  private painted: Pick<NoteAnchor, 'id'>[] = [];
  /** Notes made elsewhere whose passage is on this page (the background matched fingerprints). */
  private elsewhere: PassageMatch[] = [];
  /** Of those, the ones found and drawn. */
  private shownElsewhere: string[] = [];
  private readonly ranges = new Map<string, StaticRange>();
  private orphans: NoteAnchor[] = [];
  private draft: StaticRange | null = null;
  private flash: StaticRange | null = null;
  private visible = true;
  private loading: Promise<void> | null = null;
  private reanchorTimer = 0;
  private selectionTimer = 0;
  private pointerDown = false;
  private pointer: { x: number; y: number } | null = null;
  private observing = false;
  private generation = 0;
  private readonly yieldToPage: () => Promise<void>;
  private readonly observer: MutationObserver;
  /** The tickets of the last frames this page opened (a save may land after a newer opened). */
  private opened: string[] = [];

  constructor(private readonly d: NotesDeps) {
    this.yieldToPage = makeYield(d.win);
    this.ui = d.ui;
    this.ui.onPanelPointerEnter = () => {
      if (this.ui.mode === 'card') this.intent.overTooltip();
    };
    this.ui.onPanelPointerLeave = () => {
      if (this.ui.mode === 'card') this.intent.over(null);
    };
    this.ui.onCardReferenceHidden = () => this.intent.dismiss();
    this.intent = new HoverIntent<string>({
      showDelay: 250,
      switchDelay: 80,
      hideDelay: 300,
      setTimer: (fn, ms) => d.win.setTimeout(fn, ms),
      clearTimer: (id) => d.win.clearTimeout(id),
      show: (id) => void this.showCard(id),
      hide: () => {
        if (this.ui.mode === 'card' && !this.ui.panelPinned) this.ui.closePanel();
      },
    });
    this.observer = new MutationObserver((records) => {
      const ours = records.every(
        (r) =>
          isHost(r.target) ||
          (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isHost)),
      );
      // Nothing to anchor on a page without notes: no timer per mutation batch (churning pages).
      if (!ours && this.anchors.length + this.elsewhere.length > 0) this.scheduleReanchor();
    });
  }

  /** The reader paused Policy Lens on this site: note highlights and cards go too. */
  setActive(active: boolean): void {
    this.visible = active;
    this.overlay?.setVisible(active);
    if (!active) this.intent.dismiss();
  }

  /** Listens for selections and pointers now; loads the page's notes once `loadAfter` settles. */
  start(loadAfter: Promise<unknown>): void {
    const { doc } = this.d;
    doc.addEventListener(
      'pointerdown',
      (e) => {
        if (!e.isTrusted) return;
        this.pointerDown = true;
        if (isHost(e.target)) return; // inside our UI (events are retargeted to the host)
        this.ui.hideButton();
        if (this.ui.mode === 'card') {
          this.intent.dismiss();
          this.ui.closePanel();
        }
      },
      { capture: true, passive: true },
    );
    doc.addEventListener(
      'pointerup',
      (e) => {
        if (!e.isTrusted) return;
        this.pointerDown = false;
        this.checkSelectionSoon(10);
      },
      { capture: true, passive: true },
    );
    onKeyboardSelection(this.d.win, () => {
      if (!this.pointerDown) this.checkSelectionSoon(250);
    });
    doc.addEventListener(
      'keydown',
      (e) => {
        if (!e.isTrusted || e.key !== 'Escape') return;
        this.ui.hideButton();
        if (this.ui.mode === 'card') {
          this.intent.dismiss();
          this.ui.closePanel();
        }
      },
      { capture: true },
    );
    doc.documentElement.addEventListener(
      'pointerleave',
      (e) => {
        if (e.isTrusted) this.intent.over(null);
      },
      { passive: true },
    );
    // The popup may have edited or deleted notes of this page while the tab was hidden. A page
    // can dispatch its own visibilitychange: only the browser's counts.
    doc.addEventListener('visibilitychange', (e) => {
      if (e.isTrusted && doc.visibilityState === 'visible' && this.ui.mode === 'none') {
        void this.load();
      }
    });
    void loadAfter.finally(() => {
      // On every page we scan, notes or not: its presence must not say that notes exist. What
      // is inside (the overlay, with its listeners) comes only with something to draw.
      this.d.host().attachWhenAllowed();
      void this.load();
    });
  }

  /** The tooltip was created: offer "Add note" for the phrase it explains. */
  decorateTooltip(
    t: {
      addNote: { label: string; onClick: (range: Range) => void } | null;
    },
    termIdOf: () => string | undefined,
  ): void {
    this.ui.installStyles();
    t.addNote = {
      label: this.ui.labels.add,
      onClick: (range) => void this.openEditor(range, termIdOf()),
    };
  }

  /** Called by the hover loop with the character under the pointer. */
  pointerAt(caret: CaretHit | null, pointer: { x: number; y: number } | null): void {
    this.pointer = pointer;
    if (this.ui.mode === 'editor') return;
    const hit = caret ? this.layer.hitAt(caret.node, caret.index) : undefined;
    const note = hit ? this.painted[hit.term] : undefined;
    this.intent.over(note?.id ?? null);
  }

  /** The context menu or the shortcut: a note on the current selection, if this frame has one. */
  openEditorForSelection(): Promise<{ ok: boolean }> | undefined {
    const sel = this.d.doc.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return undefined;
    if (!this.selectable(sel.getRangeAt(0))) return undefined;
    return this.openEditor(sel.getRangeAt(0).cloneRange()).then((ok) => ({ ok }));
  }

  /** The popup's "Open": scroll to the passage and flash it (in the overlay). */
  reveal(req: RevealRequest): { found: boolean } {
    return revealNote(this.d.win, req, (range) => {
      this.flash = range;
      this.repaint();
    });
  }

  /** The note frame reports what happened (the message came from our extension's frame). */
  onFrameEvent(token: string, event: NoteFrameEvent): void {
    // What was written (saved, deleted) counts from any frame this page opened, even one that a
    // newer frame replaced meanwhile; what concerns the panel, only from the frame shown now.
    const written = event.kind === 'saved' || event.kind === 'deleted';
    if (written ? !this.opened.includes(token) : token !== this.ui.token) return;
    switch (event.kind) {
      case 'size':
        this.ui.setFrameHeight(event.height);
        return;
      case 'editing':
        this.ui.mode = 'editor';
        this.ui.cardNoteId = null;
        return;
      case 'ready':
        if (this.ui.mode === 'editor') this.ui.focusFrame();
        return;
      case 'pointer':
        if (this.ui.mode !== 'card') return;
        if (event.inside) this.intent.overTooltip();
        else this.intent.over(null);
        return;
      case 'close':
        this.ui.closePanel();
        this.draft = null;
        this.repaint();
        return;
      case 'saved': {
        const e = this.elsewhere.find((p) => p.id === event.anchor.id);
        if (e) {
          // Edited here, filed where it was made: it stays a note from elsewhere.
          e.rev = event.anchor.rev;
          this.ui.toast(this.ui.labels.saved, undefined, 2500);
          return;
        }
        const i = this.anchors.findIndex((a) => a.id === event.anchor.id);
        if (i >= 0) this.anchors[i] = event.anchor;
        else this.anchors.push(event.anchor);
        this.reanchor();
        this.ui.toast(this.ui.labels.saved, undefined, 2500);
        return;
      }
      case 'deleted':
        this.anchors = this.anchors.filter((a) => a.id !== event.id);
        this.elsewhere = this.elsewhere.filter((a) => a.id !== event.id);
        this.intent.dismiss();
        this.reanchor();
        this.ui.toast(
          this.ui.labels.deleted,
          { label: this.ui.labels.undo, onClick: () => void this.restore(event.id) },
          10_000,
        );
        return;
    }
  }

  /** Notes made elsewhere whose passage is here: found in this page's text, then drawn. */
  showElsewhere(passages: PassageMatch[]): void {
    const ids = new Set(passages.map((p) => p.id));
    this.elsewhere = [...this.elsewhere.filter((p) => !ids.has(p.id)), ...passages];
    this.reanchor();
  }

  report(): NotesReport {
    return {
      canonical: this.canonical(),
      // Notes from elsewhere count once drawn: one not found after all is not this page's.
      total: this.anchors.length + this.shownElsewhere.length,
      anchored: this.painted.length,
      orphaned: this.orphans.map((n) => n.id),
      elsewhere: [...this.shownElsewhere],
    };
  }

  // --- Loading and anchoring. ---

  private canonical(): string | null {
    return canonicalOf(this.d.doc);
  }

  private ensureOverlay(): NoteOverlay {
    if (this.overlay) return this.overlay;
    const h = this.d.host();
    const container = this.d.doc.createElement('div');
    h.root.append(container);
    this.overlay = new NoteOverlay({ win: this.d.win, container });
    this.overlay.setVisible(this.visible);
    return this.overlay;
  }

  private repaint(): void {
    const items: { range: AbstractRange; kind: 'note' | 'draft' | 'flash' }[] = [];
    for (const r of this.ranges.values()) items.push({ range: r, kind: 'note' });
    if (this.draft) items.push({ range: this.draft, kind: 'draft' });
    if (this.flash) items.push({ range: this.flash, kind: 'flash' });
    if (items.length > 0 || this.overlay) this.ensureOverlay().set(items);
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const r = await sendNoteRequest({
        type: 'notes-for-page',
        canonical: this.canonical(),
        again: true,
      });
      if (!r.ok) {
        // A first load that fails leaves nothing to lose: stay quiet (a save will say why).
        // A refresh that fails while notes are shown says so.
        if (this.anchors.length > 0) this.ui.toast(r.error);
        return;
      }
      this.anchors = r.anchors ?? [];
      this.reanchor();
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private scheduleReanchor(): void {
    const { win } = this.d;
    if (this.reanchorTimer) win.clearTimeout(this.reanchorTimer);
    this.reanchorTimer = win.setTimeout(() => this.reanchor(), REANCHOR_DELAY_MS);
  }

  /** Finds every note of the page in its current text and paints the ones found. */
  private reanchor(): void {
    void this.anchorAll();
  }

  private async anchorAll(): Promise<void> {
    const { doc, win } = this.d;
    if (this.reanchorTimer) win.clearTimeout(this.reanchorTimer);
    this.reanchorTimer = 0;
    const generation = ++this.generation;
    const notes = [...this.anchors];
    const elsewhere = [...this.elsewhere];
    const found: { note: Pick<NoteAnchor, 'id'>; b: TextBoundaries }[] = [];
    const orphans: NoteAnchor[] = [];
    const shownElsewhere: string[] = [];
    if (notes.length + elsewhere.length > 0) {
      // In slices: on a 1,000,000-character page the walk alone is ~100 ms.
      performance.mark('policy-lens:notes-anchor-start');
      const page = await PageText.fromDocumentSliced(doc, this.yieldToPage);
      let deadline = performance.now() + 8;
      for (const n of notes) {
        if (generation !== this.generation) return; // a newer pass started
        const { quote, position } = n.selectors;
        const m =
          n.selectors.version <= SELECTOR_VERSION ? anchorQuote(page.text, quote, position) : null;
        const b = m ? page.boundaries(m.start, m.end) : null;
        if (b) found.push({ note: n, b });
        else orphans.push(n); // kept, and listed by the popup as "not found on this page"
        if (performance.now() > deadline) {
          await this.yieldToPage();
          deadline = performance.now() + 8;
        }
      }
      if (elsewhere.length > 0) {
        if (generation !== this.generation) return;
        const at = findPassages(
          page.text,
          elsewhere.map((p) => p.windows),
        );
        elsewhere.forEach((p, i) => {
          const m = at[i];
          const b = m ? page.boundaries(m.start, m.end) : null;
          if (!b) return; // not here after all (the page changed): not shown, not an orphan
          found.push({ note: p, b });
          shownElsewhere.push(p.id);
        });
      }
      performance.measure('policy-lens:notes-anchor', 'policy-lens:notes-anchor-start');
    }
    if (generation !== this.generation) return;
    this.layer.clear();
    this.ranges.clear();
    this.painted = [];
    for (const { note, b } of found) {
      const range = new StaticRange(b);
      this.layer.add({ term: this.painted.length, range, nodes: b.nodes });
      this.painted.push(note);
      this.ranges.set(note.id, range);
    }
    this.orphans = orphans;
    this.shownElsewhere = shownElsewhere;
    this.repaint();
    if (this.ui.cardNoteId && !this.ranges.has(this.ui.cardNoteId)) this.ui.closePanel();
    // Late content can bring an orphan's passage, or move a painted one.
    const any = this.anchors.length + this.elsewhere.length > 0;
    if (any && !this.observing) {
      this.observer.observe(doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      this.observing = true;
    } else if (!any && this.observing) {
      this.observer.disconnect();
      this.observing = false;
    }
  }

  // --- Capture. ---

  private checkSelectionSoon(ms: number): void {
    const { win } = this.d;
    win.clearTimeout(this.selectionTimer);
    this.selectionTimer = win.setTimeout(() => this.checkSelection(), ms);
  }

  /** Shows "Add note" by the selection, when it is one a note can be made on. */
  checkSelection(): void {
    if (this.ui.mode === 'editor') return;
    const sel = this.d.doc.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) {
      this.ui.hideButton();
      return;
    }
    const range = sel.getRangeAt(0).cloneRange();
    if (!this.selectable(range)) {
      this.ui.hideButton();
      return;
    }
    this.ui.showButton(range, () => void this.openEditor(range));
  }

  /** A selection of page text (not in a field, not in our UI, not only spaces). */
  private selectable(range: Range): boolean {
    const { doc } = this.d;
    const host = this.d.host().host;
    const active = doc.activeElement;
    if (active === host) return false;
    if (active && (active.localName === 'input' || active.localName === 'textarea')) return false;
    if (host.contains(range.commonAncestorContainer)) return false;
    if (insideExcluded(range.commonAncestorContainer)) return false;
    return range.toString().trim().length > 0;
  }

  /** Opens the editor for `range` (trimmed to page text); false when it holds no page text. */
  async openEditor(range: Range, termId?: string): Promise<boolean> {
    const { doc } = this.d;
    const labelsNow = this.ui.labels;
    const page = PageText.fromDocument(doc);
    const off = page.offsetsOf(range);
    const b = off ? page.boundaries(off.start, off.end) : null;
    if (!off || !b) return false;
    const selectors = { version: SELECTOR_VERSION, ...page.selectors(off.start, off.end) };
    if (selectors.quote.exact.length > MAX_QUOTE) {
      this.ui.toast(labelsNow.saveFailed(`selection over ${MAX_QUOTE} characters`));
      return false;
    }
    const live = doc.createRange();
    live.setStart(b.startContainer, b.startOffset);
    live.setEnd(b.endContainer, b.endOffset);
    const termIds = this.termsInside(live);
    if (termId && !termIds.includes(termId)) termIds.unshift(termId);
    this.intent.dismiss();
    this.ui.closePanel();
    doc.getSelection()?.removeAllRanges();
    this.draft = new StaticRange(b);
    this.repaint();
    // One id per draft: a retried save (worker restarted mid-reply) cannot add it twice.
    const r = await sendNoteRequest({
      type: 'note-frame-open',
      canonical: this.canonical(),
      open: {
        kind: 'create',
        id: uuid(),
        title: doc.title.slice(0, MAX_TITLE),
        selectors,
        termIds,
      },
    });
    if (!r.ok || !r.token) {
      this.draft = null;
      this.repaint();
      this.ui.toast(labelsNow.saveFailed(r.ok ? 'no answer' : r.error));
      return false;
    }
    this.open(r.token, 'editor', live, null, null);
    return true;
  }

  private termsInside(range: Range): string[] {
    const ids: string[] = [];
    for (const hit of this.d.termLayer.hits()) {
      const r = hit.range;
      try {
        if (
          range.comparePoint(r.startContainer, r.startOffset) === 0 &&
          range.comparePoint(r.endContainer, r.endOffset) === 0
        ) {
          const id = this.d.termId(hit.term);
          if (id && !ids.includes(id)) ids.push(id);
        }
      } catch {
        // a detached hit: skip
      }
    }
    return ids;
  }

  // --- The card (in the frame), and Undo of a delete made there. ---

  private async showCard(id: string): Promise<void> {
    const r = this.ranges.get(id);
    if (!r || this.ui.editing) return;
    const res = await sendNoteRequest({
      type: 'note-frame-open',
      canonical: this.canonical(),
      open: { kind: 'card', id },
    });
    // The pointer may have moved on while the ticket was made.
    if (!res.ok || !res.token || this.intent.current !== id || this.ui.editing) return;
    this.open(res.token, 'card', liveRange(this.d.doc, r), this.pointer, id);
  }

  private open(...args: Parameters<NotesView['openFrame']>): void {
    this.opened = [...this.opened.slice(-(OPENED_KEPT - 1)), args[0]];
    this.ui.openFrame(...args);
  }

  private async restore(id: string): Promise<void> {
    const res = await sendNoteRequest({ type: 'note-restore', id, canonical: this.canonical() });
    const anchor = res.ok ? res.anchors?.[0] : undefined;
    if (!anchor) {
      this.ui.toast(this.ui.labels.saveFailed(res.ok ? 'no note' : res.error));
      return;
    }
    this.anchors = [...this.anchors.filter((a) => a.id !== id), anchor];
    this.reanchor();
  }
}

/** Our `<policy-lens-ui>` host (checked by name: asking for it would create it). */
function isHost(n: EventTarget | Node | null): boolean {
  return (n as Node | null)?.nodeName === 'POLICY-LENS-UI';
}

function liveRange(doc: Document, r: AbstractRange): Range {
  const live = doc.createRange();
  live.setStart(r.startContainer, r.startOffset);
  live.setEnd(r.endContainer, r.endOffset);
  return live;
}
