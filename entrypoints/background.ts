import { browser } from 'wxt/browser';
import glossary from '../glossary/generated/glossary.json';
import type { CompiledGlossary } from '../lib/shared/glossary/compile';
import { customTermDetails, customTermPatterns } from '../lib/extension/glossary/custom-service';
import { makeLookup } from '../lib/shared/glossary/lookup';
import { syncAddedSites } from '../lib/shared/settings/added-sites';
import { loadSettings, onSettingsChanged } from '../lib/shared/settings/store';
import {
  admitRequest,
  parseBackgroundRequest,
  type BackgroundRequest,
} from '../lib/protocol/to-background';
import { classifySender } from '../lib/protocol/senders';
import { FrameSessions, type SessionStore } from '../lib/extension/notes/frame-sessions';
import type { NoteResponse } from '../lib/protocol/note-messages';
import { notesRepository } from '../lib/extension/notes/repository';
import { openNoteInTab } from '../lib/extension/notes/open-note';
import { purgeExpiredTrash } from '../lib/extension/notes/trash';
import { contentNoteRequest, handleNoteRequest } from '../lib/extension/notes/service';
import { uuid } from '../lib/shared/notes/uuid';

export default defineBackground(() => {
  const lookup = makeLookup(glossary as CompiledGlossary);

  const sessions = new FrameSessions({ uuid, now: () => Date.now(), store: sessionStore() });

  browser.runtime.onMessage.addListener((msg: unknown, raw) => {
    const sender = classifySender(raw, browser.runtime.id);
    if (!sender) return undefined;
    const req = admitRequest(msg, sender);
    if (!req) {
      // A well-formed request from a sender the table does not allow: say so (the content
      // script shows it), instead of leaving it waiting for an answer.
      return parseBackgroundRequest(msg)
        ? Promise.resolve<NoteResponse>({ ok: false, code: 'forbidden', error: 'not allowed' })
        : undefined;
    }
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
    const repo = notesRepository();
    if (sender.kind === 'content') {
      if (
        req.type === 'notes-for-page' ||
        req.type === 'note-frame-open' ||
        req.type === 'note-restore'
      ) {
        return contentNoteRequest(repo, sessions, req, sender);
      }
      return undefined;
    }
    if (req.type === 'note-frame-session') return frameView(req.token, sender.tabId);
    if (req.type === 'note-frame-event') return relayFrameEvent(req, sender.tabId);
    if (
      req.type === 'note-create' ||
      req.type === 'note-update' ||
      req.type === 'note-delete' ||
      req.type === 'note-restore'
    ) {
      return handleNoteRequest(repo, req);
    }
    return undefined;
  });

  /** The note frame's news for its page, to the one frame its ticket was made for. */
  async function relayFrameEvent(
    req: Extract<BackgroundRequest, { type: 'note-frame-event' }>,
    tabId: number | undefined,
  ): Promise<NoteResponse> {
    const s = await sessions.redeem(req.token, tabId);
    if (!s) return { ok: false, code: 'forbidden', error: 'this note window has expired' };
    await browser.tabs.sendMessage(s.tabId, req, { frameId: s.frameId }).catch(() => {});
    return { ok: true };
  }

  /** The note frame redeems its ticket: only from the tab the ticket was made for. */
  async function frameView(token: string, tabId: number | undefined): Promise<NoteResponse> {
    const s = await sessions.redeem(token, tabId);
    if (!s) return { ok: false, code: 'forbidden', error: 'this note window has expired' };
    if (s.open.kind === 'create') {
      return { ok: true, session: { kind: 'create', draft: s.open.draft } };
    }
    const note = await notesRepository().get(s.open.id);
    if (!note) return { ok: false, code: 'not-found', error: 'this note was deleted' };
    return { ok: true, session: { kind: s.open.kind, note } };
  }

  // Sites the reader added: keep the registered content script in step with the settings.
  // And the trash: notes deleted longer ago than the reader's setting are deleted for good.
  void loadSettings()
    .then((s) =>
      Promise.all([syncAddedSites(s.addedSites), purgeExpiredTrash(notesRepository(), s)]),
    )
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

/** `storage.session` (Chromium MV3, Firefox 115+): tickets outlive a stopped worker. */
function sessionStore(): SessionStore | undefined {
  const area = browser.storage.session;
  if (!area) return undefined;
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

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
