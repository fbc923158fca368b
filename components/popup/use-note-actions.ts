import { t } from '../../lib/shared/i18n';
import { handleNoteRequest } from '../../lib/extension/notes/service';
import type { Note } from '../../lib/shared/notes/model';
import type { NoteActions } from './NoteItem';
import { noteLabels } from '../../lib/shared/notes/labels';
import type { PopupServices } from '../../lib/extension/popup/services';
import type { ToastState } from './Toast';
import { copyCitationHere } from '../../lib/extension/citation/copy-here';

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
    onSave: async (note, text, tags, baseRev) => {
      // The same write path as the background's (lib/extension/notes/service.ts), in this page.
      const r = await handleNoteRequest(services.repo, {
        type: 'note-update',
        id: note.id,
        baseRev,
        text,
        tags,
      });
      if (r.ok) {
        onToast({ message: labels.saved, key: Date.now() });
        return null;
      }
      if (r.code === 'conflict') return { conflict: r.current };
      return labels.saveFailed(r.error);
    },
    onCite: (note, format) => copyCitationHere({ note }, format),
    onDelete: (note) => {
      const fail = (error: string) => onToast({ message: labels.saveFailed(error), error: true });
      void handleNoteRequest(services.repo, { type: 'note-delete', id: note.id }).then((r) => {
        if (!r.ok) {
          fail(r.error);
          return;
        }
        onToast({
          message: labels.deleted,
          key: Date.now(),
          action: {
            label: labels.undo,
            run: () =>
              void handleNoteRequest(services.repo, { type: 'note-restore', id: note.id }).then(
                (u) => {
                  if (!u.ok) fail(u.error);
                },
              ),
          },
        });
      });
    },
  };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
