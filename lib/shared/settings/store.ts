import { browser } from 'wxt/browser';
import { CITATION_FORMATS, type CitationFormat } from '../citation/formats';
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
