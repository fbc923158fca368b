import type { TermDetailsData } from '../../shared/glossary/lookup';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings/settings';
import { caretAt, type CaretHit } from '../highlight/caret';
import type { Hit } from '../highlight/layer';
import { HoverIntent } from '../hover/hover-intent';
import type { Point, TooltipView } from './ports';
import type { TermsController } from './terms';

export interface HoverDeps {
  win: Window & typeof globalThis;
  terms: TermsController;
  /** Makes the tooltip (components/page/tooltip.tsx, loaded on first need). */
  makeTooltip: () => Promise<TooltipView>;
  /** A term's details from the background (glossary lookup), or null. */
  fetchTerm: (id: string) => Promise<TermDetailsData | null>;
  /** Every pointer position checked, with the character under it (the notes hover too). */
  onCaret: (caret: CaretHit | null, pointer: Point | null) => void;
  /** Our own UI's host: the pointer over it is over the tooltip (or a note), not the page. */
  isOurUi: (target: EventTarget | null) => boolean;
  /** The tooltip was made (the notes add their "Add note" to it). */
  onTooltip: (t: TooltipView) => void;
}

/**
 * Hover: pointer → caret → term hit → (after the reader's delay) the tooltip. Only the reader's
 * own input moves it: events a page makes up (`isTrusted` false) are ignored. At most one
 * hit test per animation frame.
 */
export class HoverController {
  private tooltip: TooltipView | null = null;
  private making: Promise<TooltipView> | null = null;
  private readonly display: TooltipView['display'] = {
    language: DEFAULT_SETTINGS.tooltipLanguage,
    showPinyin: DEFAULT_SETTINGS.showPinyin,
  };
  private readonly details = new Map<number, Promise<TermDetailsData | null>>();
  private pointer: Point | null = null;
  private restedAt: (Point & { since: number }) | null = null;
  private frame = 0;
  private readonly intent: HoverIntent<Hit>;

  constructor(private readonly d: HoverDeps) {
    const { win } = d;
    this.intent = new HoverIntent<Hit>({
      showDelay: DEFAULT_SETTINGS.tooltipDelayMs,
      switchDelay: 80,
      hideDelay: 300,
      setTimer: (fn, ms) => win.setTimeout(fn, ms),
      clearTimer: (id) => win.clearTimeout(id),
      show: (hit) => this.show(hit),
      hide: () => this.tooltip?.hide(),
    });
    d.terms.onTermsChanged = () => this.details.clear();
    this.listen();
  }

  /** The term under the pointer or opened from the keyboard, if any. */
  get currentTermId(): string | undefined {
    const hit = this.intent.current;
    return hit ? this.d.terms.termId(hit.term) : undefined;
  }

  apply(s: Settings): void {
    this.display.language = s.tooltipLanguage;
    this.display.showPinyin = s.showPinyin;
    this.intent.setShowDelay(s.tooltipDelayMs);
  }

  /** Opens the tooltip on a hit at once (keyboard and popup navigation). */
  open(hit: Hit): void {
    this.pointer = null;
    this.intent.open(hit);
  }

  dismiss(): void {
    this.intent.dismiss();
  }

  /** The tooltip, made once; asked for as soon as the pointer rests on a term. */
  private ensureTooltip(): Promise<TooltipView> {
    this.making ??= this.d.makeTooltip().then((t) => {
      t.display = this.display;
      t.onPointerEnter = () => this.intent.overTooltip();
      t.onPointerLeave = () => this.intent.over(null);
      t.onReferenceHidden = () => this.intent.dismiss();
      this.tooltip = t;
      this.d.onTooltip(t);
      return t;
    });
    this.making.catch(() => (this.making = null));
    return this.making;
  }

  private fetchDetails(term: number): Promise<TermDetailsData | null> {
    let p = this.details.get(term);
    if (!p) {
      const id = this.d.terms.termId(term);
      p = id ? this.d.fetchTerm(id).catch(() => null) : Promise.resolve(null);
      this.details.set(term, p);
    }
    return p;
  }

  private show(hit: Hit): void {
    const at = this.pointer;
    void Promise.all([this.fetchDetails(hit.term), this.ensureTooltip()]).then(
      ([details, tooltip]) => {
        if (!details || this.intent.current !== hit) return;
        const r = this.d.win.document.createRange();
        r.setStart(hit.range.startContainer, hit.range.startOffset);
        r.setEnd(hit.range.endContainer, hit.range.endOffset);
        tooltip.show(details, r, at);
      },
      () => {}, // the UI could not load (the extension was reloaded under the page)
    );
  }

  private check(): void {
    this.frame = 0;
    const { terms } = this.d;
    terms.keepHighlight();
    const pointer = this.pointer;
    if (!pointer || !terms.showing) return;
    const caret = caretAt(this.d.win.document, pointer.x, pointer.y);
    const hit = terms.hitAt(caret);
    if (hit) {
      // Warm the details and the tooltip's code while the delay runs.
      void this.fetchDetails(hit.term);
      void this.ensureTooltip().catch(() => {});
    }
    const r = this.restedAt;
    this.restedAt = null;
    const rested =
      r && r.x === pointer.x && r.y === pointer.y ? this.d.win.performance.now() - r.since : 0;
    this.intent.over(hit ?? null, rested);
    this.d.onCaret(caret, pointer);
  }

  /**
   * The pointer is at (x, y): checked at the next frame. `since`: when it came to rest there
   * (the probe saw it before the UI loaded), so the load does not add to the show delay.
   */
  moved(x: number, y: number, since?: number): void {
    this.pointer = { x, y };
    this.restedAt = since === undefined ? null : { x, y, since };
    if (!this.frame) this.frame = this.d.win.requestAnimationFrame(() => this.check());
  }

  private listen(): void {
    const { win } = this.d;
    const doc = win.document;
    doc.addEventListener(
      'pointermove',
      (e) => {
        // A page can dispatch made-up pointer events; only the reader's move the hover.
        if (!e.isTrusted || e.pointerType === 'touch') return;
        if (this.d.isOurUi(e.target)) {
          this.intent.overTooltip();
          return;
        }
        this.moved(e.clientX, e.clientY);
      },
      { capture: true, passive: true },
    );
    doc.documentElement.addEventListener(
      'pointerleave',
      (e) => {
        if (e.isTrusted) this.intent.over(null);
      },
      { passive: true },
    );
    doc.addEventListener(
      'keydown',
      (e) => {
        if (!e.isTrusted) return;
        if (e.key !== 'Escape' || this.tooltip?.menuOpen) return;
        if (this.intent.current || this.tooltip?.visible) this.dismiss();
      },
      { capture: true },
    );
  }
}
