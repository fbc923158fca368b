import type { Note } from '../../shared/notes/model';

/** Notes grouped by page, as the popup lists them and the Markdown export cites them. */

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
