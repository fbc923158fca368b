import { browser } from 'wxt/browser';
import { canOpenSidePanel, openSidePanel } from '../side-panel/open';

/** The toolbar button's menu item that opens the side panel (Chromium) or sidebar (Firefox). */
export const SIDE_PANEL_MENU = 'open-side-panel';

/** The toolbar button's menu context: `action` in Manifest V3, `browser_action` in V2 (Firefox). */
function toolbarContext(manifestVersion: number): 'action' | 'browser_action' {
  return manifestVersion >= 3 ? 'action' : 'browser_action';
}

/** Adds the item to the toolbar button's menu, where the browser has a side panel. */
export function createSidePanelMenu(): void {
  if (!canOpenSidePanel()) return;
  browser.contextMenus.create({
    id: SIDE_PANEL_MENU,
    title: browser.i18n.getMessage('contextOpenSidePanel') || 'Open in side panel',
    contexts: [toolbarContext(browser.runtime.getManifest().manifest_version)],
  });
}

/** The menu click is the gesture both browsers require: open before anything is awaited. */
export function onSidePanelMenu(windowId: number | undefined): void {
  void openSidePanel(windowId).catch(() => {});
}
