import { customGlossaryDb } from './custom-db';
import { customDetails } from './custom-lookup';
import { customPatterns, type CustomPatterns } from '../../shared/glossary/custom-matcher';
import type { TermDetailsData } from '../../shared/glossary/lookup';

// Background answers about the reader's own terms; the database opens lazily on each request.

export async function customTermPatterns(): Promise<CustomPatterns[]> {
  const terms = await customGlossaryDb().terms.toArray();
  return terms.map(customPatterns);
}

export async function customTermDetails(id: string): Promise<TermDetailsData | null> {
  const t = await customGlossaryDb().terms.get(id);
  return t ? customDetails(t) : null;
}
