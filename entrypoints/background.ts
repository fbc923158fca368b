import { browser } from 'wxt/browser';
import glossary from '../glossary/generated/glossary.json';
import type { CompiledGlossary } from '../lib/glossary/compile';
import { customTermDetails, customTermPatterns } from '../lib/glossary/custom-service';
import { makeLookup } from '../lib/glossary/lookup';
import { syncAddedSites } from '../lib/settings/added-sites';
import { loadSettings, onSettingsChanged } from '../lib/settings/store';
import { parseBackgroundRequest } from '../lib/background-messages';
import { fromThisExtension } from '../lib/messages';
import { isNoteRequestType, type NoteRequest } from '../lib/notes/messages';
import { notesRepository } from '../lib/notes/repository';
import { openNoteInTab } from '../lib/notes/open-note';
import { handleNoteRequest } from '../lib/notes/service';

export default defineBackground(() => {
  const lookup = makeLookup(glossary as CompiledGlossary);

  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if (!fromThisExtension(sender, browser.runtime.id)) return undefined;
    const req = parseBackgroundRequest(msg);
    if (!req) return undefined;
    if (req.type === 'get-term') {
      return req.id.startsWith('custom-')
        ? customTermDetails(req.id)
        : Promise.resolve(lookup(req.id));
    }
    if (req.type === 'get-custom-terms') return customTermPatterns();
    // The popup: "Scan this page" (its click granted activeTab) and "Open" a note at its passage.
    if (req.type === 'scan-tab') {
      return scanTab(req.tabId).then(
        () => ({ ok: true }),
        (e: unknown) => ({ ok: false, error: String(e) }),
      );
    }
    if (req.type === 'open-note') return openNote(req.id);
    // Notes: the database opens lazily here, so a worker MV3 stopped while idle loses nothing.
    if (isNoteRequestType(req.type))
      return handleNoteRequest(notesRepository(), req as NoteRequest);
    return undefined;
  });

  // Sites the reader added: keep the registered content script in step with the settings.
  void loadSettings()
    .then((s) => syncAddedSites(s.addedSites))
    .catch(() => {});
  onSettingsChanged((s) => void syncAddedSites(s.addedSites).catch(() => {}));

  // "Add note to selection" (menus survive worker restarts; recreate them on every start).
  void browser.contextMenus
    .removeAll()
    .then(() =>
      browser.contextMenus.create({
        id: 'add-note',
        title: browser.i18n.getMessage('contextAddNote') || 'Add note to selection',
        contexts: ['selection'],
      }),
    )
    .catch(() => {});
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'add-note' && tab?.id !== undefined) {
      void noteFromSelection(tab.id, info.frameId);
    }
  });

  // Any page on demand: activeTab grants this tab for this gesture only, no broad permission.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'scan-page' && tab?.id !== undefined) void scanTab(tab.id);
    const forward = COMMAND_MESSAGES[command];
    if (forward && tab?.id !== undefined)
      void browser.tabs.sendMessage(tab.id, forward).catch(() => {});
    if (command === 'add-note' && tab?.id !== undefined) void noteFromSelection(tab.id);
  });
});

/** Commands the page itself carries out. */
const COMMAND_MESSAGES: Record<string, object> = {
  'toggle-highlights': { type: 'toggle-highlights' },
  'next-term': { type: 'navigate-term', direction: 1 },
  'previous-term': { type: 'navigate-term', direction: -1 },
};

async function scanTab(tabId: number): Promise<void> {
  await browser.scripting.insertCSS({
    target: { tabId, allFrames: true },
    files: ['content-scripts/content.css'],
  });
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    files: ['/content-scripts/content.js'],
  });
}

/** Asks the tab (the frame, when known) to open the note editor on its selection. */
async function noteFromSelection(tabId: number, frameId?: number): Promise<void> {
  const msg = { type: 'note-from-selection' };
  const send = () =>
    frameId === undefined
      ? browser.tabs.sendMessage(tabId, msg)
      : browser.tabs.sendMessage(tabId, msg, { frameId });
  try {
    await send();
  } catch (e) {
    // Not a default site: the menu click or shortcut granted activeTab; inject, then ask again.
    if (!/Receiving end does not exist|Could not establish connection/i.test(String(e))) return;
    await scanTab(tabId);
    await send().catch(() => {});
  }
}

async function openNote(
  id: string,
): Promise<{ ok: boolean; found?: boolean | null; error?: string }> {
  try {
    const note = await notesRepository().get(id);
    if (!note) return { ok: false, error: 'not-found' };
    const r = await openNoteInTab(
      {
        query: (q) => browser.tabs.query(q),
        create: (p) => browser.tabs.create(p),
        update: (tabId, p) => browser.tabs.update(tabId, p),
        get: (tabId) => browser.tabs.get(tabId),
        sendMessage: (tabId, msg) => browser.tabs.sendMessage(tabId, msg),
        focusWindow: (windowId) => browser.windows.update(windowId, { focused: true }),
      },
      note,
    );
    return { ok: true, found: r.found };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}
