import { customGlossaryDb } from './custom-db';
import { customDetails } from './custom-lookup';
import type { MatcherData } from '../../shared/glossary/compile';
import { customPatterns, withCustomTerms } from '../../shared/glossary/custom-matcher';
import type { TermDetailsData } from '../../shared/glossary/lookup';

// Background answers about the reader's own terms; the database opens lazily on each request.

/** The bundled matcher with the reader's terms merged in; null when they have none. */
export async function customMatcher(bundled: MatcherData): Promise<MatcherData | null> {
  const terms = await customGlossaryDb().terms.toArray();
  return terms.length ? withCustomTerms(bundled, terms.map(customPatterns)) : null;
}

export async function customTermDetails(id: string): Promise<TermDetailsData | null> {
  const t = await customGlossaryDb().terms.get(id);
  return t ? customDetails(t) : null;
}
