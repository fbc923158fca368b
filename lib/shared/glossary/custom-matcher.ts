import type { MatcherData } from './compile';
import type { CustomTerm } from './custom';
import { MAX_ALIASES, MAX_CUSTOM_PATTERNS } from './custom-limits';
import { matchStartsSource } from '../match/match-starts';
import { buildFoldTable, normalizePattern } from '../text/normalize';

/** storage.local key bumped when the custom glossary changes: open pages re-scan. */
export const CUSTOM_GLOSSARY_STAMP = 'customGlossaryStamp';

/** What the content script needs of a custom term to match it. */
export interface CustomPatterns {
  id: string;
  patterns: string[];
}

export function customPatterns(
  t: Pick<CustomTerm, 'id' | 'term' | 'aliases' | 'english'>,
): CustomPatterns {
  // Capped as imports are: a glossary saved before the limits existed must not cost every page.
  const aliases = t.aliases.slice(0, MAX_ALIASES);
  return { id: t.id, patterns: [t.term, ...aliases, ...(t.english ? [t.english] : [])] };
}

/**
 * The bundled matcher data with the reader's terms appended (entry indices after the bundled
 * ones), so one trie keeps leftmost-longest across both glossaries. Custom patterns are
 * folded with the bundled table: full-width, case and list commas fold; traditional forms of a
 * custom term only where the bundled glossary already needed those characters.
 */
export function withCustomTerms(data: MatcherData, custom: readonly CustomPatterns[]): MatcherData {
  if (custom.length === 0) return data;
  const fold = buildFoldTable(data.fold);
  const taken = new Set(data.patterns.map(([p]) => p));
  const patterns = [...data.patterns];
  const entryIds = [...data.entryIds];
  const categories = [...data.categories];
  let budget = MAX_CUSTOM_PATTERNS;
  for (const c of custom) {
    if (budget <= 0) break;
    const index = entryIds.length;
    entryIds.push(c.id);
    categories.push('custom');
    for (const raw of c.patterns) {
      const p = normalizePattern(raw, fold);
      if (p.length < 2 || taken.has(p) || budget <= 0) continue;
      budget--;
      taken.add(p);
      patterns.push([p, index]);
    }
  }
  const starts = matchStartsSource(
    patterns.map(([p]) => p),
    fold,
  );
  return { ...data, patterns, entryIds, categories, starts };
}
