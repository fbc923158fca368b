import Dexie, { type Table } from 'dexie';

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

export interface Sighting {
  termId: string;
  /** The frame's URL as the browser reported it, without its #fragment. */
  url: string;
  title: string;
  /** The registrable domain (people.com.cn), or the host when it has none. */
  site: string;
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
  /** Occurrences on the page at its latest scan, inner occurrences in longer terms included. */
  count: number;
}

export class LogDb extends Dexie {
  sightings!: Table<Sighting, [string, string]>;

  constructor(name: string = LOG_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ sightings: '[termId+url], termId, url, lastSeen' });
  }
}
