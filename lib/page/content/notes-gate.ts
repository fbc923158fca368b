import { sendToBackground } from '../../protocol/send';
import type { NotesReport } from '../../protocol/to-content';
import { canonicalOf } from './canonical';
import { loadOnNeed } from './handover';
import type { Interactive } from './interactive';
import type { LazyUi } from './page-ui';
import type { UiHost } from './ports';
import { onKeyboardSelection } from './keyboard-selection';

/**
 * What every scanned page does about notes before the notes controller exists: after the first
 * scan it wants our host element in (on every page, so its presence says nothing; it comes at
 * once where terms may show, else at the first interaction, see start.ts) and asks the
 * background whether this page has notes; a selection the reader makes, or notes on the page,
 * load the UI, whose notes controller then takes over. Made-up events drive nothing.
 */
export class NotesGate {
  private pointerDown = false;
  private timer = 0;
  private active = true;

  constructor(private readonly d: { win: Window; host: UiHost; ui: LazyUi }) {}

  start(firstScan: Promise<unknown>): void {
    const { win, ui } = this.d;
    const doc = win.document;
    doc.addEventListener(
      'pointerdown',
      (e) => {
        if (e.isTrusted) this.pointerDown = true;
      },
      { capture: true, passive: true },
    );
    doc.addEventListener(
      'pointerup',
      (e) => {
        if (!e.isTrusted) return;
        this.pointerDown = false;
        this.selectionSoon(10);
      },
      { capture: true, passive: true },
    );
    onKeyboardSelection(win, () => {
      if (!this.pointerDown) this.selectionSoon(250);
    });
    // The popup may have changed this page's notes while the tab was hidden.
    doc.addEventListener('visibilitychange', (e) => {
      if (e.isTrusted && doc.visibilityState === 'visible' && !ui.loaded) void this.check();
    });
    void firstScan.finally(() => {
      this.d.host.attachWhenAllowed();
      void this.check();
    });
  }

  setActive(active: boolean): void {
    this.active = active;
  }

  /** The page report's notes, from the controller once there is one. */
  report(): NotesReport {
    return (
      this.d.ui.loaded?.notes.report() ?? {
        canonical: canonicalOf(this.d.win.document),
        total: 0,
        anchored: 0,
        orphaned: [],
      }
    );
  }

  /** Whether the page has notes (anchors only, no text); if so, the controller takes them. */
  private async check(): Promise<void> {
    // A failure leaves nothing to lose: a page whose notes cannot be read now shows none.
    const r = await sendToBackground({
      type: 'notes-for-page',
      canonical: canonicalOf(this.d.win.document),
    }).catch(() => null);
    if (r?.ok && r.anchors?.length) await this.d.ui.get();
    if (r?.ok && r.travel) await this.elsewhere();
  }

  /**
   * Notes made elsewhere whose passage may be here: passage-probe.js asks by fingerprints (it
   * loads only for a reader some of whose notes travel); the UI loads once there are candidates.
   */
  private async elsewhere(): Promise<void> {
    let ui: Promise<Interactive | null> | undefined;
    const loadUi = () => (ui ??= this.d.ui.get().catch(() => null));
    const probe = await loadOnNeed('passage-probe.js').catch(() => null);
    const found = await probe?.(this.d.win.document, () => void loadUi());
    if (found?.length) (await loadUi())?.notes.showElsewhere(found);
  }

  private selectionSoon(ms: number): void {
    if (this.d.ui.loaded || !this.active) return;
    this.d.win.clearTimeout(this.timer);
    this.timer = this.d.win.setTimeout(() => {
      const sel = this.d.win.document.getSelection();
      if (!sel || sel.isCollapsed || !sel.toString().trim()) return;
      void this.d.ui.get().then((i) => i.notes.checkSelection());
    }, ms);
  }
}
