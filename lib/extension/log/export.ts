import Papa from 'papaparse';
import type { Sighting } from './db';

/** The reading log as a file: one row per (term, page). Times as ISO 8601 (UTC). */

const COLUMNS = ['termId', 'url', 'title', 'site', 'firstSeen', 'lastSeen', 'count'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function logToJson(rows: readonly Sighting[], exportedAt: number): string {
  const sightings = rows.map((r) => ({
    ...r,
    firstSeen: iso(r.firstSeen),
    lastSeen: iso(r.lastSeen),
  }));
  return JSON.stringify(
    { format: 'policy-lens-reading-log', version: 1, exportedAt: iso(exportedAt), sightings },
    null,
    2,
  );
}

/**
 * CSV for spreadsheets. A title is the page's: a cell starting with = + - @ is prefixed with
 * ' so a spreadsheet shows it instead of running it (CSV injection).
 */
export function logToCsv(rows: readonly Sighting[]): string {
  return Papa.unparse(
    {
      fields: [...COLUMNS],
      data: rows.map((r) => [
        r.termId,
        r.url,
        r.title,
        r.site,
        iso(r.firstSeen),
        iso(r.lastSeen),
        r.count,
      ]),
    },
    { escapeFormulae: true },
  );
}
