import { browser } from 'wxt/browser';
import { PAGE_CORE, PAGE_CSS } from '../../shared/page-scripts';
import { sendToTab } from '../../protocol/send';
import type { BackgroundResponses } from '../../protocol/to-background';
import type { SessionStore } from '../notes/frame-sessions';
import { openNoteInTab } from '../notes/open-note';
import type { NotesRepository } from '../notes/repository';

/** The background's dealings with tabs: injecting the content script, asking it things. */

export async function scanTab(tabId: number): Promise<void> {
  await browser.scripting.insertCSS({
    target: { tabId, allFrames: true },
    files: [`/${PAGE_CSS}`],
  });
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    files: [`/${PAGE_CORE}`],
  });
}

/** Scripts of ours the background puts into one frame when its content script needs them. */
export type FrameScript = 'passage-probe.js' | 'page-terms.js';

/**
 * Puts one of our scripts into one frame's isolated world, as a classic script: a dynamic
 * import() from the page's content script cost the page a few milliseconds of main thread more
 * (the first import in a world sets up its module loading: bench/reprint.ts, bench/own-tasks.ts).
 * False when it could not (the frame went, no permission): the frame then imports it itself.
 */
export function injectIntoFrame(
  tabId: number,
  frameId: number,
  file: FrameScript,
): Promise<boolean> {
  return browser.scripting
    .executeScript({ target: { tabId, frameIds: [frameId] }, files: [`/${file}`] })
    .then(
      () => true,
      () => false,
    );
}

const NOT_INJECTED = /Receiving end does not exist|Could not establish connection/i;

/** Asks the tab (the frame, when known) to open the note editor on its selection. */
export async function noteFromSelection(tabId: number, frameId?: number): Promise<void> {
  const send = () => sendToTab(tabId, { type: 'note-from-selection' }, frameId);
  try {
    await send();
  } catch (e) {
    // Not a default site: the menu click or shortcut granted activeTab; inject, then ask again.
    if (!NOT_INJECTED.test(String(e))) return;
    await scanTab(tabId);
    await send().catch(() => {});
  }
}

/** Keyboard commands the page itself carries out. */
export function forwardCommand(tabId: number, command: string): void {
  const req =
    command === 'toggle-highlights'
      ? ({ type: 'toggle-highlights' } as const)
      : command === 'next-term' || command === 'previous-term'
        ? ({ type: 'navigate-term', direction: command === 'next-term' ? 1 : -1 } as const)
        : null;
  if (req) void sendToTab(tabId, req).catch(() => {});
}

export async function openNote(
  repo: NotesRepository,
  id: string,
): Promise<BackgroundResponses['open-note']> {
  try {
    const note = await repo.get(id);
    if (!note) return { ok: false, error: 'not-found' };
    const r = await openNoteInTab(
      {
        query: (q) => browser.tabs.query(q),
        create: (p) => browser.tabs.create(p),
        update: (tabId, p) => browser.tabs.update(tabId, p),
        get: (tabId) => browser.tabs.get(tabId),
        reveal: (tabId, req) => sendToTab(tabId, req),
        focusWindow: (windowId) => browser.windows.update(windowId, { focused: true }),
      },
      note,
    );
    return { ok: true, found: r.found };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** `storage.session` (Chromium MV3, Firefox 115+): tickets outlive a stopped worker. */
export function sessionStore(): SessionStore | undefined {
  const area = browser.storage.session;
  if (!area) return undefined;
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}
