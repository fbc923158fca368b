import { browser } from 'wxt/browser';
import { parseSettings, type Settings } from './settings';

// The adapter between settings and browser.storage.sync: the only module that touches it.

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.sync.get(KEY);
  return parseSettings(got[KEY]);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await loadSettings()), ...patch });
  await browser.storage.sync.set({ [KEY]: next });
  return next;
}

export function onSettingsChanged(fn: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && changes[KEY]) fn(parseSettings(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
