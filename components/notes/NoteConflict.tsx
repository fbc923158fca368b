import type { ConflictChoice } from '../../lib/shared/notes/conflict';
import type { NoteLabels } from '../../lib/shared/notes/labels';

export interface NoteConflictProps {
  /** The stored version that the save would have overwritten. */
  theirs: { text: string; tags: readonly string[]; updatedAt: number };
  labels: NoteLabels;
  onChoose: (choice: ConflictChoice) => void;
}

/** A refused save: the newer stored text, and the reader's three ways on. */
export function NoteConflict({ theirs, labels, onChoose }: NoteConflictProps) {
  return (
    <div class="note-conflict" role="alert">
      <p class="note-conflict-title">
        {labels.conflict(new Date(theirs.updatedAt).toLocaleString())}
      </p>
      <p class={theirs.text ? 'note-body' : 'note-body empty'}>{theirs.text || labels.noText}</p>
      {theirs.tags.length ? <p class="note-conflict-tags">{theirs.tags.join(', ')}</p> : null}
      <div class="note-actions">
        <button type="button" onClick={() => onChoose('theirs')}>
          {labels.conflictTheirs}
        </button>
        <button type="button" onClick={() => onChoose('merge')}>
          {labels.conflictMerge}
        </button>
        <button type="button" class="danger" onClick={() => onChoose('mine')}>
          {labels.conflictMine}
        </button>
      </div>
    </div>
  );
}
