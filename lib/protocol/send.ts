import { browser } from 'wxt/browser';
import type { NoteResponse } from './to-background';
import type {
  BackgroundRequestOf,
  BackgroundRequestType,
  BackgroundResponses,
} from './to-background';
import type { ContentRequestOf, ContentRequestType } from './to-content';

/**
 * The one way to send a request: to the background (`sendToBackground`) or to a tab's content
 * script (`sendToTab`), typed by the request's `type` from the protocol tables.
 *
 * MV3 stops an idle service worker; a message wakes it, but a send racing the shutdown fails
 * with "Could not establish connection", so that one case is retried once.
 */
const RETRYABLE =
  /Could not establish connection|Receiving end does not exist|message port closed|No answer/i;

export async function sendToBackground<K extends BackgroundRequestType>(
  req: { type: K } & BackgroundRequestOf<K>,
): Promise<BackgroundResponses[K]> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r: unknown = await browser.runtime.sendMessage(req);
      if (r === undefined) throw new Error('No answer from the extension');
      // The background answers runtime messages, and only it: its handler for K is typed to
      // return BackgroundResponses[K] (lib/protocol/to-background.ts, BackgroundHandlers).
      return r as BackgroundResponses[K];
    } catch (e) {
      if (attempt > 0 || !RETRYABLE.test(messageOf(e))) throw e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/**
 * A request to the content script of a tab (one frame, or whichever frame answers). The answer
 * comes from the page's renderer: callers that show it parse it (see parsePageReport).
 * Undefined when no frame answered.
 */
export async function sendToTab<K extends ContentRequestType>(
  tabId: number,
  req: { type: K } & ContentRequestOf<K>,
  frameId?: number,
): Promise<unknown> {
  return frameId === undefined
    ? browser.tabs.sendMessage(tabId, req)
    : browser.tabs.sendMessage(tabId, req, { frameId });
}

/**
 * A note request to the background, which owns the database. Anything that fails comes back
 * as `{ ok: false }` for the UI to show: a note is never dropped silently.
 */
export async function sendNoteRequest<K extends BackgroundRequestType>(
  req: { type: K } & BackgroundRequestOf<K>,
): Promise<NoteResponse> {
  try {
    const r: unknown = await sendToBackground<K>(req);
    if (isNoteResponse(r)) return r;
    return { ok: false, code: 'storage', error: 'No answer from the extension' };
  } catch (e) {
    const error = messageOf(e);
    if (/context invalidated/i.test(error)) {
      return {
        ok: false,
        code: 'storage',
        error: 'Policy Lens was updated or reloaded: reload this page, then save again.',
      };
    }
    return { ok: false, code: 'storage', error };
  }
}

function isNoteResponse(r: unknown): r is NoteResponse {
  return typeof r === 'object' && r !== null && 'ok' in r && typeof r.ok === 'boolean';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
