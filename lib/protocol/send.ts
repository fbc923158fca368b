import { browser } from 'wxt/browser';
import type { NoteResponse } from './note-messages';
import type { BackgroundRequest } from './to-background';

/**
 * Sends a note request to the background, which owns the database. MV3 stops an idle service
 * worker; a message wakes it, but a send racing the shutdown fails with "Could not establish
 * connection", so that one case is retried once. Anything else comes back as `{ ok: false }`
 * for the UI to show: a note is never dropped silently.
 */
const RETRYABLE =
  /Could not establish connection|Receiving end does not exist|message port closed|No answer/i;

export async function sendNoteRequest(req: BackgroundRequest): Promise<NoteResponse> {
  let last = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 150));
    try {
      const r: unknown = await browser.runtime.sendMessage(req);
      if (isNoteResponse(r)) return r;
      last = 'No answer from the extension';
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
      if (/context invalidated/i.test(last)) {
        return {
          ok: false,
          code: 'storage',
          error: 'Policy Lens was updated or reloaded: reload this page, then save again.',
        };
      }
    }
    if (!RETRYABLE.test(last)) break;
  }
  return { ok: false, code: 'storage', error: last };
}

function isNoteResponse(r: unknown): r is NoteResponse {
  return typeof r === 'object' && r !== null && typeof (r as { ok?: unknown }).ok === 'boolean';
}
