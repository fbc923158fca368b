import type { CaretHit } from '../../lib/highlight/caret';
import { HighlightLayer } from '../../lib/highlight/layer';
import { HoverIntent } from '../../lib/hover/hover-intent';
import { anchorQuote } from '../../lib/notes/anchor';
import type { NoteRequest } from '../../lib/notes/messages';
import { PageText, type TextBoundaries } from '../../lib/notes/page-text';
import { noteLabels } from '../../components/note-labels';
import { makeYield } from '../../lib/scan/yield';
import { MAX_QUOTE, MAX_TITLE, SELECTOR_VERSION, type Note } from '../../lib/notes/types';
import { normalizePageUrl } from '../../lib/notes/url';
import { uuid } from '../../lib/notes/uuid';
import { insideExcluded } from '../../lib/text/flows';
import { sendNoteRequest } from './notes-client';
import { NotesUi, type UiHost } from './notes-ui';

export const NOTE_HIGHLIGHT = 'policy-lens-note';
export const DRAFT_HIGHLIGHT = 'policy-lens-note-draft';
/** Quiet time after the last page mutation before notes are anchored again. */
const REANCHOR_DELAY_MS = 400;

export interface NotesDeps {
  win: Window & typeof globalThis;
  doc: Document;
  /** The term highlights: which glossary terms a new note's quote contains. */
  termLayer: HighlightLayer;
  entryIds: readonly string[];
  /** The one `<policy-lens-ui>` host and its shadow root (created on first use). */
  host: () => UiHost;
}

export interface NotesReport {
  url: string;
  total: number;
  anchored: number;
  orphaned: string[];
}

/**
 * Notes on this page: load them through the background, anchor and paint them (again after late
 * content), show a card on hover, and capture new ones from the selection, the context menu,
 * the keyboard shortcut or a term's tooltip. Nothing about notes is stored in the page: they
 * live in this object's memory and in the extension's database.
 */
export class NotesController {
  private readonly layer: HighlightLayer;
  private readonly draft: Highlight;
  private readonly ui: NotesUi;
  private readonly intent: HoverIntent<string>;
  private notes: Note[] = [];
  /** Anchored notes; a hit's `term` is an index into this. */
  private painted: Note[] = [];
  private readonly ranges = new Map<string, StaticRange>();
  private orphans: Note[] = [];
  private loading: Promise<void> | null = null;
  private reanchorTimer = 0;
  private selectionTimer = 0;
  private pointerDown = false;
  private pointer: { x: number; y: number } | null = null;
  private observing = false;
  private generation = 0;
  private readonly yieldToPage: () => Promise<void>;
  private readonly observer: MutationObserver;

  constructor(private readonly d: NotesDeps) {
    this.yieldToPage = makeYield(d.win);
    const note = new Highlight();
    note.priority = 1; // above term highlights, so an overlap shows both
    this.draft = new Highlight();
    this.draft.priority = 2;
    d.win.CSS.highlights.set(NOTE_HIGHLIGHT, note);
    d.win.CSS.highlights.set(DRAFT_HIGHLIGHT, this.draft);
    this.layer = new HighlightLayer(note);
    this.ui = new NotesUi(d.doc, d.host, noteLabels);
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
      show: (id) => this.showCard(id),
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
      if (!ours && this.notes.length > 0) this.scheduleReanchor();
    });
  }

  /** The reader paused Policy Lens on this site: note highlights and cards go too. */
  setActive(active: boolean): void {
    const { highlights } = this.d.win.CSS;
    if (active) highlights.set(NOTE_HIGHLIGHT, this.layer.ranges as Highlight);
    else {
      highlights.delete(NOTE_HIGHLIGHT);
      this.intent.dismiss();
    }
  }

  /** Listens for selections and pointers now; loads the page's notes once `loadAfter` settles. */
  start(loadAfter: Promise<unknown>): void {
    const { doc } = this.d;
    doc.addEventListener(
      'pointerdown',
      (e) => {
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
      () => {
        this.pointerDown = false;
        this.checkSelectionSoon(10);
      },
      { capture: true, passive: true },
    );
    doc.addEventListener('selectionchange', () => {
      if (!this.pointerDown) this.checkSelectionSoon(250);
    });
    doc.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Escape') return;
        this.ui.hideButton();
        if (this.ui.mode === 'card') {
          this.intent.dismiss();
          this.ui.closePanel();
        }
      },
      { capture: true },
    );
    doc.documentElement.addEventListener('pointerleave', () => this.intent.over(null), {
      passive: true,
    });
    // The popup may have edited or deleted notes of this page while the tab was hidden.
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'visible' && this.ui.mode === 'none') void this.load();
    });
    void loadAfter.finally(() => this.load());
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
      onClick: (range) => this.openEditor(range, termIdOf()),
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
    return Promise.resolve({ ok: this.openEditor(sel.getRangeAt(0).cloneRange()) });
  }

  report(): NotesReport {
    return {
      url: this.pageUrl(),
      total: this.notes.length,
      anchored: this.painted.length,
      orphaned: this.orphans.map((n) => n.id),
    };
  }

  // --- Loading and anchoring. ---

  private pageUrl(): string {
    const { doc, win } = this.d;
    const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
    return normalizePageUrl(win.location.href, canonical?.href ?? null);
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const r = await sendNoteRequest({ type: 'notes-for-page', url: this.pageUrl() });
      if (!r.ok) {
        // A first load that fails leaves nothing to lose: stay quiet (a save will say why).
        // A refresh that fails while notes are shown says so.
        if (this.notes.length === 0) return;
        this.ui.toast(r.error);
        return;
      }
      this.notes = r.notes ?? [];
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
    const notes = [...this.notes];
    const found: { note: Note; b: TextBoundaries }[] = [];
    const orphans: Note[] = [];
    if (notes.length > 0) {
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
        else orphans.push(n); // kept, and listed as "not found on this page"
        if (performance.now() > deadline) {
          await this.yieldToPage();
          deadline = performance.now() + 8;
        }
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
    this.ui.setOrphans(orphans, (id) => void this.remove(id));
    if (this.ui.cardNoteId && !this.ranges.has(this.ui.cardNoteId)) this.ui.closePanel();
    // Late content can bring an orphan's passage, or move a painted one.
    if (this.notes.length > 0 && !this.observing) {
      this.observer.observe(doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      this.observing = true;
    } else if (this.notes.length === 0 && this.observing) {
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

  private checkSelection(): void {
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
    this.ui.showButton(range, () => this.openEditor(range));
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
  openEditor(range: Range, termId?: string): boolean {
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
    this.draft.clear();
    this.draft.add(new StaticRange(b));
    // One id per draft: a retried save (worker restarted mid-reply) cannot add it twice.
    const id = uuid();
    this.ui.openEditor({
      range: live,
      quote: selectors.quote.exact,
      onSave: async (text, tags) => {
        const r = await sendNoteRequest({
          type: 'note-create',
          note: {
            id,
            url: this.pageUrl(),
            title: doc.title.slice(0, MAX_TITLE),
            selectors,
            text,
            tags,
            termIds,
          },
        });
        if (!r.ok || !r.note) return labelsNow.saveFailed(r.ok ? 'no note returned' : r.error);
        if (!this.notes.some((n) => n.id === r.note!.id)) this.notes.push(r.note);
        this.reanchor();
        this.ui.toast(labelsNow.saved, undefined, 2500);
        return null;
      },
      onClose: () => this.draft.clear(),
    });
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
          const id = this.d.entryIds[hit.term];
          if (id && !ids.includes(id)) ids.push(id);
        }
      } catch {
        // a detached hit: skip
      }
    }
    return ids;
  }

  // --- The card: show, edit, delete, undo. ---

  private showCard(id: string): void {
    const note = this.notes.find((n) => n.id === id);
    const r = this.ranges.get(id);
    if (!note || !r || this.ui.mode === 'editor') return;
    this.ui.showCard({
      note,
      range: liveRange(this.d.doc, r),
      pointer: this.pointer,
      onEdit: () => this.edit(note.id),
      onDelete: () => this.remove(note.id),
    });
  }

  private edit(id: string): void {
    const note = this.notes.find((n) => n.id === id);
    const r = this.ranges.get(id);
    if (!note || !r) return;
    this.intent.dismiss();
    const labelsNow = this.ui.labels;
    this.ui.openEditor({
      range: liveRange(this.d.doc, r),
      quote: note.selectors.quote.exact,
      text: note.text,
      tags: note.tags,
      onSave: async (text, tags) => {
        const res = await sendNoteRequest({
          type: 'note-update',
          id,
          baseRev: note.rev,
          text,
          tags,
        });
        if (!res.ok || !res.note) return labelsNow.saveFailed(res.ok ? 'no note' : res.error);
        this.replace(res.note);
        this.ui.toast(labelsNow.saved, undefined, 2500);
        return null;
      },
      onClose: () => {},
    });
  }

  /** Deletes a note (into the extension's trash) and offers Undo. */
  private async remove(id: string): Promise<string | null> {
    const res = await this.send({ type: 'note-delete', id });
    if (!res) return this.lastError;
    this.notes = this.notes.filter((n) => n.id !== id);
    this.intent.dismiss();
    this.ui.closePanel();
    this.reanchor();
    this.ui.toast(
      this.ui.labels.deleted,
      { label: this.ui.labels.undo, onClick: () => void this.restore(id) },
      10_000,
    );
    return null;
  }

  private async restore(id: string): Promise<void> {
    const res = await this.send({ type: 'note-restore', id });
    if (!res?.note) {
      this.ui.toast(this.lastError);
      return;
    }
    this.replace(res.note);
  }

  private replace(note: Note): void {
    const i = this.notes.findIndex((n) => n.id === note.id);
    if (i >= 0) this.notes[i] = note;
    else this.notes.push(note);
    this.reanchor();
  }

  private lastError = '';
  private async send(req: NoteRequest): Promise<{ note?: Note } | null> {
    const r = await sendNoteRequest(req);
    if (r.ok) return r;
    this.lastError = this.ui.labels.saveFailed(r.error);
    return null;
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
