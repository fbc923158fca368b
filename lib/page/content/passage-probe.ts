import { bloomHas, keyText, WINDOW, windowHashes } from '../../shared/notes/passage-keys';
import { buildFoldTable } from '../../shared/text/normalize';
import { EXCLUDED_TAGS } from '../text/flows';
import type { PassageFilter } from '../../protocol/to-background';

/**
 * The every-page test for notes made elsewhere (runs in page-core only when notes travel): may
 * a stored passage be on this page? Rolls the window fingerprints over the page's key text and
 * tests the background's Bloom filter at each position; a candidate is a position where the
 * first two windows of some passage may start. Returns the fingerprints of the windows from
 * each candidate on (as far as the longest passage reaches) — never text — or none.
 *
 * Boilerplate (nav, header, footer, aside) and what the term scanner never reads are left out:
 * a passage that is only there is not shown.
 */
const SKIP = new Set([...EXCLUDED_TAGS, 'nav', 'header', 'footer', 'aside', 'policy-lens-ui']);
/** What one request carries at most (the background's schema says the same). */
const MAX_SENT = 100_000;

export function probePassages(doc: Document, foldPairs: string, f: PassageFilter): number[] {
  // The bench reads this measure (bench/reprint.ts): what every page pays once notes travel.
  performance.mark('policy-lens:passages-start');
  const sent = probe(doc, foldPairs, f);
  performance.measure('policy-lens:passages', 'policy-lens:passages-start');
  return sent;
}

function probe(doc: Document, foldPairs: string, f: PassageFilter): number[] {
  const root = doc.body;
  if (!root) return [];
  const parts: string[] = [];
  const walker = doc.createTreeWalker(root, 5 /* SHOW_ELEMENT | SHOW_TEXT */, (n) =>
    n.nodeType === 1 && SKIP.has((n as Element).localName) ? 2 /* FILTER_REJECT */ : 1,
  );
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3) parts.push((n as Text).data);
  }
  const bloom = { bits: fromBase64(f.bits), m: f.m, k: f.k };
  const h = windowHashes(keyText(parts.join(''), buildFoldTable(foldPairs)).units);
  const sent = new Set<number>();
  const reach = Math.max(WINDOW + 1, f.span - WINDOW + 1);
  for (let p = 0; p + WINDOW < h.length && sent.size < MAX_SENT; p++) {
    if (!bloomHas(bloom, h[p]!) || !bloomHas(bloom, h[p + WINDOW]!)) continue;
    const end = Math.min(h.length, p + reach);
    for (let q = p; q < end; q++) sent.add(h[q]!);
  }
  return [...sent].slice(0, MAX_SENT);
}

type WithBase64 = typeof Uint8Array & { fromBase64?: (s: string) => Uint8Array };

/**
 * The filter's bits. Natively where the browser has it (Chromium 140+, Firefox 133+): a loop in
 * JS over the 60 KB of 10,000 notes took 4-11 ms of the probe cold (measured in Chromium 156).
 */
function fromBase64(b64: string): Uint8Array {
  // Uint8Array.fromBase64 is newer than the TypeScript library this project targets.
  const U = Uint8Array as WithBase64;
  if (U.fromBase64) return U.fromBase64(b64);
  const raw = atob(b64);
  const bits = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bits[i] = raw.charCodeAt(i);
  return bits;
}
