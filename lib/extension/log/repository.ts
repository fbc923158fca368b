import { LogDb, type Sighting } from './db';

const DAY = 86_400_000;

/** One page's scan as the background admitted it (URL and title from the sender). */
export interface PageScan {
  url: string;
  title: string;
  site: string;
  /** Term id → occurrences on the page (inner occurrences included). */
  counts: ReadonlyMap<string, number>;
}

/** The one door to the reading log's database: every read and write goes through here. */
export class LogRepository {
  constructor(
    private readonly db: LogDb,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records a finished scan: each term's row for this URL gets the scan's count (replacing the
   * last one: a reload never adds up) and `lastSeen` now. Rows older than the retention go in
   * the same transaction, so the log never grows past it for long.
   */
  async record(scan: PageScan, retentionDays: number): Promise<void> {
    const now = this.now();
    await this.db.transaction('rw', this.db.sightings, async () => {
      const keys = [...scan.counts.keys()].map((termId): [string, string] => [termId, scan.url]);
      const old = await this.db.sightings.bulkGet(keys);
      const rows: Sighting[] = keys.map(([termId], i) => ({
        termId,
        url: scan.url,
        title: scan.title || old[i]?.title || '',
        site: scan.site,
        firstSeen: old[i]?.firstSeen ?? now,
        lastSeen: now,
        count: scan.counts.get(termId)!,
      }));
      await this.db.sightings.bulkPut(rows);
      if (retentionDays > 0) await this.pruneIn(now, retentionDays);
    });
  }

  /** Drops pages last seen more than `retentionDays` ago (0: keep everything). */
  async prune(retentionDays: number): Promise<number> {
    if (retentionDays <= 0) return 0;
    return this.pruneIn(this.now(), retentionDays);
  }

  private pruneIn(now: number, retentionDays: number): Promise<number> {
    return this.db.sightings
      .where('lastSeen')
      .below(now - retentionDays * DAY)
      .delete();
  }

  /** The pages a term was seen on, most recently seen first. */
  async forTerm(termId: string): Promise<Sighting[]> {
    const rows = await this.db.sightings.where('termId').equals(termId).toArray();
    return rows.sort((a, b) => b.lastSeen - a.lastSeen);
  }

  /** Every row (trends across terms, export). */
  all(): Promise<Sighting[]> {
    return this.db.sightings.toArray();
  }

  clear(): Promise<void> {
    return this.db.sightings.clear();
  }
}

let shared: LogRepository | undefined;

/** The background's repository; the database opens on first use. */
export function logRepository(): LogRepository {
  shared ??= new LogRepository(new LogDb());
  return shared;
}
