import type { TermDetailsData } from '../../shared/glossary/lookup';
import type { PageReport } from '../../protocol/to-content';
import type { NotesRepository } from '../notes/repository';
import type { Note } from '../../shared/notes/model';
import type { GlossaryIndex } from '../search/glossary-search';
import type { Settings } from '../../shared/settings/settings';
import type { LogClient } from '../log/client';

/** What the popup knows of its tab: which it is, and its content script's report. */
export interface PageState {
  tab: TabInfo | null;
  /** undefined while asking; null when no content script answered. */
  report: PageReport | null | undefined;
}

/** The tab the popup is about: the active tab, or `?tab=<id>` when opened as a page. */
export interface TabInfo {
  id: number;
  /** Absent when the extension may not see it (another site, no activeTab grant). */
  url?: string;
  title?: string;
}

/**
 * Everything the popup's components use from the outside world. lib/extension/popup/browser-services.ts
 * implements it with browser.* and the notes database; unit tests pass fakes and a
 * fake-indexeddb database.
 */
export interface PopupServices {
  /** The notes database's one door: every read and write of notes. */
  repo: NotesRepository;
  glossary: GlossaryIndex;
  /** What the tooltip shows for a bundled entry (lib/shared/glossary/lookup.ts). */
  lookup(id: string): TermDetailsData | null;
  /** Bundled entries synchronously; the reader's own terms (custom-…) through the background. */
  termDetails(id: string): Promise<TermDetailsData | null>;
  currentTab(): Promise<TabInfo | null>;
  /** null when no content script answers (a page outside the sites, not scanned yet). */
  pageReport(tabId: number): Promise<PageReport | null>;
  /** "Scan this page": inject the content script (needs the activeTab grant of the click). */
  scanTab(tabId: number): Promise<void>;
  revealTerm(tabId: number, termId: string): Promise<boolean>;
  /** Opens (or focuses) the note's page and scrolls to the note. */
  openNote(note: Note): Promise<void>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  onSettingsChanged(fn: (s: Settings) => void): () => void;
  /** Hands a file to the browser (an <a download> with a Blob URL). */
  download(filename: string, mime: string, text: string): void;
  /** True inside the toolbar popup (where a file chooser would close it). */
  inPopupWindow: boolean;
  /** Opens this page in a tab (the import file chooser works there). */
  openInTab(view: string): void;
  /**
   * Opens the side panel and closes the popup. Absent where there is none (the side panel
   * itself, a browser without one).
   */
  openSidePanel?: () => void;
  /**
   * The side panel follows the active tab: `fn` hears of every tab it should show from now on
   * (another tab, or the same one after it navigated). Returns the unsubscribe. Absent in the
   * popup, which closes when the reader looks away.
   */
  followTab?: (fn: (tab: TabInfo | null) => void) => () => void;
  /** The reading log (the background's), its settings. */
  log: LogClient;
}
