import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type { NoteLabels } from '../../lib/shared/notes/labels';

export interface NoteCardProps {
  note: { text: string; tags: readonly string[]; updatedAt: number };
  labels: NoteLabels;
  busy?: boolean;
  error?: string | null;
  onEdit: () => void;
  onDelete: () => void;
  /**
   * Copies the note as a citation in the reader's default format (the popup's note card has
   * the menu of formats; a frame sized to its card has no room for one).
   */
  onCite?: () => Promise<boolean>;
}

/** One note as shown over its passage: the text (always as text), tags, date, Edit, Delete. */
export function NoteCard({
  note,
  labels,
  busy = false,
  error,
  onEdit,
  onDelete,
  onCite,
}: NoteCardProps) {
  const date = new Date(note.updatedAt);
  const [copied, setCopied] = useState<boolean | null>(null);
  const timer = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
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
        {onCite ? (
          <button
            type="button"
            class="cite"
            onClick={() =>
              void onCite().then((ok) => {
                setCopied(ok);
                clearTimeout(timer.current);
                timer.current = window.setTimeout(() => setCopied(null), 2500);
              })
            }
          >
            <span aria-live="polite">
              {copied === null ? t('cite') : copied ? t('cite_copied') : t('cite_failed')}
            </span>
          </button>
        ) : null}
      </div>
    </div>
  );
}
