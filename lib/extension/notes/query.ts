import type { Note, NotesDb } from './db';

/**
 * Read-side helpers the popup needs beyond repository.ts: the first page for a fast first paint,
 * and grouping by page. Pure where they can be.
 */

export interface PageGroup {
  url: string;
  /** The title of the page's newest note (pages retitle; the latest wins). */
  title: string;
  site: string;
  /** createdAt of the newest note in the group. */
  latest: number;
  notes: Note[];
}

/**
 * Groups notes by page URL, keeping the order in which pages first appear in `notes` (so a
 * newest-first or ranked list stays so, page by page).
 */
export function groupByPage(notes: readonly Note[]): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (const n of notes) {
    let g = groups.get(n.url);
    if (!g) {
      g = { url: n.url, title: n.title, site: n.site, latest: n.createdAt, notes: [] };
      groups.set(n.url, g);
    } else if (n.createdAt > g.latest) {
      g.latest = n.createdAt;
      g.title = n.title;
    }
    g.notes.push(n);
  }
  return [...groups.values()];
}

/** The newest `limit` notes: what the popup paints before the whole list is loaded. */
export function newestNotes(db: NotesDb, limit: number): Promise<Note[]> {
  return db.notes.orderBy('createdAt').reverse().limit(limit).toArray();
}

/** Every note (the search index's input). */
export function allNotes(db: NotesDb): Promise<Note[]> {
  return db.notes.toArray();
}

/** How many notes link the glossary term `termId`. */
export function countNotesWithTerm(db: NotesDb, termId: string): Promise<number> {
  return db.notes.where('termIds').equals(termId).count();
}
