import { t } from '../i18n';

/** The words of the note UI, looked up by the caller (browser.i18n) and passed down. */
export interface NoteLabels {
  add: string;
  save: string;
  cancel: string;
  edit: string;
  delete: string;
  undo: string;
  deleted: string;
  saved: string;
  placeholder: string;
  tags: string;
  discardAsk: string;
  discard: string;
  keepEditing: string;
  notFound: string;
  orphans: (count: number) => string;
  saveFailed: (error: string) => string;
  editor: string;
  card: string;
  close: string;
  noText: string;
  /** "This note was changed elsewhere ($1) after you opened it." */
  conflict: (when: string) => string;
  conflictTheirs: string;
  conflictMine: string;
  conflictMerge: string;
  /** A note made on another page, shown here for its passage: "From people.cn". */
  fromSite: (site: string) => string;
}

export const ENGLISH_LABELS: NoteLabels = {
  add: 'Add note',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  delete: 'Delete',
  undo: 'Undo',
  deleted: 'Note deleted.',
  saved: 'Note saved.',
  placeholder: 'Your note (Ctrl+Enter to save)',
  tags: 'Tags (comma-separated)',
  discardAsk: 'Discard this note?',
  discard: 'Discard',
  keepEditing: 'Keep editing',
  notFound: 'not found on this page',
  orphans: (n) => `${n} note(s) not found on this page`,
  saveFailed: (e) => `The note could not be saved: ${e}`,
  editor: 'Note editor',
  card: 'Note',
  close: 'Close',
  noText: '(no text)',
  conflict: (when) => `This note was changed elsewhere (${when}) after you opened it:`,
  conflictTheirs: 'Use this version',
  conflictMine: 'Overwrite with mine',
  conflictMerge: 'Merge both',
  fromSite: (site) => `From ${site}`,
};

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
    fromSite: (site) => get('noteFromSite', site) || L.fromSite(site),
  };
}
