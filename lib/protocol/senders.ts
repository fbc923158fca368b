/**
 * Who sent a message to the background, from what the browser says (`sender`), never from the
 * message. A content script runs in the page's renderer and can be compromised with it, so it
 * gets a narrow scope; our own pages (popup, options, the note frame) run in the extension's
 * process and get full access.
 */

/** The fields of `runtime.MessageSender` this module reads. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean; title?: string };
  frameId?: number;
}

export type Sender =
  | { kind: 'extension'; tabId?: number }
  | {
      kind: 'content';
      tabId: number;
      frameId: number;
      url: string;
      incognito: boolean;
      /** The tab's title as the browser shows it (the reading log's page title). */
      title?: string;
    };

export type SenderKind = Sender['kind'];

/**
 * Null: not ours, or a sender we cannot place (no URL, or a content script with no tab).
 * `runtime.onMessage` only hears this extension's own contexts (others arrive through
 * onMessageExternal), and `sender.url` is set by the browser: a page of ours has an extension
 * URL — chrome-extension://, also for the per-session origin `use_dynamic_url` gives a frame,
 * or moz-extension://<uuid> — and a content script has its page's URL, since content scripts
 * never run in extension pages.
 */
export function classifySender(sender: SenderLike | undefined, ownId: string): Sender | null {
  if (!sender || sender.id !== ownId || typeof sender.url !== 'string') return null;
  if (/^(?:chrome|moz)-extension:\/\//.test(sender.url)) {
    return sender.tab?.id !== undefined
      ? { kind: 'extension', tabId: sender.tab.id }
      : { kind: 'extension' };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return null;
  return {
    kind: 'content',
    tabId,
    frameId: sender.frameId ?? 0,
    url: sender.url,
    incognito: sender.tab?.incognito === true,
    ...(typeof sender.tab?.title === 'string' ? { title: sender.tab.title } : {}),
  };
}
