/**
 * Which terms each term's own wording contains: 新质生产力 inside a matched thesis sentence.
 * The page matcher is leftmost-longest, so a page reports the sentence and not the terms in it;
 * the reading log counts those inner terms too. Computed once by the glossary build
 * (glossary/generated/nesting.json) so neither the content script nor the background pays
 * for it at run time.
 */

/** outer entry id → inner entry id → occurrences, inner terms of inner terms included. */
export type Nesting = Record<string, Record<string, number>>;

/**
 * `patterns`: the matcher's folded patterns with their entry index; `heads`: each entry's
 * folded headword (by index). Inner terms are found in the headword as the page matcher would
 * find them: leftmost-longest among the other entries' patterns.
 */
export function nestedTerms(
  entryIds: readonly string[],
  heads: readonly string[],
  patterns: readonly (readonly [string, number])[],
): Nesting {
  const direct = heads.map((head, outer) => {
    const inside = patterns.filter(
      ([p, term]) => term !== outer && p.length < head.length && head.includes(p),
    );
    const found = new Map<number, number>();
    for (let i = 0; i < head.length;) {
      let best: readonly [string, number] | undefined;
      for (const c of inside) {
        if ((!best || c[0].length > best[0].length) && head.startsWith(c[0], i)) best = c;
      }
      if (!best) {
        i++;
        continue;
      }
      found.set(best[1], (found.get(best[1]) ?? 0) + 1);
      i += best[0].length;
    }
    return found;
  });
  // Inner terms are strictly shorter than their outer term: the recursion ends.
  const memo = new Map<number, Map<number, number>>();
  const total = (outer: number): Map<number, number> => {
    const known = memo.get(outer);
    if (known) return known;
    const sum = new Map<number, number>();
    for (const [inner, n] of direct[outer] ?? []) {
      sum.set(inner, (sum.get(inner) ?? 0) + n);
      for (const [deeper, m] of total(inner)) sum.set(deeper, (sum.get(deeper) ?? 0) + n * m);
    }
    memo.set(outer, sum);
    return sum;
  };
  const out: Nesting = {};
  entryIds.forEach((id, outer) => {
    const sum = total(outer);
    if (!sum.size) return;
    out[id] = Object.fromEntries([...sum].map(([inner, n]) => [entryIds[inner]!, n]));
  });
  return out;
}

/** A page's counts with each term's inner terms added (what the reading log stores). */
export function withInnerTerms(
  counts: readonly { termId: string; count: number }[],
  nesting: Nesting,
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (id: string, n: number) => out.set(id, (out.get(id) ?? 0) + n);
  for (const { termId, count } of counts) {
    add(termId, count);
    for (const [inner, n] of Object.entries(nesting[termId] ?? {})) add(inner, count * n);
  }
  return out;
}
