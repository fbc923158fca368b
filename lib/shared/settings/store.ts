import { browser } from 'wxt/browser';
import { CITATION_FORMATS, type CitationFormat } from '../citation/formats';
import { parseSettings, type Settings } from './settings';
import { loadStored, onStoredChanged, saveStored } from './stored';

// The adapter between settings and browser.storage.sync (through stored.ts).

const KEY = 'settings';

export const loadSettings = (): Promise<Settings> => loadStored('sync', KEY, parseSettings);

export const saveSettings = (patch: Partial<Settings>): Promise<Settings> =>
  saveStored('sync', KEY, parseSettings, patch);

export const onSettingsChanged = (fn: (s: Settings) => void): (() => void) =>
  onStoredChanged('sync', KEY, parseSettings, fn);

const CITATION_KEY = 'citationFormat';

/**
 * What one click on "Cite" copies (plain text by default: it pastes anywhere; the menu has the
 * rest). Kept beside Settings, not in them: the script every page loads parses Settings, and
 * this is read only by our own pages and the background.
 */
export async function loadCitationFormat(): Promise<CitationFormat> {
  const got: Record<string, unknown> = await browser.storage.sync.get(CITATION_KEY);
  const f = got[CITATION_KEY];
  return CITATION_FORMATS.find((x) => x === f) ?? CITATION_FORMATS[0];
}

export async function saveCitationFormat(format: CitationFormat): Promise<void> {
  await browser.storage.sync.set({ [CITATION_KEY]: format });
}
