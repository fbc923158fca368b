import Dexie, { type Table } from 'dexie';
import type { CustomTerm, CustomTermInput } from './custom';

/**
 * The reader's own glossary, in the extension's origin (options page and background), apart
 * from the notes database so the two schemas evolve independently.
 */
export class CustomGlossaryDb extends Dexie {
  terms!: Table<CustomTerm, string>;

  constructor(name = 'policy-lens-custom-glossary') {
    super(name);
    this.version(1).stores({ terms: 'id, term, updatedAt' });
  }
}

let db: CustomGlossaryDb | null = null;
export function customGlossaryDb(): CustomGlossaryDb {
  db ??= new CustomGlossaryDb();
  return db;
}

/** Adds all rows in one transaction: an import lands whole or not at all. */
export async function addCustomTerms(
  d: CustomGlossaryDb,
  rows: CustomTermInput[],
): Promise<CustomTerm[]> {
  const now = Date.now();
  const terms = rows.map((r) => ({
    ...r,
    id: `custom-${crypto.randomUUID()}`,
    createdAt: now,
    updatedAt: now,
  }));
  await d.transaction('rw', d.terms, () => d.terms.bulkAdd(terms));
  return terms;
}

export async function updateCustomTerm(
  d: CustomGlossaryDb,
  id: string,
  patch: Partial<CustomTermInput>,
) {
  await d.terms.update(id, { ...patch, updatedAt: Date.now() });
}

export async function removeCustomTerm(d: CustomGlossaryDb, id: string) {
  await d.terms.delete(id);
}
