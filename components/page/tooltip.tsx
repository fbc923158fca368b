import { render } from 'preact';
import { TermCard } from '../terms/TermCard';
import type { TermDetailsData } from '../../lib/shared/glossary/lookup';
import { preferredRendering } from '../../lib/shared/glossary/renderings';
import type { TooltipView, UiHost } from '../../lib/page/content/ports';
import { isDarkBehind } from '../../lib/page/highlight/theme';
import { floatBeside } from '../../lib/page/highlight/float';
import tooltipCss from './tooltip.css?inline';

const TOOLTIP_ID = 'policy-lens-tooltip';

/** The term card shown on hover, in the page's one shadow root (`UiHost`). */
export class Tooltip implements TooltipView {
  private readonly tip: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private stopUpdates: (() => void) | null = null;
  onPointerEnter: () => void = () => {};
  onPointerLeave: () => void = () => {};
  onReferenceHidden: () => void = () => {};
  /** When set, the card offers "Add note" for the phrase it explains. */
  addNote: { label: string; onClick: (range: Range) => void } | null = null;

  constructor(
    doc: Document,
    private readonly ui: UiHost,
  ) {
    const style = doc.createElement('style');
    style.textContent = tooltipCss;
    this.tip = doc.createElement('div');
    this.tip.className = 'tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.id = TOOLTIP_ID;
    this.tip.hidden = true;
    // Screen readers: a tooltip opened from the keyboard (next/previous term) has no focused
    // element to describe, so its gist is announced through a polite live region.
    this.live = doc.createElement('div');
    this.live.className = 'sr-only';
    this.live.setAttribute('aria-live', 'polite');
    ui.root.append(style, this.tip, this.live);
    this.tip.addEventListener('pointerenter', () => this.onPointerEnter());
    this.tip.addEventListener('pointerleave', () => this.onPointerLeave());
  }

  get visible(): boolean {
    return !this.tip.hidden;
  }

  /** Reader settings for the card; set by the content script when they change. */
  display: { language: 'both' | 'zh' | 'en'; showPinyin: boolean } = {
    language: 'both',
    showPinyin: true,
  };

  show(details: TermDetailsData, range: Range, pointer: { x: number; y: number } | null): void {
    this.ui.attach();
    const addNote = this.addNote;
    render(
      <>
        <TermCard
          entry={details.entry}
          source={details.source}
          related={details.related}
          language={this.display.language}
          showPinyin={this.display.showPinyin}
        />
        {addNote ? (
          <div class="tip-actions">
            <button
              type="button"
              class="tip-add-note"
              onClick={(e) => {
                if (e.isTrusted) addNote.onClick(range);
              }}
            >
              {addNote.label}
            </button>
          </div>
        ) : null}
      </>,
      this.tip,
    );
    if (!pointer) {
      const e = details.entry;
      this.live.textContent = `${e.zh} ${this.display.showPinyin ? e.pinyin : ''} — ${preferredRendering(e).text}`;
    }
    const anchor = range.startContainer.parentElement;
    this.tip.dataset.theme = anchor && isDarkBehind(anchor) ? 'dark' : 'light';
    this.tip.hidden = false;
    this.tip.style.visibility = 'hidden';
    // Anchor to the line of the phrase under the pointer (a phrase can wrap onto two lines).
    const pickRect = () => {
      const rects = [...range.getClientRects()];
      if (rects.length === 0) return range.getBoundingClientRect();
      if (!pointer) return rects[0]!;
      return (
        rects.find((r) => pointer.y >= r.top && pointer.y <= r.bottom) ??
        rects.reduce((a, b) =>
          Math.abs((a.top + a.bottom) / 2 - pointer.y) <=
          Math.abs((b.top + b.bottom) / 2 - pointer.y)
            ? a
            : b,
        )
      );
    };
    this.stopUpdates?.();
    this.stopUpdates = floatBeside(this.tip, pickRect, 'bottom-start', ({ referenceHidden }) => {
      if (this.tip.hidden) return;
      this.tip.style.visibility = 'visible';
      if (referenceHidden) this.onReferenceHidden();
    });
  }

  hide(): void {
    this.stopUpdates?.();
    this.stopUpdates = null;
    this.tip.hidden = true;
    render(null, this.tip);
  }
}
