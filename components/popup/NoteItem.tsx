import { useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import { resolveConflict, type ConflictChoice } from '../../lib/shared/notes/conflict';
import type { Note } from '../../lib/shared/notes/model';
import { NoteConflict } from '../notes/NoteConflict';
import { NoteEditor } from '../notes/NoteEditor';
import { CiteMenu } from '../terms/CiteMenu';
import type { CitationFormat } from '../../lib/shared/citation/formats';
import { formatDateTime } from './format';
import { noteLabels } from '../../lib/shared/notes/labels';

export interface NoteActions {
  onOpen: (note: Note) => void;
  /**
   * Saves an edit that started from revision `baseRev`: null when saved, an error to show, or
   * the stored note when it changed elsewhere since (the reader then chooses).
   */
  onSave: (
    note: Note,
    text: string,
    tags: string[],
    baseRev: number,
  ) => Promise<string | null | { conflict: Note }>;
  onDelete: (note: Note) => void;
  /** Copies the note as a citation (no format: the reader's default). */
  onCite?: (note: Note, format?: CitationFormat) => Promise<boolean>;
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
  onCite,
}: NoteItemProps) {
  const [editing, setEditingState] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Note | null>(null);
  // What the editor started from: the list updates live, so `note` may move on while editing.
  const [start, setStart] = useState({ key: 0, text: '', tags: [] as readonly string[], rev: 0 });
  const lastTry = useRef({ text: '', tags: [] as string[] });
  const setEditing = (on: boolean) => {
    if (on) setStart((s) => ({ key: s.key + 1, text: note.text, tags: note.tags, rev: note.rev }));
    setConflict(null);
    setEditingState(on);
  };
  const save = (text: string, tags: string[], baseRev: number) => {
    lastTry.current = { text, tags };
    setBusy(true);
    void onSave(note, text, tags, baseRev).then((r) => {
      setBusy(false);
      if (r !== null && typeof r === 'object') {
        setError(null);
        setConflict(r.conflict);
        return;
      }
      setError(r);
      if (!r) stopEditing();
    });
  };
  const choose = (choice: ConflictChoice) => {
    if (!conflict) return;
    const next = resolveConflict(choice, lastTry.current, conflict);
    setConflict(null);
    if (choice === 'mine') save(next.text, next.tags, conflict.rev);
    else setStart((s) => ({ key: s.key + 1, ...next, rev: conflict.rev }));
  };
  const labels = noteLabels();
  const inOrder = roving.tabIndex === 0 ? 0 : -1;
  const self = useRef<HTMLElement | null>(null);
  const stopEditing = () => {
    setEditingState(false);
    setConflict(null);
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
      {editing && conflict ? (
        <NoteConflict theirs={conflict} labels={labels} onChoose={choose} />
      ) : null}
      {editing ? (
        <NoteEditor
          key={start.key}
          quote={note.selectors.quote.exact}
          initialText={start.text}
          initialTags={start.tags}
          labels={labels}
          error={error}
          busy={busy}
          onSave={(text, tags) => save(text, tags, start.rev)}
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
              {onCite ? (
                <CiteMenu onCite={(format) => onCite(note, format)} trustedOnly={false} />
              ) : null}
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
