import { anchorQuote } from './anchor';
import { PageText } from './page-text';

/**
 * The content-script side of the popup's "Open" on a note: find the passage (the same anchoring
 * as the note highlights: position, then exact quote ranked by context, then approximate), scroll
 * it to the middle of the viewport and flash it briefly.
 *
 * The flash is drawn by `flash` (the note overlay in our closed shadow root): a note's position
 * never enters the page-visible highlight registry. With reduced motion the passage is tinted
 * once, without blinking.
 */

const BLINKS = [0, 500, 750, 1250, 1500, 2200]; // on, off, on, off, on, off (ms)

export interface RevealRequest {
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

export function revealNote(
  win: Window & typeof globalThis,
  req: RevealRequest,
  flash: (range: StaticRange | null) => void,
): { found: boolean } {
  const doc = win.document;
  const page = PageText.fromDocument(doc);
  const m = anchorQuote(page.text, req.quote, req.position);
  const b = m ? page.boundaries(m.start, m.end) : null;
  if (!b) return { found: false };
  const range = new StaticRange(b);
  const el = b.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: 'instant' });
  const reduced = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const steps = reduced ? [0, 2200] : BLINKS;
  steps.forEach((at, i) => {
    win.setTimeout(() => {
      flash(i % 2 === 0 ? range : null);
    }, at);
  });
  return { found: true };
}
