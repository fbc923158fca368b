import { t } from '../../lib/shared/i18n';
import { ENGLISH_LABELS, type NoteLabels } from './labels';

/** The note editor's words : the popup's and the on-page editor's (public/_locales note* keys). */
export function noteLabels(): NoteLabels {
  const get = (key: string, subs?: string) => {
    const s = t(key, subs);
    return s === key ? '' : s;
  };
  const L = ENGLISH_LABELS;
  const pick = (key: string, fallback: string) => get(key) || fallback;
  return {
    add: pick('noteAdd', L.add),
    save: pick('noteSave', L.save),
    cancel: pick('noteCancel', L.cancel),
    edit: pick('noteEdit', L.edit),
    delete: pick('noteDelete', L.delete),
    undo: pick('noteUndo', L.undo),
    deleted: pick('noteDeleted', L.deleted),
    saved: pick('noteSaved', L.saved),
    placeholder: pick('notePlaceholder', L.placeholder),
    tags: pick('noteTags', L.tags),
    discardAsk: pick('noteDiscardAsk', L.discardAsk),
    discard: pick('noteDiscard', L.discard),
    keepEditing: pick('noteKeepEditing', L.keepEditing),
    notFound: pick('noteNotFound', L.notFound),
    orphans: (n) => get('noteOrphans', String(n)) || L.orphans(n),
    saveFailed: (e) => get('noteSaveFailed', e) || L.saveFailed(e),
    editor: pick('noteEditor', L.editor),
    card: pick('noteCard', L.card),
    close: pick('noteClose', L.close),
    noText: pick('noteNoText', L.noText),
    conflict: (when) => get('noteConflict', when) || L.conflict(when),
    conflictTheirs: pick('noteConflictTheirs', L.conflictTheirs),
    conflictMine: pick('noteConflictMine', L.conflictMine),
    conflictMerge: pick('noteConflictMerge', L.conflictMerge),
  };
}
