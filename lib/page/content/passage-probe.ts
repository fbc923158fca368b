import { anchorsOf, keyString, windowHashes } from '../../shared/notes/passage-keys';
import { EXCLUDED_TAGS } from '../text/flows';

/**
 * The page's side of notes that follow their passage (runs only when some note travels):
 * fingerprints of the page's key text (passage-keys.ts), never text. First its anchors (about a
 * fifth of its windows), which the background checks against every travelling passage's; then,
 * only where some passage's anchors all are, every window within reach of them, so that the
 * background can see the whole passage is here before it names the note.
 *
 * Boilerplate (nav, header, footer, aside) and what the term scanner never reads are left out:
 * a passage that is only there is not shown.
 */
const SKIP = new Set([...EXCLUDED_TAGS, 'nav', 'header', 'footer', 'aside']);
/** What one request carries at most (the background's schema says the same). */
export const MAX_SENT = 100_000;

export interface PageFingerprints {
  /** Every window's fingerprint, in page order. */
  windows: Uint32Array;
  /** The distinct anchors among them. */
  anchors: number[];
}

export function pageFingerprints(doc: Document): PageFingerprints {
  // The bench reads this measure (bench/reprint.ts): what every page pays once notes travel.
  performance.mark('policy-lens:passages-start');
  const windows = windowHashes(keyString(pageText(doc)));
  const anchors = [...new Set(anchorsOf(windows))].slice(0, MAX_SENT);
  performance.measure('policy-lens:passages', 'policy-lens:passages-start');
  return { windows, anchors };
}

/** The windows `reach` either side of each window whose fingerprint is a hit. */
export function windowsAround(
  windows: Uint32Array,
  hits: ReadonlySet<number>,
  reach: number,
): number[] {
  const sent = new Set<number>();
  for (let p = 0; p < windows.length; p++) {
    if (!hits.has(windows[p]!)) continue;
    const end = Math.min(windows.length, p + reach);
    for (let q = Math.max(0, p - reach + 1); q < end; q++) sent.add(windows[q]!);
  }
  return [...sent].slice(0, MAX_SENT);
}

/**
 * The body's text without the skipped subtrees: a walker without a filter callback (one call
 * into script per node is most of a filtered walk's cost), stepping over what it skips.
 */
function pageText(doc: Document): string {
  const root = doc.body;
  if (!root) return '';
  const w = doc.createTreeWalker(root, 5 /* SHOW_ELEMENT | SHOW_TEXT */);
  const parts: string[] = [];
  let n: Node | null = w.firstChild();
  while (n) {
    if (n.nodeType === 3) parts.push((n as Text).data);
    else if (!SKIP.has((n as Element).localName)) {
      const child = w.firstChild();
      if (child) {
        n = child;
        continue;
      }
    }
    n = w.nextSibling();
    while (!n && w.parentNode()) n = w.nextSibling();
  }
  return parts.join('');
}
