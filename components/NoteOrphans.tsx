import { shorten } from './NoteEditor';
import type { NoteLabels } from './NoteLabels';

export interface OrphanNote {
  id: string;
  text: string;
  quote: string;
}

export interface NoteOrphansProps {
  notes: readonly OrphanNote[];
  labels: NoteLabels;
  open: boolean;
  onToggle: () => void;
  onClose: () => void;
  onDelete: (id: string) => void;
}

/**
 * Notes of this page whose passage is no longer on it. They are kept, never dropped: listed here
 * (and in the popup) with their quote, so the reader can find the passage or delete the note.
 */
export function NoteOrphans({
  notes,
  labels,
  open,
  onToggle,
  onClose,
  onDelete,
}: NoteOrphansProps) {
  if (notes.length === 0) return null;
  return (
    <div class="orphans">
      <div class="orphans-bar">
        <button type="button" class="orphans-toggle" aria-expanded={open} onClick={onToggle}>
          {labels.orphans(notes.length)}
        </button>
        <button type="button" class="icon" aria-label={labels.close} onClick={onClose}>
          ×
        </button>
      </div>
      {open ? (
        <ul class="orphans-list">
          {notes.map((n) => (
            <li key={n.id}>
              <blockquote class="note-quote" lang="zh-CN">
                {shorten(n.quote, 120)}
              </blockquote>
              <p class="note-body">{shorten(n.text, 400) || labels.noText}</p>
              <p class="orphan-status">{labels.notFound}</p>
              <button type="button" class="danger" onClick={() => onDelete(n.id)}>
                {labels.delete}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
