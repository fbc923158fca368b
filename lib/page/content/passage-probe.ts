import { blockHashes, keyString, WINDOW, windowHashes } from '../../shared/notes/passage-keys';
import { sendToBackground } from '../../protocol/send';
import type { PassageMatch } from '../../protocol/to-background';
import { canonicalOf } from './canonical';
import { EXCLUDED_TAGS } from '../text/flows';

/**
 * The page's side of notes that follow their passage (passage-probe.js, loaded only when some
 * note travels):
 * fingerprints of the page's key text (passage-keys.ts), never text. First its consecutive
 * blocks (an eighth of its windows), which the background checks against every window of every
 * travelling passage; then, only around the blocks where some passage may be, every window
 * within its reach, so that the background can see the whole passage is here before it names
 * the note.
 *
 * Boilerplate (nav, header, footer, aside) and what the term scanner never reads are left out:
 * a passage that is only there is not shown.
 */
const SKIP = new Set([...EXCLUDED_TAGS, 'nav', 'header', 'footer', 'aside']);
/** What one request carries at most (the background's schema says the same). */
const MAX_SENT = 100_000;

/**
 * The notes made elsewhere whose passage is on this page: first the blocks, then the windows
 * around the candidates; `onCandidates` is told when there are some (a note is then nearly
 * always there: the caller loads the UI while the background answers). None on any failure.
 */
export type PassageProbe = (doc: Document, onCandidates: () => void) => Promise<PassageMatch[]>;

export const findPassagesFromElsewhere: PassageProbe = async (doc, onCandidates) => {
  const { key, blocks } = pageFingerprints(doc);
  if (blocks.length === 0) return [];
  const canonical = canonicalOf(doc);
  const a = await sendToBackground({ type: 'passage-blocks', canonical, blocks }).catch(() => null);
  if (!a?.ok || !a.candidates?.hits.length) return [];
  onCandidates();
  const r = await sendToBackground({
    type: 'notes-by-passage',
    canonical,
    windows: windowsAround(key, a.candidates.hits, a.candidates.reach),
  }).catch(() => null);
  return (r?.ok && r.passages) || [];
};

interface PageFingerprints {
  /** The page's key text (kept in this content script; never sent). */
  key: string;
  blocks: number[];
}

function pageFingerprints(doc: Document): PageFingerprints {
  // The bench reads this measure (bench/reprint.ts): what every page pays once notes travel.
  performance.mark('policy-lens:passages-start');
  const key = keyString(pageText(doc));
  const blocks = blockHashes(key).slice(0, MAX_SENT);
  performance.measure('policy-lens:passages', 'policy-lens:passages-start');
  return { key, blocks };
}

/** The windows of `key` within `reach` windows of each block in `hits`. */
export function windowsAround(key: string, hits: readonly number[], reach: number): number[] {
  const sent = new Set<number>();
  for (const b of hits) {
    const from = Math.max(0, b * WINDOW - reach + 1);
    const around = key.slice(from, b * WINDOW + WINDOW + reach - 1);
    for (const h of windowHashes(around)) sent.add(h);
    if (sent.size >= MAX_SENT) break;
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
