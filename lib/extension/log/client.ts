import { browser } from 'wxt/browser';
import { sendToBackground } from '../../protocol/send';
import type { LogEntry, SightingView } from '../../protocol/to-background';
import {
  loadLogSettings,
  onLogSettingsChanged,
  saveLogSettings,
  type LogSettings,
} from '../../shared/settings/log-settings';

/**
 * What our pages (popup, options) use of the reading log. The log is the background's: they
 * ask it by message, as the GUIDE §2 contract says; only its settings are read here.
 */
export interface LogClient {
  sightings(termId: string): Promise<SightingView[]>;
  entries(): Promise<LogEntry[]>;
  clear(): Promise<void>;
  settings(): Promise<LogSettings>;
  saveSettings(patch: Partial<LogSettings>): Promise<LogSettings>;
  onSettingsChanged(fn: (s: LogSettings) => void): () => void;
  /** Opens a logged page in a new tab. */
  openPage(url: string): void;
}

export function browserLogClient(): LogClient {
  return {
    sightings: async (termId) =>
      (await sendToBackground({ type: 'term-sightings', termId })).sightings,
    entries: async () => (await sendToBackground({ type: 'log-entries' })).sightings,
    clear: async () => {
      const r = await sendToBackground({ type: 'log-clear' });
      if (!r.ok) throw new Error(r.error);
    },
    settings: loadLogSettings,
    saveSettings: saveLogSettings,
    onSettingsChanged: onLogSettingsChanged,
    openPage: (url) => {
      // Only web pages: a row's URL came from the browser, but the log is data all the same.
      if (/^https?:\/\//.test(url)) void browser.tabs.create({ url });
    },
  };
}
