import Dexie, { type Table } from 'dexie';
import type { Note, TrashedNote } from '../../shared/notes/model';
import { cleanTags } from '../../shared/notes/tags';
import { siteOf } from '../../shared/notes/url';

/**
 * The notes database: the model's notes (lib/shared/notes/model.ts), read and written only
 * through NotesRepository (repository.ts). It lives only in the extension's own origin (the
 * background service worker and extension pages): an IndexedDB opened by a content script would belong to the
 * *page's* origin, readable by page scripts and wiped by "clear site data".
 *
 * Schema history (never edit a published version; add a new one with an upgrade):
 * - v1: `notes` (no `site` field).
 * - v2: `site` on every note (filled from the URL by the upgrade), tags trimmed and de-duplicated,
 *   and a `trash` table so that a delete can be undone, even after the tab that made it is gone.
 * - v3: `rev` on every note and trashed note (1 for notes written before revisions existed).
 */

export const DB_NAME = 'policy-lens-notes';
export const DB_VERSION = 3;

/** Index declarations per version; tests open older versions with these to test migrations. */
export const SCHEMAS = {
  1: { notes: 'id, url, createdAt, updatedAt, *termIds, *tags' },
  2: {
    notes: 'id, url, site, createdAt, updatedAt, *termIds, *tags',
    trash: 'id, deletedAt, url',
  },
  3: {
    notes: 'id, url, site, createdAt, updatedAt, *termIds, *tags',
    trash: 'id, deletedAt, url',
  },
} as const;

export class NotesDb extends Dexie {
  notes!: Table<Note, string>;
  trash!: Table<TrashedNote, string>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMAS[1]);
    this.version(2)
      .stores(SCHEMAS[2])
      .upgrade(async (tx) => {
        await tx
          .table('notes')
          .toCollection()
          .modify((n: Note) => {
            n.site ??= siteOf(n.url);
            n.tags = cleanTags(n.tags ?? []);
          });
      });
    this.version(3)
      .stores(SCHEMAS[3])
      .upgrade(async (tx) => {
        for (const table of ['notes', 'trash']) {
          await tx
            .table(table)
            .toCollection()
            .modify((n: Note) => {
              n.rev ??= 1;
            });
        }
      });
  }
}
