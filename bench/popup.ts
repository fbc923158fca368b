/**
 * The toolbar popup at scale, on chrome-extension://<id>/popup.html?view=notes opened as a
 * page (400 × 600) in a fresh profile, read through the performance measures the popup records
 * (components/popup/NotesView.tsx, ImportPanel.tsx):
 *
 * - importing 10,000 notes the way a reader does (choose a JSON file, review, confirm):
 *   `policy-lens:import-check` (read + check + plan) and `policy-lens:import-write` (one
 *   transaction);
 * - first list paint (`policy-lens:first-list`, navigation start → first notes in the DOM) over
 *   reloads, at 10,000 notes and, after seeding 40,000 more in one transaction, at 50,000;
 * - search per keystroke: realistic queries typed one character at a time, 120 ms apart;
 *   `policy-lens:search` (input → DOM updated) and `policy-lens:search-frame` (input → the end
 *   of the next frame: what the reader sees).
 */
import type { Page } from 'playwright-core';
import { toJson } from '../lib/extension/notes/export';
import { makeNotes, measureSearchKeystrokes, seedNotes } from '../tests/browser/popup-seed';
import { EXTENSION_ID, launch } from './browser';
import { quantile } from './stats';

interface PopupAt {
  notes: number;
  /** policy-lens:first-list of each reload, ms from navigation start. */
  firstListMs: number[];
  /** policy-lens:all-notes of each reload. */
  allNotesMs: number[];
  /** Per keystroke: input → DOM updated, and input → end of the next frame. */
  searchMs: number[];
  searchFrameMs: number[];
  queries: string[];
}

export interface PopupResult {
  import?: { notes: number; fileMB: number; checkMs: number; writeMs: number; seenMs: number };
  at: PopupAt[];
  errors: string[];
}

const QUERIES = ['productivity', '新质生产力', 'xzscl', 'carbon 经济', 'innovaton', 'zzzz'];
const measures = (p: Page) =>
  p.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('measure').map((e) => [e.name, e.duration])),
  );

async function reloads(popup: Page, n: number, total: string, at: PopupAt): Promise<void> {
  for (let i = 0; i < n; i++) {
    await popup.reload();
    await popup.locator('#note-results .note-item').first().waitFor({ timeout: 60_000 });
    await popup.getByText(total).first().waitFor({ timeout: 60_000 });
    const m = await measures(popup);
    if (m['policy-lens:first-list'] !== undefined) at.firstListMs.push(m['policy-lens:first-list']);
    if (m['policy-lens:all-notes'] !== undefined) at.allNotesMs.push(m['policy-lens:all-notes']);
  }
}

async function search(popup: Page, queries: string[], at: PopupAt): Promise<void> {
  const keys = await measureSearchKeystrokes(popup, queries);
  at.searchMs = keys.commit;
  at.searchFrameMs = keys.frame;
  at.queries = queries;
}

export async function runPopup(port: number, log: (s: string) => void): Promise<PopupResult> {
  const out: PopupResult = { at: [], errors: [] };
  const b = await launch(port, 'ours');
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  const summary = (a: PopupAt) =>
    `first list ${a.firstListMs.map((x) => x.toFixed(0)).join(', ')} ms; search p50/p95 ${f1(quantile(a.searchMs, 0.5))}/${f1(quantile(a.searchMs, 0.95))} ms, to next frame ${f1(quantile(a.searchFrameMs, 0.5))}/${f1(quantile(a.searchFrameMs, 0.95))} ms (${a.searchMs.length} keystrokes)`;
  try {
    const popup = await b.context.newPage();
    popup.on('pageerror', (e) => out.errors.push(`popup: ${e.message}`));
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?view=notes`);
    await popup.locator('.popup').waitFor();
    await popup.getByText('0 notes').first().waitFor();

    // Import 10,000 notes through the panel.
    const file = toJson(makeNotes(10_000, 3));
    await popup.getByRole('button', { name: 'Import…' }).click();
    const t0 = Date.now();
    await popup.locator('input[type=file]').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    await popup.getByText('10,000 new, to be added').waitFor({ timeout: 60_000 });
    await popup.getByRole('button', { name: 'Import 10,000 notes' }).click();
    await popup.getByText(/Imported: 10,000 added/).waitFor({ timeout: 60_000 });
    const seenMs = Date.now() - t0;
    const m = await measures(popup);
    out.import = {
      notes: 10_000,
      fileMB: Buffer.byteLength(file) / 1e6,
      checkMs: m['policy-lens:import-check'] ?? NaN,
      writeMs: m['policy-lens:import-write'] ?? NaN,
      seenMs,
    };
    log(
      `  import 10,000 notes (${out.import.fileMB.toFixed(1)} MB): check ${f1(out.import.checkMs)} ms, write ${f1(out.import.writeMs)} ms (${seenMs} ms seen by the bench)`,
    );

    const at10: PopupAt = {
      notes: 10_000,
      firstListMs: [],
      allNotesMs: [],
      searchMs: [],
      searchFrameMs: [],
      queries: [],
    };
    await reloads(popup, 5, '10,000 notes', at10);
    await search(popup, QUERIES, at10);
    out.at.push(at10);
    log(`  10,000 notes: ${summary(at10)}`);

    // 40,000 more in one transaction (makeNotes' ids differ by seed), then reload.
    await seedNotes(popup, makeNotes(40_000, 4));
    const at50: PopupAt = {
      notes: 50_000,
      firstListMs: [],
      allNotesMs: [],
      searchMs: [],
      searchFrameMs: [],
      queries: [],
    };
    await reloads(popup, 3, '50,000 notes', at50);
    await search(popup, QUERIES.slice(0, 3), at50);
    out.at.push(at50);
    log(`  50,000 notes: ${summary(at50)}`);
    await popup.close();
  } finally {
    await b.close();
  }
  return out;
}
