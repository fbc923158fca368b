import { firstNode, type Hit } from '../highlight/layer';
import type { TermsController } from './terms';

/**
 * Keyboard and popup navigation through the highlighted terms: the next (or previous) hit after
 * the last one stepped to, or after the viewport top, scrolled to the middle of the viewport;
 * of one term when `termId` is given.
 */
export function stepper(terms: TermsController, doc: Document) {
  let last: Hit | null = null;
  return (direction: 1 | -1, termId: string | null): Hit | null => {
    if (!terms.showing) return null;
    const term = termId === null ? null : terms.termIndex(termId);
    if (term === -1) return null;
    const hits = [...terms.layer.hits()].filter((h) => term === null || h.term === term);
    if (hits.length === 0) return null;
    hits.sort(compareHits);
    let i: number;
    const at = last && hits.indexOf(last);
    if (at !== null && at >= 0) i = at + direction;
    else {
      // First move: the first hit below the top of the viewport (or the last above it).
      const firstBelow = hits.findIndex((h) => rangeRect(doc, h).top >= 0);
      i =
        direction === 1 ? Math.max(0, firstBelow) : (firstBelow < 0 ? hits.length : firstBelow) - 1;
    }
    i = (i + hits.length) % hits.length;
    const hit = hits[i]!;
    last = hit;
    firstNode(hit).parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    return hit;
  };
}

function compareHits(a: Hit, b: Hit): number {
  const x = a.range;
  const y = b.range;
  if (x.startContainer === y.startContainer) return x.startOffset - y.startOffset;
  return x.startContainer.compareDocumentPosition(y.startContainer) & 4 ? -1 : 1;
}

function rangeRect(doc: Document, hit: Hit): DOMRect {
  const r = doc.createRange();
  r.setStart(hit.range.startContainer, hit.range.startOffset);
  r.setEnd(hit.range.endContainer, hit.range.endOffset);
  return r.getBoundingClientRect();
}
