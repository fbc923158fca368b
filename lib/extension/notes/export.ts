import Papa from 'papaparse';
import { groupByPage } from './group-by-page';
import type { Note } from '../../shared/notes/model';

/**
 * Notes out of the database: the versioned JSON file (complete; import.ts reads it back to the
 * same data), Markdown to cite from, CSV for spreadsheets. Pure functions over notes; the popup
 * turns the text into a download.
 */

export const EXPORT_FORMAT = 'policy-lens-notes';
/** 2: notes carry `rev`. Version 1 files (no revisions) still import (import.ts). */
export const EXPORT_VERSION = 2;

export type ExportKind = 'json' | 'md' | 'csv';

export const EXPORT_MIME: Record<ExportKind, string> = {
  json: 'application/json',
  md: 'text/markdown',
  csv: 'text/csv',
};

/** policy-lens-notes-2024-02-02.json (the reader's local date). */
export function exportFilename(kind: ExportKind, now: Date = new Date()): string {
  return `policy-lens-notes-${localDay(now.getTime())}.${kind}`;
}

/** YYYY-MM-DD in local time. */
function localDay(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Oldest first, so that two exports of the same notes are the same file. */
function chronological(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * The JSON export (GUIDE §2): `{ format, version, exportedAt, count, notes }`, each note with
 * every stored field. One note per line keeps a 10,000-note file small and diffable.
 */
export function toJson(notes: readonly Note[], now: Date = new Date()): string {
  const sorted = chronological(notes);
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    count: sorted.length,
  };
  const body = sorted.map((n) => JSON.stringify(orderedNote(n))).join(',\n');
  return `${JSON.stringify(head).slice(0, -1)},"notes":[${sorted.length ? `\n${body}\n` : ''}]}\n`;
}

/**
 * Exactly the fields of format version 2, in a fixed order (import.ts reads exactly these; a
 * new field in the database means a new format version).
 */
function orderedNote(n: Note): Note {
  const { id, url, title, site, selectors, text, tags, termIds, createdAt, updatedAt, rev } = n;
  const { version, quote, position } = selectors;
  return {
    id,
    url,
    title,
    site,
    selectors: {
      version,
      quote: { type: quote.type, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      position: { type: position.type, start: position.start, end: position.end },
    },
    text,
    tags,
    termIds,
    createdAt,
    updatedAt,
    rev,
  };
}

interface MarkdownLabels {
  heading: string;
  /** "$1 notes from $2 pages, exported $3". */
  summary: (notes: number, pages: number, day: string) => string;
  noted: string;
  tags: string;
  terms: string;
  untitled: string;
}

const EN_MARKDOWN_LABELS: MarkdownLabels = {
  heading: 'Policy Lens notes',
  summary: (n, p, d) => `${n} notes from ${p} pages, exported ${d}.`,
  noted: 'Noted',
  tags: 'Tags',
  terms: 'Terms',
  untitled: '(untitled page)',
};

export interface MarkdownOptions {
  now?: Date;
  labels?: MarkdownLabels;
  /** Headword for a term id ("新质生产力 (new quality productive forces)"). */
  termLabel?: (id: string) => string | undefined;
}

/**
 * Markdown grouped by page, newest page first, each page a citation (title, site, URL, date
 * range) and each note its quote as a block quote, the reader's text and its date.
 */
export function toMarkdown(notes: readonly Note[], opts: MarkdownOptions = {}): string {
  const labels = opts.labels ?? EN_MARKDOWN_LABELS;
  const now = opts.now ?? new Date();
  const newestFirst = [...notes].sort((a, b) => b.createdAt - a.createdAt);
  const groups = groupByPage(newestFirst);
  const out: string[] = [
    `# ${labels.heading}`,
    '',
    labels.summary(notes.length, groups.length, localDay(now.getTime())),
  ];
  for (const g of groups) {
    const title = oneLine(g.title) || labels.untitled;
    const pageNotes = [...g.notes].sort((a, b) => a.createdAt - b.createdAt);
    const first = localDay(pageNotes[0]!.createdAt);
    const last = localDay(pageNotes[pageNotes.length - 1]!.createdAt);
    out.push(
      '',
      `## ${escapeInline(title)}`,
      '',
      `${escapeInline(g.site)} · ${markdownUrl(g.url)} · ${first === last ? first : `${first} – ${last}`}`,
    );
    for (const n of pageNotes) {
      out.push('');
      const quote = n.selectors.quote.exact.trim();
      if (quote) out.push(...escapeLines(quote).map((l) => `> ${l}`), '');
      if (n.text.trim()) out.push(...escapeLines(n.text.trim()), '');
      const meta = [`${labels.noted} ${localDay(n.createdAt)}`];
      if (n.tags.length) meta.push(`${labels.tags}: ${n.tags.map(escapeInline).join(', ')}`);
      const terms = n.termIds.map((id) => escapeInline(oneLine(opts.termLabel?.(id) ?? id)));
      if (terms.length) meta.push(`${labels.terms}: ${terms.join(', ')}`);
      out.push(`*${meta.join(' · ')}*`);
    }
  }
  return `${out.join('\n')}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Text copied from a page, a note or an import (titles, quotes, tags, term labels, note text)
 * as Markdown that shows exactly that text and nothing live: a page's title or quote can say
 * `<img src=x onerror=…>`, `[x](javascript:…)` or `![](https://tracker…)`, and a Markdown
 * viewer would run, link or load them. Every character that can open inline Markdown or HTML
 * is backslash-escaped (CommonMark: escaped ASCII punctuation is literal): no tag, entity,
 * link, image, emphasis, code span or table cell can form. Other punctuation (. : - …) is left
 * alone so that the file stays readable as plain text.
 */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]()<>#|!~&]/g, '\\$&');
}

/**
 * Several lines of text, each escaped inline, plus what only means something at a line's start
 * (list items "- " "+ " "1. ", setext underlines "==="); leading spaces are dropped so that no
 * line turns into an indented code block.
 */
function escapeLines(s: string): string[] {
  return s.split(/\r\n|\r|\n/).map((l) =>
    escapeInline(l.trimStart())
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)\./, '$1\\.'),
  );
}

/**
 * A page's address as a Markdown link only when it is a web address (http or https), written
 * in its parsed, percent-encoded form inside `<…>` (no spaces, no `<` or `>` can remain);
 * anything else is shown as escaped text, never as a link.
 */
export function markdownUrl(url: string): string {
  let href: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return escapeInline(oneLine(url));
    href = u.href;
  } catch {
    return escapeInline(oneLine(url));
  }
  return `<${href.replace(/[<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`;
}

export const CSV_COLUMNS = [
  'id',
  'created',
  'updated',
  'title',
  'site',
  'url',
  'quote',
  'note',
  'tags',
  'terms',
  'termIds',
] as const;

/**
 * CSV with a header row, one note per row, newest first. Cells that a spreadsheet would run as
 * a formula (=, +, -, @ …) are escaped by papaparse's `escapeFormulae`; a BOM makes Excel read
 * UTF-8.
 */
export function toCsv(
  notes: readonly Note[],
  opts: { termLabel?: (id: string) => string | undefined } = {},
): string {
  const rows = [...notes]
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((n) => [
      n.id,
      new Date(n.createdAt).toISOString(),
      new Date(n.updatedAt).toISOString(),
      n.title,
      n.site,
      n.url,
      n.selectors.quote.exact,
      n.text,
      n.tags.join('; '),
      n.termIds.map((id) => opts.termLabel?.(id) ?? id).join('; '),
      n.termIds.join('; '),
    ]);
  return `\uFEFF${Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    { escapeFormulae: true, newline: '\r\n' },
  )}\r\n`;
}
