import type { FoldTable } from '../text/normalize';

/**
 * The "key text" of a passage, by which a note follows its passage to reprints, and the
 * fingerprints of its windows. Runs in the background (the stored passages), in page-core (the
 * every-page probe: it must stay tiny) and in page-ui (locating a passage).
 *
 * Key text is the matcher's folding (lib/shared/text/normalize.ts: full-width → ASCII, case,
 * the traditional characters it knows) keeping only letters, digits and ideographs: white
 * space, line breaks and every punctuation mark are dropped, because reprints differ in exactly
 * those (，vs , · 。vs . · “” vs 「」 · hard line breaks). A window is WINDOW consecutive key
 * units; its fingerprint is a 32-bit polynomial hash, rolled along the text.
 */

export const WINDOW = 8;
const BASE = 0x01000193;
/** BASE^(WINDOW-1) mod 2^32: what leaves a window when it rolls on. */
let out = 1;
for (let i = 1; i < WINDOW; i++) out = Math.imul(out, BASE);
const OUT = out;

/** Letters, digits and ideographs (after folding): the units of key text. */
export function isKeyUnit(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xd800 && c <= 0xdfff) || // astral ideographs, as surrogate pairs
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * Key text of `s`: its key units, and for each the index in `s` it came from (for the page,
 * which maps a found passage back to its own text).
 */
export function keyText(s: string, fold: FoldTable): { units: Uint16Array; from: Int32Array } {
  const units = new Uint16Array(s.length);
  const from = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c ^ fold[c]!;
    if (!isKeyUnit(f)) continue;
    units[n] = f;
    from[n++] = i;
  }
  return { units: units.subarray(0, n), from: from.subarray(0, n) };
}

/** Fingerprints of every window of `units`: entry i is the window starting at unit i. */
export function windowHashes(units: ArrayLike<number>): Uint32Array {
  const n = units.length;
  const hashes = new Uint32Array(Math.max(0, n - WINDOW + 1));
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (i >= WINDOW) h = (h - Math.imul(units[i - WINDOW]!, OUT)) | 0;
    h = (Math.imul(h, BASE) + units[i]!) | 0;
    if (i >= WINDOW - 1) hashes[i - WINDOW + 1] = h >>> 0;
  }
  return hashes;
}

/**
 * Winnowing (Schleimer, Wilkerson and Aiken, 2003): of every ANCHOR_SPAN consecutive window
 * fingerprints, the smallest (the rightmost of equals) is an anchor. The choice in a span depends
 * on that span alone, so a passage of at least ANCHOR_SPAN windows (WINDOW + ANCHOR_SPAN - 1 = 16
 * key units, the shortest that travels) has the same anchors wherever it stands, whatever text
 * surrounds it: the page sends its anchors (about a fifth of its windows) and the background
 * keeps each passage's, so a page holding a passage has sent all of that passage's anchors.
 */
export const ANCHOR_SPAN = 9;

/** The anchors of `hashes`, in order, each once per run (a span's minimum often stays). */
export function anchorsOf(hashes: ArrayLike<number>): number[] {
  const out: number[] = [];
  const n = hashes.length;
  let min = -1;
  for (let end = ANCHOR_SPAN - 1; end < n; end++) {
    const start = end - ANCHOR_SPAN + 1;
    if (min < start) {
      // The minimum left the span: look at the whole span again (at most once per span).
      min = start;
      for (let i = start + 1; i <= end; i++) if (hashes[i]! <= hashes[min]!) min = i;
      out.push(hashes[min]!);
    } else if (hashes[end]! <= hashes[min]!) {
      min = end;
      out.push(hashes[min]!);
    }
  }
  return out;
}
