import Dexie, { type Table } from 'dexie';
import { limitsProblem, type CustomTerm, type CustomTermInput } from '../../shared/glossary/custom';

/** An import refused inside the write: it would pass the glossary's limits. Nothing changed. */
export class CustomGlossaryLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomGlossaryLimitError';
  }
}

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
  await d.transaction('rw', d.terms, async () => {
    // Checked again here: terms saved since the file was read (another options tab) count too.
    const problem = limitsProblem(await d.terms.toArray(), rows);
    if (problem) throw new CustomGlossaryLimitError(problem);
    await d.terms.bulkAdd(terms);
  });
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
