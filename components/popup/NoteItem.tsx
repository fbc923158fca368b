import { useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { Note } from '../../lib/notes/schema';
import { NoteEditor } from '../NoteEditor';
import { formatDateTime } from './format';
import { noteLabels } from '../note-labels';

export interface NoteActions {
  onOpen: (note: Note) => void;
  onSave: (note: Note, text: string, tags: string[]) => Promise<string | null>;
  onDelete: (note: Note) => void;
}

export interface NoteItemProps extends NoteActions {
  note: Note;
  /** Headwords of the linked terms, for the chips under the note. */
  termLabel: (id: string) => string | undefined;
  /** Listed as "not found on this page" (This page view). */
  orphan?: boolean;
  /** Roving focus: the item's attributes and whether its controls are in the tab order. */
  roving: Record<string, unknown> & { tabIndex: number };
}

/**
 * One note: its quote, the reader's text, tags, terms and date; Open (at the note on its page),
 * Edit (inline, the same editor as on the page), Delete (undo in the toast). Enter opens, E
 * edits, Delete deletes. Everything from the note is rendered as text.
 */
export function NoteItem({
  note,
  termLabel,
  orphan = false,
  roving,
  onOpen,
  onSave,
  onDelete,
}: NoteItemProps) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = noteLabels();
  const inOrder = roving.tabIndex === 0 ? 0 : -1;
  const self = useRef<HTMLElement | null>(null);
  const stopEditing = () => {
    setEditing(false);
    setTimeout(() => self.current?.focus(), 0);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (editing || e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(note);
    } else if (e.key === 'e' || e.key === 'E') {
      e.preventDefault();
      setEditing(true);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      onDelete(note);
    }
  };

  const terms = note.termIds.flatMap((id) => {
    const label = termLabel(id);
    return label ? [{ id, label }] : [];
  });

  return (
    <article
      class={orphan ? 'note-item orphan' : 'note-item'}
      aria-label={shortLabel(note)}
      aria-keyshortcuts="Enter E Delete"
      onKeyDown={onKeyDown}
      {...roving}
      ref={(el: HTMLElement | null) => {
        self.current = el;
        (roving.ref as ((el: HTMLElement | null) => void) | undefined)?.(el);
      }}
    >
      {editing ? null : <blockquote class="note-quote">{note.selectors.quote.exact}</blockquote>}
      {editing ? (
        <NoteEditor
          quote={note.selectors.quote.exact}
          initialText={note.text}
          initialTags={note.tags}
          labels={labels}
          error={error}
          busy={busy}
          onSave={(text, tags) => {
            setBusy(true);
            void onSave(note, text, tags).then((err) => {
              setBusy(false);
              setError(err);
              if (!err) stopEditing();
            });
          }}
          onCancel={() => {
            setError(null);
            stopEditing();
          }}
        />
      ) : (
        <>
          {note.text ? <p class="note-text">{note.text}</p> : null}
          <div class="note-meta">
            <time dateTime={new Date(note.createdAt).toISOString()}>
              {formatDateTime(note.createdAt)}
            </time>
            {orphan ? <span class="badge warn">{t('popup_notFoundOnPage')}</span> : null}
            {note.tags.map((tag) => (
              <span key={tag} class="chip tag">
                #{tag}
              </span>
            ))}
            {terms.map((x) => (
              <span key={x.id} class="chip term" lang="zh-CN">
                {x.label}
              </span>
            ))}
            <span class="note-actions">
              <button type="button" tabIndex={inOrder} onClick={() => onOpen(note)}>
                {t('popup_open')}
              </button>
              <button type="button" tabIndex={inOrder} onClick={() => setEditing(true)}>
                {labels.edit}
              </button>
              <button
                type="button"
                class="danger"
                tabIndex={inOrder}
                onClick={() => onDelete(note)}
              >
                {labels.delete}
              </button>
            </span>
          </div>
        </>
      )}
    </article>
  );
}

function shortLabel(n: Note): string {
  const s = (n.text || n.selectors.quote.exact).replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
