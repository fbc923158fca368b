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

/** A 32-bit finaliser (MurmurHash3's): Bloom filter positions from a window's fingerprint. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The every-page filter: may a passage start with these two windows? A Bloom filter of `m` bits
 * with `k` positions per fingerprint (double hashing), built by the background from the first
 * two non-overlapping windows of every travelling passage.
 */
export interface BloomBits {
  bits: Uint8Array;
  m: number;
  k: number;
}

/** Bloom filter positions of a fingerprint: double hashing over two mixes of it. */
function pair(h: number): [number, number] {
  const a = mix(h);
  return [a, mix(a ^ 0x9e3779b9) | 1];
}

// A plain loop (no callback): page-core runs it at every position of the page, mostly cold. The
// first bit is tested before the second mix: about half the positions stop there.
export function bloomHas(f: BloomBits, h: number): boolean {
  const a = mix(h);
  let p = a % f.m;
  if ((f.bits[p >>> 3]! & (1 << (p & 7))) === 0) return false;
  const b = mix(a ^ 0x9e3779b9) | 1;
  for (let i = 1; i < f.k; i++) {
    p = ((a + Math.imul(i, b)) >>> 0) % f.m;
    if ((f.bits[p >>> 3]! & (1 << (p & 7))) === 0) return false;
  }
  return true;
}

export function bloomAdd(f: BloomBits, h: number): void {
  const [a, b] = pair(h);
  for (let i = 0; i < f.k; i++) {
    const p = ((a + Math.imul(i, b)) >>> 0) % f.m;
    f.bits[p >>> 3] = f.bits[p >>> 3]! | (1 << (p & 7));
  }
}
