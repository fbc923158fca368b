import { t } from '../../lib/i18n';
import type { Note } from '../../lib/notes/schema';
import type { NoteActions } from './NoteItem';
import { noteLabels } from '../note-labels';
import type { PopupServices } from './services';
import type { ToastState } from './Toast';

/** Open, edit and delete (with Undo) for the popup's note lists. */
export function noteActions(
  services: PopupServices,
  onToast: (t: ToastState | null) => void,
): NoteActions {
  const labels = noteLabels();
  return {
    onOpen: (note: Note) => {
      void services
        .openNote(note)
        .catch((e: unknown) =>
          onToast({ message: t('popup_openFailed', errorText(e)), error: true }),
        );
    },
    onSave: async (note, text, tags) => {
      try {
        await services.repo.update(note.id, { text, tags }, note.rev);
        onToast({ message: labels.saved, key: Date.now() });
        return null;
      } catch (e) {
        return labels.saveFailed(errorText(e));
      }
    },
    onDelete: (note) => {
      void services.repo.delete(note.id).then(
        () =>
          onToast({
            message: labels.deleted,
            key: Date.now(),
            action: {
              label: labels.undo,
              run: () =>
                void services.repo
                  .restore(note.id)
                  .catch((e: unknown) =>
                    onToast({ message: labels.saveFailed(errorText(e)), error: true }),
                  ),
            },
          }),
        (e: unknown) => onToast({ message: labels.saveFailed(errorText(e)), error: true }),
      );
    },
  };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
