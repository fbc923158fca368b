import { keyText, WINDOW, windowHashes } from '../../shared/notes/passage-keys';

/**
 * Finds notes made elsewhere on this page by their window fingerprints (passage-keys.ts): the
 * background answered with each note's windows in order, and the passage is here where those
 * windows follow one another. Works in the page's key text (folded; no white space or
 * punctuation), so other markup, line breaks, half-width punctuation and a traditional reprint
 * (the background fingerprints the passage's traditional forms too) all find it; the result is
 * in anchor text offsets (page-text.ts), mapped back through the key text's `from`.
 */
const CLOSING = '。．.，,、；;：:！!？?”’」』）)】';

export function findPassages(
  anchorText: string,
  wanted: readonly (readonly number[])[],
): ({ start: number; end: number } | null)[] {
  const { units, from } = keyText(anchorText);
  const h = windowHashes(units);
  const firsts = new Map<number, number[]>();
  for (const w of wanted) if (w.length > 0) firsts.set(w[0]!, []);
  for (let p = 0; p < h.length; p++) firsts.get(h[p]!)?.push(p);
  return wanted.map((w) => {
    for (const p of firsts.get(w[0]!) ?? []) {
      if (p + w.length > h.length) break;
      let i = 1;
      while (i < w.length && h[p + i] === w[i]) i++;
      if (i < w.length) continue;
      const last = p + w.length - 1 + WINDOW - 1;
      let end = from[last]! + 1;
      // The sentence's closing mark goes with it (key text has no punctuation to match).
      while (end < anchorText.length && CLOSING.includes(anchorText[end]!)) end++;
      return { start: from[p]!, end };
    }
    return null;
  });
}
