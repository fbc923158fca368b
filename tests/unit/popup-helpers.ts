import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import glossary from '../../glossary/generated/glossary.json';
import matcher from '../../glossary/generated/matcher.json';
import type { PopupServices, TabInfo } from '../../lib/extension/popup/services';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { makeLookup } from '../../lib/shared/glossary/lookup';
import type { PageReport } from '../../lib/protocol/to-content';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { NotesDb } from '../../lib/extension/notes/db';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';
import { makeFolder } from '../../lib/extension/search/fold';
import { GlossaryIndex } from '../../lib/extension/search/glossary-search';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../lib/shared/settings/settings';
import type { LogClient } from '../../lib/extension/log/client';
import type { LogEntry } from '../../lib/protocol/to-background';
import { DEFAULT_LOG_SETTINGS, type LogSettings } from '../../lib/shared/settings/log-settings';

/** browser.i18n.getMessage as Chromium does it, over public/_locales/<locale>/messages.json. */
export function useLocale(locale: 'en' | 'zh_CN' = 'en'): void {
  const messages = JSON.parse(
    readFileSync(resolve('public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  const getMessage = (key: string, subs?: string | string[]) => {
    const m = messages[key];
    if (!m) return '';
    const args = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    const arg = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => args[Number(d) - 1] ?? '');
    return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const p = m.placeholders?.[name.toLowerCase()];
      return p ? arg(p.content) : '';
    });
  };
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage);
}

let seq = 0;
export function makeNote(over: Partial<Note> & { quote?: string } = {}): Note {
  const { quote = '发展新质生产力是推动高质量发展的内在要求', ...rest } = over;
  const t = Date.UTC(2024, 1, 2, 8) + ++seq * 60_000;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    url: 'http://www.people.cn/a.html',
    rev: 1,
    title: '加快发展新质生产力 扎实推进高质量发展',
    site: 'people.cn',
    selectors: {
      version: SELECTOR_VERSION,
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: quote.length },
    },
    text: `note ${seq}`,
    tags: [],
    termIds: [],
    createdAt: t,
    updatedAt: t,
    ...rest,
  };
}

export const REPORT: PageReport = {
  url: 'http://www.people.cn/a.html',
  title: '加快发展新质生产力 扎实推进高质量发展',
  terms: [
    { termId: 'new-quality-productive-forces', count: 3 },
    { termId: 'high-quality-development', count: 2 },
  ],
  scan: { ms: 1, busyMs: 1, chars: 100, textNodes: 10, longestSliceMs: 1 },
  highlights: 5,
  active: true,
  notes: { canonical: null, total: 0, anchored: 0, orphaned: [] },
};

export interface FakeServices extends PopupServices {
  /** The database behind `repo`, for a test to seed and inspect (the popup itself has no access). */
  db: NotesDb;
  settings: Settings;
  /** What the fake reading log holds (the background's in the extension). */
  logRows: LogEntry[];
  close(): Promise<void>;
}

function fakeLog(rows: () => LogEntry[], clear: () => void): LogClient {
  let settings = { ...DEFAULT_LOG_SETTINGS };
  const listeners = new Set<(s: LogSettings) => void>();
  return {
    sightings: async (termId) =>
      rows()
        .filter((r) => r.termId === termId)
        .map(({ termId: _id, ...rest }) => rest),
    entries: async () => rows(),
    clear: async () => clear(),
    settings: async () => settings,
    saveSettings: async (patch) => {
      settings = { ...settings, ...patch };
      for (const l of listeners) l(settings);
      return settings;
    },
    onSettingsChanged: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    openPage: vi.fn(),
  };
}

export function fakeServices(
  opts: { tab?: TabInfo | null; report?: PageReport | null } = {},
): FakeServices {
  const g = glossary as CompiledGlossary;
  const name = `popup-test-${Math.random().toString(36).slice(2)}`;
  const db = new NotesDb(name);
  const lookup = makeLookup(g);
  const listeners = new Set<(s: Settings) => void>();
  const s: FakeServices = {
    db,
    repo: new NotesRepository(db),
    glossary: new GlossaryIndex(g.entries, makeFolder(matcher.fold)),
    lookup,
    termDetails: async (id) => lookup(id),
    currentTab: vi.fn(async () =>
      opts.tab === undefined
        ? { id: 7, url: 'http://www.people.cn/a.html', title: 'A page' }
        : opts.tab,
    ),
    pageReport: vi.fn(async () => (opts.report === undefined ? REPORT : opts.report)),
    scanTab: vi.fn(async () => {}),
    revealTerm: vi.fn(async () => true),
    openNote: vi.fn(async () => {}),
    settings: { ...DEFAULT_SETTINGS },
    loadSettings: async () => s.settings,
    saveSettings: async (patch) => {
      s.settings = parseSettings({ ...s.settings, ...patch });
      for (const l of listeners) l(s.settings);
      return s.settings;
    },
    onSettingsChanged: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    download: vi.fn(),
    inPopupWindow: false,
    openInTab: vi.fn(),
    logRows: [],
    log: fakeLog(
      () => s.logRows,
      () => (s.logRows = []),
    ),
    close: async () => {
      db.close();
      await Dexie.delete(name);
    },
  };
  return s;
}
