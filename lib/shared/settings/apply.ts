import type { HighlightStyle, Settings } from './settings';

/** The CSS highlight name for a term style (each name has its own ::highlight rule). */
export function termHighlightName(style: HighlightStyle): string {
  return style === 'soft' ? 'policy-lens-term' : `policy-lens-term-${style}`;
}

/** Which glossary entries (by index) the reader wants painted. */
export function termFilter(
  s: Pick<Settings, 'hiddenTerms' | 'hiddenCategories'>,
  entryIds: readonly string[],
  categories: readonly string[],
): (term: number) => boolean {
  if (s.hiddenTerms.length === 0 && s.hiddenCategories.length === 0) return () => true;
  const hiddenIds = new Set(s.hiddenTerms);
  const hiddenCats = new Set<string>(s.hiddenCategories);
  const shown = entryIds.map((id, i) => !hiddenIds.has(id) && !hiddenCats.has(categories[i] ?? ''));
  return (term) => shown[term] ?? true;
}
