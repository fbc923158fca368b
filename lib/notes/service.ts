import type { NoteRequest, NoteResponse } from './messages';
import {
  NoteConflictError,
  NoteNotFoundError,
  NoteTooLongError,
  type NotesRepository,
} from './repository';
import { SELECTOR_VERSION } from './schema';

/**
 * Answers a (validated) note request against the repository. Never throws: a failed write is
 * reported back as `{ ok: false }` so the page shows it instead of losing the note silently.
 */
export async function handleNoteRequest(
  repo: NotesRepository,
  req: NoteRequest,
): Promise<NoteResponse> {
  try {
    switch (req.type) {
      case 'notes-for-page':
        return { ok: true, notes: await repo.byUrl(req.url) };
      case 'note-create':
        return {
          ok: true,
          note: await repo.add({
            ...req.note,
            selectors: { ...req.note.selectors, version: SELECTOR_VERSION },
          }),
        };
      case 'note-update': {
        const patch: { text?: string; tags?: string[] } = {};
        if (req.text !== undefined) patch.text = req.text;
        if (req.tags !== undefined) patch.tags = req.tags;
        return { ok: true, note: await repo.update(req.id, patch, req.baseRev) };
      }
      case 'note-delete':
        return { ok: true, note: stripDeleted(await repo.delete(req.id)) };
      case 'note-restore':
        return { ok: true, note: await repo.restore(req.id) };
    }
  } catch (e) {
    return failure(e);
  }
}

function stripDeleted<T extends { deletedAt: number }>(n: T): Omit<T, 'deletedAt'> {
  const { deletedAt: _deletedAt, ...rest } = n;
  return rest;
}

function failure(e: unknown): NoteResponse {
  if (e instanceof NoteConflictError) {
    return { ok: false, code: 'conflict', error: e.message, current: e.current };
  }
  if (e instanceof NoteNotFoundError) return { ok: false, code: 'not-found', error: e.message };
  if (e instanceof NoteTooLongError) return { ok: false, code: 'too-long', error: e.message };
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  // Dexie errors carry the IndexedDB name (QuotaExceededError, DatabaseClosedError …).
  return { ok: false, code: 'storage', error: name ? `${name}: ${message}` : message };
}
