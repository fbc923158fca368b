/**
 * When to show and hide the tooltip, as a small state machine over pointer events, so the
 * timing rules are tested without a browser:
 * - show after `showDelay` of resting on a phrase; moving on before then cancels it;
 * - once a tooltip is open, moving to another phrase switches after `switchDelay`;
 * - leaving the phrase hides after `hideDelay`, time enough to move into the tooltip;
 * - Escape hides at once, and the same phrase stays quiet until the pointer leaves it.
 */
export interface HoverIntentOptions<K> {
  showDelay: number;
  switchDelay: number;
  hideDelay: number;
  show: (key: K) => void;
  hide: () => void;
  setTimer: (fn: () => void, ms: number) => number;
  clearTimer: (id: number) => void;
}

export class HoverIntent<K> {
  private shown: K | null = null;
  private pending: K | null = null;
  private muted: K | null = null;
  private showTimer = 0;
  private hideTimer = 0;

  constructor(private readonly o: HoverIntentOptions<K>) {}

  /** The reader changed the delay in the options page. */
  setShowDelay(ms: number): void {
    this.o.showDelay = ms;
  }

  get current(): K | null {
    return this.shown;
  }

  /**
   * The pointer is over the phrase `key`, or over no phrase (null); `restedMs`: how long it has
   * already rested there (counted off the show delay).
   */
  over(key: K | null, restedMs = 0): void {
    if (key !== this.muted) this.muted = null;
    if (key === null) {
      this.cancelShow();
      if (this.shown !== null && !this.hideTimer) {
        this.hideTimer = this.o.setTimer(() => this.close(), this.o.hideDelay);
      }
      return;
    }
    if (key === this.muted) return;
    if (key === this.shown) {
      this.cancelHide();
      this.cancelShow();
      return;
    }
    if (key === this.pending) return;
    this.cancelShow();
    // The old tooltip stays up until the switch; its hide timer must not cancel the new one.
    this.cancelHide();
    this.pending = key;
    const delay = Math.max(
      0,
      (this.shown !== null ? this.o.switchDelay : this.o.showDelay) - restedMs,
    );
    this.showTimer = this.o.setTimer(() => {
      this.showTimer = 0;
      this.pending = null;
      this.cancelHide();
      this.shown = key;
      this.o.show(key);
    }, delay);
  }

  /** Opens `key` at once (keyboard navigation, the popup): no delay, no pointer needed. */
  open(key: K): void {
    this.cancelShow();
    this.cancelHide();
    this.muted = null;
    this.shown = key;
    this.o.show(key);
  }

  /** The pointer is inside the tooltip: keep it open. */
  overTooltip(): void {
    this.cancelHide();
    this.cancelShow();
  }

  /** Escape, scroll-out or a click elsewhere. */
  dismiss(): void {
    this.muted = this.shown ?? this.pending;
    this.close();
  }

  private close(): void {
    this.cancelShow();
    this.cancelHide();
    if (this.shown !== null) {
      this.shown = null;
      this.o.hide();
    }
  }

  private cancelShow(): void {
    if (this.showTimer) this.o.clearTimer(this.showTimer);
    this.showTimer = 0;
    this.pending = null;
  }

  private cancelHide(): void {
    if (this.hideTimer) this.o.clearTimer(this.hideTimer);
    this.hideTimer = 0;
  }
}
