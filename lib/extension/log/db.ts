import Dexie, { type Table } from 'dexie';
import type { LogEntry } from '../../protocol/to-background';

/**
 * The reading log: on which pages each glossary term was seen. A database of its own (not a
 * table in the notes database, whose schema and migrations stay the notes'), in the
 * extension's origin only, read and written only through LogRepository (repository.ts).
 *
 * One row per (term, page URL): a reload or re-scan of the page replaces the row's count and
 * moves `lastSeen`, so a page is never counted twice.
 *
 * Schema history (never edit a published version; add a new one with an upgrade):
 * - v1: `sightings`.
 */

const LOG_DB_NAME = 'policy-lens-log';

/** A row: one term seen on one page (the fields are the protocol's, which shows them). */
export type Sighting = LogEntry;

export class LogDb extends Dexie {
  sightings!: Table<Sighting, [string, string]>;

  constructor(name: string = LOG_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ sightings: '[termId+url], termId, url, lastSeen' });
  }
}
