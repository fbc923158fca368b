import type { Note } from '../../shared/notes/model';
import { normalizePageUrl } from '../../shared/notes/url';
import type { ContentRequestOf } from '../../protocol/to-content';

/**
 * "Open a note's page at the note", run by the background (the popup closes as soon as another
 * tab takes focus): focus a tab already showing the page, or open one; wait for it to load;
 * then ask its content script to scroll to the note and flash it, retrying while the script
 * starts. The tabs API is passed in, so this is tested without a browser.
 */

interface TabLike {
  id?: number;
  url?: string;
  windowId?: number;
  status?: string;
}

export interface TabsApi {
  query(q: Record<string, never>): Promise<TabLike[]>;
  create(p: { url: string; active: boolean }): Promise<TabLike>;
  update(id: number, p: { active: boolean }): Promise<unknown>;
  get(id: number): Promise<TabLike>;
  /** Asks the tab's content script to reveal the note; its answer, unchecked. */
  reveal(id: number, msg: RevealNoteMessage): Promise<unknown>;
  focusWindow?(windowId: number): Promise<unknown>;
}

export type RevealNoteMessage = ContentRequestOf<'reveal-note'>;

export function revealNoteMessage(note: Note): RevealNoteMessage {
  const { exact, prefix, suffix } = note.selectors.quote;
  const { start, end } = note.selectors.position;
  return {
    type: 'reveal-note',
    noteId: note.id,
    quote: { exact, prefix, suffix },
    position: { start, end },
  };
}

export interface OpenNoteResult {
  tabId: number;
  /** true: scrolled to and flashed; false: the page no longer has the passage; null: no answer. */
  found: boolean | null;
}

export async function openNoteInTab(
  tabs: TabsApi,
  note: Note,
  opts: { attempts?: number; intervalMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<OpenNoteResult> {
  const attempts = opts.attempts ?? 60;
  const interval = opts.intervalMs ?? 250;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const open = (await tabs.query({})).find((t) => t.url && samePage(t.url, note.url));
  let tab: TabLike;
  if (open?.id !== undefined) {
    await tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await tabs.focusWindow?.(open.windowId);
    tab = open;
  } else {
    tab = await tabs.create({ url: note.url, active: true });
  }
  const tabId = tab.id;
  if (tabId === undefined) throw new Error('The browser gave the new tab no id');
  const msg = revealNoteMessage(note);
  for (let i = 0; i < attempts; i++) {
    const now = await tabs.get(tabId).catch(() => null);
    if (!now) return { tabId, found: null }; // closed
    if (now.status === 'complete') {
      const r = await tabs.reveal(tabId, msg).catch(() => undefined);
      if (r && typeof r === 'object' && 'found' in r) return { tabId, found: r.found === true };
    }
    await sleep(interval);
  }
  return { tabId, found: null };
}

function samePage(tabUrl: string, noteUrl: string): boolean {
  return normalizePageUrl(tabUrl) === noteUrl || tabUrl.split('#')[0] === noteUrl;
}
