import { browser } from 'wxt/browser';

interface FirefoxSidebar {
  open(): Promise<void>;
}

function firefoxSidebar(): FirefoxSidebar | undefined {
  // Firefox's sidebarAction is missing from the Chromium-shaped types of wxt/browser; it is there
  // at runtime when the manifest declares sidebar_action.
  return (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;
}

/** Chromium's side panel (the sidePanel permission) or Firefox's sidebar is available. */
export function canOpenSidePanel(): boolean {
  return 'sidePanel' in browser || firefoxSidebar() !== undefined;
}

/**
 * Opens the panel beside the window. Both browsers allow it only in the reader's gesture (a
 * click, a menu item): call it before anything is awaited.
 */
export function openSidePanel(windowId: number | undefined): Promise<void> {
  const sidebar = firefoxSidebar();
  if (sidebar) return sidebar.open();
  if (windowId === undefined) return Promise.reject(new Error('no-window'));
  return browser.sidePanel.open({ windowId });
}
