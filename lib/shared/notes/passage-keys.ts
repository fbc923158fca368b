/**
 * The "key text" of a passage, by which a note follows its passage to reprints, and the
 * fingerprints of its windows. Runs in the background (the stored passages), in page-core (the
 * every-page probe: it must cost next to nothing) and in page-ui (locating a passage).
 *
 * Key text keeps only letters, digits and ideographs, lower-cased, full-width letters and digits
 * as ASCII: white space, line breaks and every punctuation mark are dropped, because reprints
 * differ in exactly those (，vs , · 。vs . · “” vs 「」 · hard line breaks). Traditional and
 * simplified characters are not folded here: the background fingerprints each script form of a
 * passage (script-variants.ts). A window is WINDOW consecutive key units; its fingerprint is a
 * 32-bit polynomial hash, rolled along the text.
 */

export const WINDOW = 8;
const BASE = 0x01000193;
/** BASE^WINDOW mod 2^32: what the unit leaving a window weighs when the hash rolls on. */
let out = 1;
for (let i = 0; i < WINDOW; i++) out = Math.imul(out, BASE);
const OUT = out;

/** Letters, digits and ideographs (lower-cased): the units of key text. */
export function isKeyUnit(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xd800 && c <= 0xdfff) || // astral characters, as surrogate pairs
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

const FULL_WIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
// What isKeyUnit refuses (after lower-casing).
const NOT_KEY =
  /[^0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ud800-\udfff]+/g;
const halfWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/**
 * Key text of `s`, by the engine's own string functions: what every page computes once notes
 * travel (a loop over every character in cold script was most of that cost).
 */
export function keyString(s: string): string {
  return s.replace(FULL_WIDTH, halfWidth).toLowerCase().replace(NOT_KEY, '');
}

/**
 * The same key text, with the index in `s` each unit came from (for the page, which maps a
 * found passage back to its own text). Character by character, as keyString does it at once
 * (a unit test holds the two equal).
 */
export function keyText(s: string): { units: string; from: Int32Array } {
  const from = new Int32Array(s.length);
  let units = '';
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    let ch = s.slice(i, i + size);
    if (cp >= 0xff10 && cp <= 0xff5a) ch = ch.replace(FULL_WIDTH, halfWidth);
    // Ideographs and lower-case ASCII (nearly every unit) need no case mapping.
    if (!(cp >= 0x3400 && cp <= 0x9fff) && !(cp >= 0x61 && cp <= 0x7a)) ch = ch.toLowerCase();
    for (let k = 0; k < ch.length; k++) {
      if (!isKeyUnit(ch.charCodeAt(k))) continue;
      from[units.length] = i;
      units += ch[k];
    }
    i += size;
  }
  return { units, from: from.subarray(0, units.length) };
}

/** Fingerprints of every window of key text: entry i is the window starting at unit i. */
export function windowHashes(key: string): Uint32Array {
  const n = key.length;
  const hashes = new Uint32Array(Math.max(0, n - WINDOW + 1));
  let h = 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, BASE) + key.charCodeAt(i)) | 0;
    if (i >= WINDOW) h = (h - Math.imul(key.charCodeAt(i - WINDOW), OUT)) | 0;
    if (i >= WINDOW - 1) hashes[i - WINDOW + 1] = h >>> 0;
  }
  return hashes;
}

/**
 * The fingerprints of the consecutive, non-overlapping windows of key text — those starting at
 * units 0, WINDOW, 2·WINDOW … (entry k equals windowHashes(key)[k · WINDOW]): what a page sends
 * first. Any passage of at least 2·WINDOW − 1 units holds one of them whole wherever it stands,
 * and the background knows every window of every passage, so it sees each passage on the page
 * from an eighth of the page's windows.
 */
export function blockHashes(key: string): number[] {
  const out: number[] = [];
  // Unrolled (WINDOW is 8): this runs cold on every page, where each step of a loop costs.
  for (let i = 0; i + WINDOW <= key.length; i += WINDOW) {
    let h = key.charCodeAt(i);
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 1)) | 0;
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 2)) | 0;
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 3)) | 0;
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 4)) | 0;
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 5)) | 0;
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 6)) | 0;
    h = (Math.imul(h, BASE) + key.charCodeAt(i + 7)) | 0;
    out.push(h >>> 0);
  }
  return out;
}
