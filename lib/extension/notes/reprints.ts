import type { BackgroundRequestOf, NoteResponse } from '../../protocol/to-background';
import type { Sender } from '../../protocol/senders';
import { pageScope } from '../../shared/notes/page-scope';
import type { PassageBook } from './passage-index';
import type { ShownElsewhere } from './shown-elsewhere';
import { MAX_SHOWN } from './shown-elsewhere';

/**
 * A content script's "where on my page may notes made elsewhere be?": answered from the block
 * fingerprints it sent (never text; nothing of them is kept), scoped to its page.
 */
export async function passageCandidates(
  book: PassageBook,
  req: BackgroundRequestOf<'passage-blocks'>,
  sender: Extract<Sender, { kind: 'content' }>,
): Promise<NoteResponse> {
  const scope = pageScope(sender.url, req.canonical);
  if (!scope) return { ok: false, code: 'forbidden', error: 'notes exist only on http(s) pages' };
  try {
    const index = await book.current();
    return { ok: true, candidates: index.candidates(req.blocks, scope.urls) };
  } catch (e) {
    return storageFailure(e);
  }
}

/**
 * A content script's "which notes made elsewhere have their passage here?": answered from the
 * fingerprints it sent (never text; nothing of them is kept), scoped to its page, and recorded
 * so that it may open and edit exactly the notes it was shown.
 */
export async function notesByPassage(
  book: PassageBook,
  shown: ShownElsewhere,
  req: BackgroundRequestOf<'notes-by-passage'>,
  sender: Extract<Sender, { kind: 'content' }>,
): Promise<NoteResponse> {
  const scope = pageScope(sender.url, req.canonical);
  if (!scope) return { ok: false, code: 'forbidden', error: 'notes exist only on http(s) pages' };
  try {
    const index = await book.current();
    const passages = index.match(new Set(req.windows), scope.urls).slice(0, MAX_SHOWN);
    if (passages.length > 0) {
      await shown.record(
        sender.tabId,
        sender.frameId,
        sender.url,
        passages.map((p) => p.id),
      );
    }
    return { ok: true, passages };
  } catch (e) {
    return storageFailure(e);
  }
}

function storageFailure(e: unknown): NoteResponse {
  return { ok: false, code: 'storage', error: e instanceof Error ? e.message : String(e) };
}
