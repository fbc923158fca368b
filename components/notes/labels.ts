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
};
