import { webUrl } from '../../shared/notes/url';
import { getDomain } from 'tldts';
import { withInnerTerms, type Nesting } from '../../shared/glossary/nesting';
import {
  loadLogSettings,
  onLogSettingsChanged,
  type LogSettings,
} from '../../shared/settings/log-settings';
import type { Sender } from '../../protocol/senders';
import type { LogRepository, PageScan } from './repository';

/** What a content script reports at the end of a scan: its terms and their counts. */
export interface TermCounts {
  terms: readonly { termId: string; count: number }[];
}

/**
 * The page a content script's report is about, from what the browser says of the sender —
 * never from the message, which a compromised renderer writes. Null when the page is not to
 * be logged: a private window, a page of ours, anything but http(s).
 */
export function loggablePage(sender: Extract<Sender, { kind: 'content' }>, ownOrigin: string) {
  if (sender.incognito) return null;
  // http(s) only: our own pages (ownOrigin) and every other scheme are not logged.
  const url = webUrl(sender.url);
  if (!url || url.origin === ownOrigin) return null;
  url.hash = '';
  const host = url.hostname;
  return {
    url: url.href,
    // The tab's title names its top document; a frame's own title is not reported.
    title: sender.frameId === 0 ? (sender.title ?? '') : '',
    site: getDomain(host, { allowPrivateDomains: true }) ?? host,
  };
}

export interface LogServiceDeps {
  repo(): LogRepository;
  settings(): Promise<LogSettings>;
  nesting: Nesting;
  /** Whether a term id is one of ours (bundled, or one of the reader's own): no junk rows. */
  isTerm(id: string): boolean | Promise<boolean>;
  /** Our own origin (chrome-extension://id): never logged. */
  ownOrigin: string;
}

/** Records a content script's finished scan in the reading log; returns whether it did. */
export async function logScan(
  d: LogServiceDeps,
  report: TermCounts,
  sender: Sender,
): Promise<boolean> {
  if (sender.kind !== 'content') return false;
  const page = loggablePage(sender, d.ownOrigin);
  if (!page) return false;
  const settings = await d.settings();
  if (settings.paused) return false;
  const counts = withInnerTerms(await knownTerms(d, report.terms), d.nesting);
  for (const [id, n] of counts) if (n <= 0) counts.delete(id);
  if (!counts.size) return false;
  const scan: PageScan = { ...page, counts };
  await d.repo().record(scan, settings.retentionDays);
  return true;
}

/** Prunes the log to the reader's retention now, and again whenever the setting changes. */
export function keepLogPruned(repo: () => LogRepository): void {
  const prune = (s: LogSettings) =>
    repo()
      .prune(s.retentionDays)
      .then(
        () => {},
        () => {}, // tried again at the next write or start
      );
  void loadLogSettings().then(prune, () => {});
  onLogSettingsChanged((s) => void prune(s));
}

/** The counts whose term exists: a compromised content script's made-up ids are dropped. */
async function knownTerms<T extends { termId: string }>(
  d: LogServiceDeps,
  terms: readonly T[],
): Promise<T[]> {
  const known = await Promise.all(terms.map(async (t) => d.isTerm(t.termId)));
  return terms.filter((_, i) => known[i]);
}
