/**
 * The reading log summarised for the trends view: plain functions over plain rows. A page
 * belongs to the week it was first seen (when it was read); its count is its latest scan's.
 * Weeks start on Monday, local time.
 */

export interface LogRow {
  termId: string;
  url: string;
  site: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
}

const DAY = 86_400_000;

/** Monday 00:00 (local) of the week holding `t`. */
export function weekStart(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

/** The first day (local) of the month holding `t`. */
export function monthStart(t: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}

export interface WeeklyBySite {
  /** Week starts, oldest first, contiguous, ending with the week of `now`. */
  weeks: number[];
  /** The sites shown, most counted first; the rest are summed under OTHER_SITES. */
  sites: string[];
  /** counts[site][week] */
  counts: number[][];
  /** Pages per week (all sites). */
  pages: number[];
}

export const OTHER_SITES = '…';

/**
 * A term's occurrences per week, split by site, over the `weeks` weeks ending with `now`'s
 * week (rows older than that are left out). At most `maxSites` sites are named; the others
 * become one series, so the colours stay few enough to tell apart.
 */
export function weeklyBySite(
  rows: readonly LogRow[],
  now: number,
  weeks: number,
  maxSites = 5,
): WeeklyBySite {
  const last = weekStart(now);
  const starts: number[] = [];
  // Stepped by calendar days, not 7 × 24 h: a daylight-saving week is 167 or 169 hours.
  for (let i = weeks - 1; i >= 0; i--) starts.push(weekStart(last - i * 7 * DAY + DAY / 2));
  const index = new Map(starts.map((w, i) => [w, i]));
  const inRange = rows.filter((r) => index.has(weekStart(r.firstSeen)));
  const totals = new Map<string, number>();
  for (const r of inRange) totals.set(r.site, (totals.get(r.site) ?? 0) + r.count);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = ranked.slice(0, ranked.length > maxSites ? maxSites - 1 : maxSites);
  const sites = named.map(([s]) => s);
  if (ranked.length > sites.length) sites.push(OTHER_SITES);
  const counts = sites.map(() => starts.map(() => 0));
  const pages = starts.map(() => 0);
  for (const r of inRange) {
    const w = index.get(weekStart(r.firstSeen))!;
    const s = sites.indexOf(r.site);
    counts[s >= 0 ? s : sites.length - 1]![w]! += r.count;
    pages[w]!++;
  }
  return { weeks: starts, sites, counts, pages };
}

export interface Total {
  key: string;
  count: number;
  pages: number;
}

function totalsBy(rows: readonly LogRow[], keyOf: (r: LogRow) => string): Total[] {
  const out = new Map<string, Total>();
  for (const r of rows) {
    const k = keyOf(r);
    const t = out.get(k) ?? { key: k, count: 0, pages: 0 };
    t.count += r.count;
    t.pages++;
    out.set(k, t);
  }
  return [...out.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** A term's occurrences per site, most first. */
export function bySite(rows: readonly LogRow[]): Total[] {
  return totalsBy(rows, (r) => r.site);
}

/** The terms most seen on pages seen since `since` (e.g. this month), most first. */
export function mostSeen(rows: readonly LogRow[], since: number, limit = 10): Total[] {
  return totalsBy(
    rows.filter((r) => r.lastSeen >= since),
    (r) => r.termId,
  ).slice(0, limit);
}

/**
 * The top of a count axis: the smallest round number (1, 2, 3, 4, 5, 6 or 8 × 10^k) at or above
 * `max`, so the tallest bar fills most of the height (at least 1).
 */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((v) => v >= max)!;
}
