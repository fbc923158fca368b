import { caretAt } from '../highlight/caret';
import type { TermsController } from './terms';

/**
 * Before the on-page UI is loaded: watches for the pointer coming to rest on a highlighted
 * term (at most one hit test per frame), then hands over to the hover controller, which
 * loads with the UI, and stops. Made-up events (`isTrusted` false) are ignored.
 */
export function probeHover(
  win: Window,
  terms: TermsController,
  onHit: (x: number, y: number, since: number) => void,
): () => void {
  const doc = win.document;
  let frame = 0;
  let at: { x: number; y: number } | null = null;
  const check = () => {
    frame = 0;
    terms.keepHighlight();
    if (!at || !terms.showing) return;
    if (terms.hitAt(caretAt(doc, at.x, at.y))) {
      stop();
      onHit(at.x, at.y, win.performance.now());
    }
  };
  const move = (e: PointerEvent) => {
    if (!e.isTrusted || e.pointerType === 'touch') return;
    at = { x: e.clientX, y: e.clientY };
    if (!frame) frame = win.requestAnimationFrame(check);
  };
  const stop = () => {
    doc.removeEventListener('pointermove', move, { capture: true });
    if (frame) win.cancelAnimationFrame(frame);
  };
  doc.addEventListener('pointermove', move, { capture: true, passive: true });
  return stop;
}
