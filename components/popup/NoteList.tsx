import type { Note } from '../../lib/shared/notes/model';
import { groupByPage } from '../../lib/extension/notes/group-by-page';
import { formatDay } from './format';
import { NoteItem, type NoteActions } from './NoteItem';
import { useRoving } from './use-roving';

export interface NoteListProps extends NoteActions {
  notes: readonly Note[];
  /** Group under page headings (title, site, date); off for one page's notes. */
  grouped: boolean;
  termLabel: (id: string) => string | undefined;
  orphans?: ReadonlySet<string>;
  label: string;
}

/** Notes, page by page, in the order given; arrow keys move from note to note. */
export function NoteList({ notes, grouped, termLabel, orphans, label, ...actions }: NoteListProps) {
  const roving = useRoving(notes.length);
  let i = 0;
  const item = (n: Note) => {
    const index = i++;
    return (
      <li key={n.id}>
        <NoteItem
          note={n}
          termLabel={termLabel}
          orphan={orphans?.has(n.id) ?? false}
          roving={roving.item(index)}
          {...actions}
          onDelete={(note) => {
            actions.onDelete(note);
            // Keep the keyboard where it was: the next note (or the previous, at the end).
            setTimeout(() => roving.focusAt(Math.min(index, notes.length - 2)), 0);
          }}
        />
      </li>
    );
  };
  if (!grouped) {
    return (
      <ul class="notes" aria-label={label} onKeyDown={roving.onKeyDown}>
        {notes.map(item)}
      </ul>
    );
  }
  return (
    <div class="groups" role="list" aria-label={label} onKeyDown={roving.onKeyDown}>
      {groupByPage(notes).map((g) => (
        <section class="group" role="listitem" key={g.url} aria-label={g.title || g.url}>
          <header class="group-head">
            <h3 class="group-title" title={g.title}>
              {g.title || g.url}
            </h3>
            <div class="group-meta">
              <span class="site">{g.site}</span>
              <span aria-hidden="true"> · </span>
              <time dateTime={new Date(g.latest).toISOString()}>{formatDay(g.latest)}</time>
            </div>
          </header>
          <ul class="notes">{g.notes.map(item)}</ul>
        </section>
      ))}
    </div>
  );
}
