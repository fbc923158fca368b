/**
 * Folding for search (not for page matching, see lib/shared/text/normalize.ts): what the reader types
 * and what is searched are folded the same way, so 新質 finds 新质, ＡＩ finds ai and
 * "High-Quality" finds "high quality".
 */

/** Traditional → simplified pairs as the build step ships them ("質质產产…", see matcher.json). */
export type FoldPairs = string;

export interface Folder {
  (s: string): string;
}

/**
 * A folder: NFKC (full-width forms → ASCII), lower case, hyphens and dashes → space, and the
 * glossary's traditional → simplified character pairs. Not 1:1 in length (NFKC can expand), which
 * search does not need.
 */
export function makeFolder(pairs: FoldPairs = ''): Folder {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i]!, pairs[i + 1]!);
  const cls = map.size
    ? new RegExp(`[${[...map.keys()].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]`, 'g')
    : null;
  return (s) => {
    let out = s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[-‐‑‒–—_]/g, ' ');
    if (cls) out = out.replace(cls, (c) => map.get(c) ?? c);
    return out;
  };
}

/** True when `s` holds at least one Chinese character. */
export function hasHan(s: string): boolean {
  return /\p{Script=Han}/u.test(s);
}

/** Words of a folded query: white space separates them; empty words are dropped. */
export function queryTokens(folded: string): string[] {
  return folded.split(/[\s,，、;；]+/u).filter(Boolean);
}
