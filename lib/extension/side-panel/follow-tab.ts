/**
 * Which tab the side panel shows, decided over plain events so it can be tested without a
 * browser (lib/extension/side-panel/services.ts feeds it browser.tabs and browser.windows events).
 */

/** Chromium's and Firefox's `windows.WINDOW_ID_NONE`: focus left the browser. */
export const NO_WINDOW = -1;

/**
 * Where the panel page lives. Beside a window: Chromium's side panel and Firefox's sidebar
 * belong to one window each and show that window's active tab. In a tab of its own
 * (sidepanel.html opened as a page, as the browser tests do): it follows the tab the reader
 * last looked at in any window, itself excepted.
 */
export type PanelPlace =
  { kind: 'beside'; windowId: number } | { kind: 'tab'; tabId: number; windowId: number };

export type TabEvent =
  | { type: 'activated'; tabId: number; windowId: number }
  | { type: 'updated'; tabId: number; url?: string; status?: string }
  | { type: 'focused'; windowId: number };

export type FollowStep =
  | { do: 'nothing' }
  /** Another tab: read its address and ask its content script for a report. */
  | { do: 'show'; tabId: number }
  /** The active tab of this window, whichever it is (the event does not say). */
  | { do: 'show-active'; windowId: number }
  /** The shown tab navigated or finished loading: ask again. */
  | { do: 'refresh' };

const NOTHING: FollowStep = { do: 'nothing' };

/** The first tab to show when the panel opens. */
export function firstStep(place: PanelPlace): FollowStep {
  return place.kind === 'beside'
    ? { do: 'show-active', windowId: place.windowId }
    : // Opened as a page: the window the reader came from is the last focused one but its own.
      { do: 'nothing' };
}

/** What the panel does on a tab or window event, given the tab it shows now. */
export function nextStep(place: PanelPlace, shown: number | null, e: TabEvent): FollowStep {
  switch (e.type) {
    case 'activated':
      if (e.tabId === shown) return NOTHING;
      if (place.kind === 'beside') {
        return e.windowId === place.windowId ? { do: 'show', tabId: e.tabId } : NOTHING;
      }
      return e.tabId === place.tabId ? NOTHING : { do: 'show', tabId: e.tabId };
    case 'updated':
      // A new address (the old report is gone) or a finished load (the new one can be asked).
      return e.tabId === shown && (e.url !== undefined || e.status === 'complete')
        ? { do: 'refresh' }
        : NOTHING;
    case 'focused':
      // Beside a window, another window has its own panel; focus leaving the browser or coming
      // to the panel's own window changes nothing the reader looks at.
      if (place.kind === 'beside' || e.windowId === NO_WINDOW || e.windowId === place.windowId) {
        return NOTHING;
      }
      return { do: 'show-active', windowId: e.windowId };
  }
}

/**
 * Asks again while the answer is null: a tab that has just loaded answers only once its content
 * script has run (`document_idle`, after the load the panel hears of).
 */
export async function untilAnswered<T>(
  ask: () => Promise<T | null>,
  delays: readonly number[],
  sleep: (ms: number) => Promise<void>,
): Promise<T | null> {
  let answer = await ask();
  for (const ms of delays) {
    if (answer !== null) break;
    await sleep(ms);
    answer = await ask();
  }
  return answer;
}

/** What the panel needs of a tab to pick one. */
export interface TabSeen {
  id?: number;
  url?: string;
  lastAccessed?: number;
}

/**
 * The panel opened as a page has no window to sit beside: it shows the tab the reader looked at
 * last, neither itself nor another page of ours.
 */
export function lastLookedAt(
  tabs: readonly TabSeen[],
  ownTabId: number,
  ownOrigin: string,
): number | null {
  let best: TabSeen | null = null;
  for (const tab of tabs) {
    if (tab.id === undefined || tab.id === ownTabId) continue;
    if (tab.url?.startsWith(ownOrigin)) continue;
    if (!best || (tab.lastAccessed ?? 0) > (best.lastAccessed ?? 0)) best = tab;
  }
  return best?.id ?? null;
}
