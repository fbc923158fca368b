import { browser } from 'wxt/browser';
import { browserServices, tabInfo } from '../popup/browser-services';
import type { PopupServices, TabInfo } from '../popup/services';
import {
  firstStep,
  lastLookedAt,
  nextStep,
  untilAnswered,
  type FollowStep,
  type PanelPlace,
  type TabEvent,
} from './follow-tab';

/** A page that has just loaded answers once its content script has run: ask again, briefly. */
const REPORT_RETRIES = [300, 1000];

/**
 * The popup's services for the side panel (Chromium) or sidebar (Firefox): the same views, about
 * the tab the reader is looking at now rather than the one the popup opened on.
 */
export function panelServices(params: URLSearchParams): PopupServices {
  const base = browserServices(params);
  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;
  const place = findPlace();
  let shown: number | null = null;

  const infoOf = async (tabId: number): Promise<TabInfo | null> => {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return tab ? tabInfo(tab, ownOrigin) : null;
  };
  const activeIn = async (windowId: number): Promise<TabInfo | null> => {
    const [tab] = await browser.tabs.query({ active: true, windowId }).catch(() => []);
    return tab ? tabInfo(tab, ownOrigin) : null;
  };
  /** The tab a step leads to; undefined: stay on the one shown. */
  const resolve = async (step: FollowStep): Promise<TabInfo | null | undefined> => {
    if (step.do === 'show') return infoOf(step.tabId);
    if (step.do === 'show-active') return activeIn(step.windowId);
    if (step.do === 'refresh' && shown !== null) return infoOf(shown);
    return undefined;
  };

  const {
    openSidePanel: _notHere, // the panel is open: no button to open it
    ...rest
  } = base;
  return {
    ...rest,
    inPopupWindow: false,
    currentTab: async () => {
      const where = await place;
      const asked = params.get('tab');
      const tab =
        asked && /^\d+$/.test(asked)
          ? await infoOf(Number(asked))
          : where.kind === 'beside'
            ? await resolve(firstStep(where))
            : await lastTab(where.tabId);
      shown = tab?.id ?? null;
      return tab ?? null;
    },
    pageReport: (tabId) =>
      untilAnswered(
        () => base.pageReport(tabId),
        REPORT_RETRIES,
        (ms) => sleep(ms),
      ),
    openInTab: (view) => {
      // The import view needs a tab of its own (a file chooser); the panel stays open.
      void browser.tabs.create({
        url: browser.runtime.getURL(
          `/popup.html?${view === 'import' ? 'import=1' : `view=${view}`}`,
        ),
      });
    },
    followTab: (fn) => {
      let live = true;
      const on = (e: TabEvent) => {
        void place.then(async (where) => {
          const step = nextStep(where, shown, e);
          const tab = await resolve(step);
          if (!live || tab === undefined) return;
          // Our own page (this panel opened as a tab, the import view) is nothing to show.
          if (tab === null && step.do !== 'refresh') return;
          shown = tab?.id ?? null;
          fn(tab);
        });
      };
      const activated = (a: { tabId: number; windowId: number }) =>
        on({ type: 'activated', tabId: a.tabId, windowId: a.windowId });
      const updated = (tabId: number, change: { url?: string; status?: string }) => {
        const e: TabEvent = { type: 'updated', tabId };
        if (change.url !== undefined) e.url = change.url;
        if (change.status !== undefined) e.status = change.status;
        on(e);
      };
      const focused = (windowId: number) => on({ type: 'focused', windowId });
      browser.tabs.onActivated.addListener(activated);
      browser.tabs.onUpdated.addListener(updated);
      browser.windows.onFocusChanged.addListener(focused);
      return () => {
        live = false;
        browser.tabs.onActivated.removeListener(activated);
        browser.tabs.onUpdated.removeListener(updated);
        browser.windows.onFocusChanged.removeListener(focused);
      };
    },
  };

  async function lastTab(ownTabId: number): Promise<TabInfo | null> {
    const id = lastLookedAt(await browser.tabs.query({}), ownTabId, ownOrigin);
    return id === null ? null : infoOf(id);
  }
}

/** In a tab of its own (opened as a page), or beside a window (side panel, sidebar). */
async function findPlace(): Promise<PanelPlace> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) return { kind: 'tab', tabId: tab.id, windowId: tab.windowId };
  const win = await browser.windows.getCurrent();
  return { kind: 'beside', windowId: win.id ?? -1 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
