import type { BackgroundRequestOf, NoteResponse } from '../../protocol/to-background';
import type { Sender } from '../../protocol/senders';
import { pageScope } from '../../shared/notes/page-scope';
import type { PassageBook, PassageIndex } from './passage-index';
import type { ShownElsewhere } from './shown-elsewhere';
import { MAX_SHOWN } from './shown-elsewhere';

type ContentSender = Extract<Sender, { kind: 'content' }>;

/**
 * A content script's "where on my page may notes made elsewhere be?": answered from the block
 * fingerprints it sent (never text; nothing of them is kept), scoped to its page.
 */
export function passageCandidates(
  book: PassageBook,
  req: BackgroundRequestOf<'passage-blocks'>,
  sender: ContentSender,
): Promise<NoteResponse> {
  return scoped(book, req.canonical, sender, (index, own) => ({
    ok: true,
    candidates: index.candidates(req.blocks, own),
  }));
}

/**
 * A content script's "which notes made elsewhere have their passage here?": answered from the
 * fingerprints it sent (never text; nothing of them is kept), scoped to its page, and recorded
 * so that it may open and edit exactly the notes it was shown.
 */
export function notesByPassage(
  book: PassageBook,
  shown: ShownElsewhere,
  req: BackgroundRequestOf<'notes-by-passage'>,
  sender: ContentSender,
): Promise<NoteResponse> {
  return scoped(book, req.canonical, sender, async (index, own) => {
    const passages = index.match(new Set(req.windows), own).slice(0, MAX_SHOWN);
    if (passages.length > 0) {
      await shown.record(
        sender.tabId,
        sender.frameId,
        sender.url,
        passages.map((p) => p.id),
      );
    }
    return { ok: true, passages };
  });
}

/**
 * Both questions: only from an http(s) page, about notes not filed under the page's own URLs
 * (those come by URL), never failing silently.
 */
async function scoped(
  book: PassageBook,
  canonical: string | null,
  sender: ContentSender,
  answer: (index: PassageIndex, own: string[]) => NoteResponse | Promise<NoteResponse>,
): Promise<NoteResponse> {
  const scope = pageScope(sender.url, canonical);
  if (!scope) return { ok: false, code: 'forbidden', error: 'notes exist only on http(s) pages' };
  try {
    return await answer(await book.current(), scope.urls);
  } catch (e) {
    return { ok: false, code: 'storage', error: e instanceof Error ? e.message : String(e) };
  }
}
