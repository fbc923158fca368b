import type { NoteLabels } from '../../lib/shared/notes/labels';

export interface NoteCardProps {
  note: { text: string; tags: readonly string[]; updatedAt: number };
  labels: NoteLabels;
  busy?: boolean;
  error?: string | null;
  onEdit: () => void;
  onDelete: () => void;
}

/** One note as shown over its passage: the text (always as text), tags, date, Edit, Delete. */
export function NoteCard({ note, labels, busy = false, error, onEdit, onDelete }: NoteCardProps) {
  const date = new Date(note.updatedAt);
  return (
    <div class="note-card">
      <p class={note.text ? 'note-body' : 'note-body empty'}>{note.text || labels.noText}</p>
      {note.tags.length ? (
        <ul class="note-tag-list">
          {note.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p class="note-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="note-actions">
        <time class="note-date" dateTime={date.toISOString()}>
          {date.toLocaleString()}
        </time>
        <button type="button" onClick={onEdit} disabled={busy}>
          {labels.edit}
        </button>
        <button type="button" class="danger" onClick={onDelete} disabled={busy}>
          {labels.delete}
        </button>
      </div>
    </div>
  );
}
