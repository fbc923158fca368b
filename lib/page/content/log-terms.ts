import { sendToBackground } from '../../protocol/send';
import type { TermsController } from './terms';

/**
 * Tells the background (the reading log) which terms a finished scan found, once per scan
 * and only when they changed: a page mutating all the time settles before it is told
 * (debounced), and a page without terms never wakes the service worker nor waits for a timer.
 * The counts are the page report's; the page's URL and title are taken from the sender by the
 * background.
 */
export function logTermsAfterScans(win: Window, terms: TermsController): () => void {
  let timer = 0;
  let last = '';
  return () => {
    win.clearTimeout(timer);
    // No hit, nothing to send (an empty list never is), and no timer.
    if (terms.layer.size === 0) return;
    timer = win.setTimeout(() => {
      // The counts only: the whole report would read the page's URL and title, which the
      // background takes from the sender.
      const found = terms.termCounts();
      const key = JSON.stringify(found);
      if (!found.length || key === last) return;
      last = key;
      sendToBackground({ type: 'log-page-terms', terms: found }).catch(() => {});
    }, 800);
  };
}
