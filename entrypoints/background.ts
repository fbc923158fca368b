import { browser } from 'wxt/browser';
import glossary from '../glossary/generated/glossary.json';
import matcher from '../glossary/generated/matcher.json';
import nesting from '../glossary/generated/nesting.json';
import { writeClipboard } from '../lib/extension/background/clipboard';
import { backgroundHandlers } from '../lib/extension/background/handlers';
import {
  forwardCommand,
  noteFromSelection,
  openNote,
  scanTab,
  injectIntoFrame,
  sessionStore,
} from '../lib/extension/background/tabs';
import {
  createSidePanelMenu,
  onSidePanelMenu,
  SIDE_PANEL_MENU,
} from '../lib/extension/background/side-panel-menu';
import { customMatcher, customTermDetails } from '../lib/extension/glossary/custom-service';
import { logRepository } from '../lib/extension/log/repository';
import { keepLogPruned } from '../lib/extension/log/service';
import { FrameSessions } from '../lib/extension/notes/frame-sessions';
import { PassageBook } from '../lib/extension/notes/passage-index';
import { ShownElsewhere } from '../lib/extension/notes/shown-elsewhere';
import { notesRepository } from '../lib/extension/notes/repository';
import { purgeExpiredTrash } from '../lib/extension/notes/trash';
import { sendToTab } from '../lib/protocol/send';
import { onRuntimeMessage } from '../lib/protocol/listen';
import { classifySender } from '../lib/protocol/senders';
import { answerBackgroundRequest } from '../lib/protocol/to-background';
import type { CompiledGlossary, MatcherData } from '../lib/shared/glossary/compile';
import { makeLookup } from '../lib/shared/glossary/lookup';
import { uuid } from '../lib/shared/notes/uuid';
import { syncAddedSites } from '../lib/shared/settings/added-sites';
import { loadLogSettings } from '../lib/shared/settings/log-settings';
import { loadCitationFormat, loadSettings, onSettingsChanged } from '../lib/shared/settings/store';

export default defineBackground(() => {
  // The build writes the compiled glossary in this shape (scripts/build-glossary.ts).
  const lookup = makeLookup(glossary as CompiledGlossary);
  const shown = new ShownElsewhere(sessionStore());
  // A closed tab's frames are shown nothing any more.
  browser.tabs.onRemoved.addListener((tabId) => void shown.forgetTab(tabId));
  // Prerendered or restored: the old tab id is gone for good.
  browser.tabs.onReplaced.addListener((_added, removed) => void shown.forgetTab(removed));
  const handlers = backgroundHandlers({
    lookup,
    customTermDetails,
    // The build writes the matcher in this shape (scripts/build-glossary.ts).
    customMatcher: () => customMatcher(matcher as MatcherData),
    repo: notesRepository,
    sessions: new FrameSessions({ uuid, now: () => Date.now(), store: sessionStore() }),
    passages: new PassageBook({
      stamp: () => notesRepository().stamp(),
      all: () => notesRepository().all(),
      now: () => Date.now(),
    }),
    shown,
    scanTab,
    injectIntoFrame,
    openNoteInTab: (id) => openNote(notesRepository(), id),
    tellFrame: (tabId, frameId, msg) => sendToTab(tabId, msg, frameId).then(() => {}),
    log: {
      repo: logRepository,
      settings: loadLogSettings,
      nesting,
      // The reader's own terms too, but only those that exist: ids come from content scripts.
      isTerm: async (id) =>
        id.startsWith('custom-') ? (await customTermDetails(id)) !== null : lookup(id) !== null,
      ownOrigin: new URL(browser.runtime.getURL('/')).origin,
    },
    writeClipboard,
    citationFormat: loadCitationFormat,
    now: () => new Date(),
  });
  onRuntimeMessage((msg, raw) => {
    const sender = classifySender(raw, browser.runtime.id);
    return sender ? answerBackgroundRequest(handlers, msg, sender) : undefined;
  });

  // Sites the reader added: keep the registered content script in step with the settings.
  // And the trash: notes deleted longer ago than the reader's setting are deleted for good.
  void loadSettings()
    .then((s) =>
      Promise.all([syncAddedSites(s.addedSites), purgeExpiredTrash(notesRepository(), s)]),
    )
    .catch(() => {});
  onSettingsChanged((s) => void syncAddedSites(s.addedSites).catch(() => {}));
  // The reading log keeps pages for the reader's retention (also pruned on every write).
  keepLogPruned(logRepository);

  // "Add note to selection" (menus survive worker restarts; recreate them on every start),
  // and the toolbar button's "Open in side panel".
  void browser.contextMenus
    .removeAll()
    .then(() => {
      browser.contextMenus.create({
        id: 'add-note',
        title: browser.i18n.getMessage('contextAddNote') || 'Add note to selection',
        contexts: ['selection'],
      });
      createSidePanelMenu();
    })
    .catch(() => {});
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SIDE_PANEL_MENU) onSidePanelMenu(tab?.windowId);
    if (info.menuItemId === 'add-note' && tab?.id !== undefined) {
      void noteFromSelection(tab.id, info.frameId);
    }
  });

  // Any page on demand: activeTab grants this tab for this gesture only, no broad permission.
  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    if (command === 'scan-page') void scanTab(tab.id);
    if (command === 'add-note') void noteFromSelection(tab.id);
    forwardCommand(tab.id, command);
  });
});
