import { browser } from 'wxt/browser';
import glossary from '../../../glossary/generated/glossary.json';
import matcher from '../../../glossary/generated/matcher.json';
import type { PopupServices, TabInfo } from './services';
import type { CompiledGlossary } from '../../shared/glossary/compile';
import { makeLookup } from '../../shared/glossary/lookup';
import { sendToBackground, sendToTab } from '../../protocol/send';
import { parsePageReport } from '../../protocol/to-content';
import { notesRepository } from '../notes/repository';
import { browserLogClient } from '../log/client';
import { makeFolder } from '../search/fold';
import { GlossaryIndex } from '../search/glossary-search';
import { loadSettings, onSettingsChanged, saveSettings } from '../../shared/settings/store';
import { canOpenSidePanel, openSidePanel } from '../side-panel/open';

/** The popup's adapter to the browser: tabs, messages, settings, downloads, the notes database. */
export function browserServices(params: URLSearchParams): PopupServices {
  const g = glossary as CompiledGlossary;
  const repo = notesRepository();
  const lookup = makeLookup(g);
  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;
  // Known before the click: the side panel opens only within the click's gesture.
  let windowId: number | undefined;
  void browser.windows.getCurrent().then(
    (w) => (windowId = w.id),
    () => {},
  );
  return {
    repo,
    glossary: new GlossaryIndex(g.entries, makeFolder(matcher.fold)),
    lookup,
    termDetails: async (id) =>
      lookup(id) ?? (await sendToBackground({ type: 'get-term', id }).catch(() => null)),
    currentTab: async () => {
      const asked = params.get('tab');
      const tab =
        asked && /^\d+$/.test(asked)
          ? await browser.tabs.get(Number(asked)).catch(() => undefined)
          : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      return tab ? tabInfo(tab, ownOrigin) : null;
    },
    pageReport: async (tabId) => {
      try {
        return parsePageReport(await withTimeout(sendToTab(tabId, { type: 'page-report' }), 8000));
      } catch {
        return null; // no content script in the tab ("Receiving end does not exist")
      }
    },
    scanTab: async (tabId) => {
      const r = await sendToBackground({ type: 'scan-tab', tabId });
      if (!r.ok) throw new Error(r.error);
    },
    revealTerm: (tabId, termId) =>
      sendToTab(tabId, { type: 'reveal-term', termId }).then(
        (r) => r === true,
        () => false,
      ),
    openNote: async (note) => {
      const r = await sendToBackground({ type: 'open-note', id: note.id });
      if (!r.ok) throw new Error(r.error);
    },
    loadSettings,
    saveSettings,
    onSettingsChanged,
    download: (filename, mime, text) => {
      const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    inPopupWindow: isPopupWindow(),
    log: browserLogClient(),
    openInTab: (view) => {
      void browser.tabs.create({
        url: browser.runtime.getURL(
          `/popup.html?${view === 'import' ? 'import=1' : `view=${view}`}`,
        ),
      });
      window.close();
    },
    ...(canOpenSidePanel()
      ? {
          openSidePanel: () => {
            openSidePanel(windowId).then(
              // The toolbar popup closes (the panel takes over); this page opened in a tab stays.
              () => (isPopupWindow() ? window.close() : undefined),
              () => {}, // the button stays: nothing opened, nothing to close
            );
          },
        }
      : {}),
  };
}

/** What the popup shows of a tab; null for pages of ours (the import view in a tab). */
export function tabInfo(
  tab: { id?: number; url?: string; title?: string },
  ownOrigin: string,
): TabInfo | null {
  if (tab.id === undefined) return null;
  if (tab.url && new URL(tab.url).origin === ownOrigin) return null;
  const info: TabInfo = { id: tab.id };
  if (tab.url) info.url = tab.url;
  if (tab.title) info.title = tab.title;
  return info;
}

/** The toolbar popup (a file chooser opened there closes it), not the same page in a tab. */
function isPopupWindow(): boolean {
  try {
    return browser.extension.getViews({ type: 'popup' }).includes(window);
  } catch {
    return false;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);
}
