import type { Sender } from '../../protocol/senders';
import type { FrameSessions } from './frame-sessions';
import type { ShownElsewhere } from './shown-elsewhere';
import type { NoteAnchor, NoteRequest, NoteResponse } from '../../protocol/to-background';
import { pageScope, type PageScope } from '../../shared/notes/page-scope';
import {
  NoteConflictError,
  NoteNotFoundError,
  NoteTooLongError,
  type NotesRepository,
} from './repository';
import { SELECTOR_VERSION } from '../../shared/notes/limits';
import type { Note } from '../../shared/notes/model';

/** The writes our own pages (popup, options, note frame) make; all of them go through here. */
export type TrustedNoteRequest = Extract<
  NoteRequest,
  { type: 'note-create' | 'note-update' | 'note-delete' | 'note-restore' }
>;

/** What a content script may ask about notes; scoped to its own page by `contentNoteRequest`. */
export type ContentNoteRequest = Extract<
  NoteRequest,
  { type: 'notes-for-page' | 'note-frame-open' | 'note-restore' }
>;

/**
 * The one write path for notes: background (for our pages), popup and frame alike. Never
 * throws: a failed write is reported back as `{ ok: false }` so the UI shows it instead of
 * losing the note silently.
 */
export async function handleNoteRequest(
  repo: NotesRepository,
  req: TrustedNoteRequest,
): Promise<NoteResponse> {
  try {
    switch (req.type) {
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

/**
 * A content script's note request, scoped by its sender: it reads anchors (never text) of the
 * notes filed under its own page, opens the note frame only for its own page or a note of it,
 * and undoes only the delete of a note of its page.
 */
export async function contentNoteRequest(
  repo: NotesRepository,
  sessions: FrameSessions,
  req: ContentNoteRequest,
  sender: Extract<Sender, { kind: 'content' }>,
  shown?: ShownElsewhere,
): Promise<NoteResponse> {
  const scope = pageScope(sender.url, req.canonical);
  if (!scope) return forbidden('notes exist only on http(s) pages');
  try {
    switch (req.type) {
      case 'notes-for-page': {
        const notes = await repo.byUrls(scope.urls);
        return { ok: true, anchors: notes.map(anchorOf) };
      }
      case 'note-frame-open': {
        const { open } = req;
        if (open.kind === 'create') {
          const token = await sessions.open({
            tabId: sender.tabId,
            frameId: sender.frameId,
            open: {
              kind: 'create',
              draft: {
                id: open.id,
                url: scope.fileUnder,
                title: open.title,
                selectors: { ...open.selectors, version: SELECTOR_VERSION },
                termIds: open.termIds,
              },
            },
          });
          return { ok: true, token };
        }
        const note = await repo.get(open.id);
        if (!note) return forbidden('not a note of this page');
        // A note made elsewhere opens only in a frame that was shown it for its passage.
        const elsewhere =
          !inScope(note, scope) &&
          !!(await shown?.has(sender.tabId, sender.frameId, sender.url, note.id));
        if (!elsewhere && !inScope(note, scope)) return forbidden('not a note of this page');
        const token = await sessions.open({
          tabId: sender.tabId,
          frameId: sender.frameId,
          open: elsewhere
            ? { kind: open.kind, id: note.id, from: note.url }
            : { kind: open.kind, id: note.id },
        });
        return { ok: true, token };
      }
      case 'note-restore': {
        const note = (await repo.getTrashed(req.id)) ?? (await repo.get(req.id));
        if (!note || !inScope(note, scope)) return forbidden('not a note of this page');
        const restored = await repo.restore(req.id);
        return { ok: true, anchors: [anchorOf(restored)] };
      }
    }
  } catch (e) {
    return failure(e);
  }
}

function anchorOf(n: Note): NoteAnchor {
  return { id: n.id, rev: n.rev, selectors: n.selectors };
}

function inScope(n: Note, scope: PageScope): boolean {
  return scope.urls.includes(n.url);
}

function forbidden(error: string): NoteResponse {
  return { ok: false, code: 'forbidden', error };
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
