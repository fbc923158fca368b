import Papa from 'papaparse';
import * as v from 'valibot';
import { MAX_ALIASES, MAX_CUSTOM_PATTERNS, MAX_CUSTOM_TERMS } from './custom-limits';

export { MAX_ALIASES, MAX_CUSTOM_PATTERNS, MAX_CUSTOM_TERMS };

/**
 * A reader's own glossary terms. Imported from our glossary JSON format or from CSV
 * (term, English, definition, note); every row is validated on its own and every rejected row is
 * named with its reason, so one bad line never costs the others.
 */

export interface CustomTerm {
  /** 'custom-' + a UUID: never collides with bundled ids. */
  id: string;
  /** The term as it appears on pages (Chinese or English). */
  term: string;
  /** Other spellings to match. */
  aliases: string[];
  english: string;
  definition: string;
  note: string;
  createdAt: number;
  updatedAt: number;
}

export type CustomTermInput = Pick<
  CustomTerm,
  'term' | 'aliases' | 'english' | 'definition' | 'note'
>;

interface RowError {
  /** 1-based row (CSV, counting the header) or entry index (JSON, 0-based, shown as [i]). */
  where: string;
  message: string;
}

export interface ParsedImport {
  terms: CustomTermInput[];
  errors: RowError[];
}

const MAX_TERM = 100;
const MAX_TEXT = 4_000;
const MAX_IMPORT_BYTES = 2_000_000;
const text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.maxLength(max, `longer than ${max} characters`));

const TermInputSchema = v.object({
  term: v.pipe(text(MAX_TERM), v.minLength(2, 'a term needs at least two characters')),
  aliases: v.pipe(
    v.array(v.pipe(text(MAX_TERM), v.minLength(2, 'an alias needs at least two characters'))),
    v.maxLength(MAX_ALIASES, `more than ${MAX_ALIASES} aliases`),
  ),
  english: text(MAX_TERM * 3),
  definition: text(MAX_TEXT),
  note: text(MAX_TEXT),
});

function check(row: unknown, where: string, out: ParsedImport, seen: Set<string>): void {
  const r = v.safeParse(TermInputSchema, row);
  if (!r.success) {
    const i = r.issues[0];
    const path = v.getDotPath(i);
    out.errors.push({ where, message: path ? `${path}: ${i.message}` : i.message });
    return;
  }
  const key = r.output.term.toLowerCase();
  if (seen.has(key)) {
    out.errors.push({ where, message: `"${r.output.term}" appears twice in this file` });
    return;
  }
  seen.add(key);
  out.terms.push(r.output);
}

/** CSV with the columns term, English, definition, note (a header row is recognised). */
export function parseCsv(source: string): ParsedImport {
  const out: ParsedImport = { terms: [], errors: [] };
  if (source.length > MAX_IMPORT_BYTES) {
    return { terms: [], errors: [{ where: 'file', message: 'larger than 2 MB' }] };
  }
  const parsed = Papa.parse<string[]>(source.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  // A one-column file has no delimiter to detect; that is not an error in the file.
  for (const e of parsed.errors.filter((x) => x.code !== 'UndetectableDelimiter')) {
    out.errors.push({ where: `row ${(e.row ?? 0) + 1}`, message: e.message });
  }
  const rows = parsed.data;
  if (rows.length > MAX_CUSTOM_TERMS + 1) {
    return { terms: [], errors: [tooManyTerms(rows.length - 1)] };
  }
  const header = rows[0]?.map((c) => c.trim().toLowerCase()) ?? [];
  const hasHeader = header.includes('term') || header.includes('术语');
  const col = (names: string[], fallback: number) => {
    const i = header.findIndex((h) => names.includes(h));
    return hasHeader ? i : fallback;
  };
  const cTerm = col(['term', '术语'], 0);
  const cEn = col(['english', 'en', '英文'], 1);
  const cDef = col(['definition', '定义', '释义'], 2);
  const cNote = col(['note', '备注'], 3);
  if (hasHeader && cTerm < 0) out.errors.push({ where: 'row 1', message: 'no "term" column' });
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    if (hasHeader && i === 0) return;
    const at = (c: number) => (c >= 0 ? (cells[c] ?? '') : '');
    check(
      { term: at(cTerm), aliases: [], english: at(cEn), definition: at(cDef), note: at(cNote) },
      `row ${i + 1}`,
      out,
      seen,
    );
  });
  return out;
}

/** Our glossary JSON format ({ format: 'policy-lens-glossary', entries: [...] }), or a bare list. */
export function parseGlossaryJson(source: string): ParsedImport {
  if (source.length > MAX_IMPORT_BYTES) {
    return { terms: [], errors: [{ where: 'file', message: 'larger than 2 MB' }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    return {
      terms: [],
      errors: [{ where: 'file', message: `not JSON (${(e as Error).message})` }],
    };
  }
  const entries = Array.isArray(data)
    ? data
    : data &&
        typeof data === 'object' &&
        (data as { format?: unknown }).format === 'policy-lens-glossary'
      ? (data as { entries?: unknown }).entries
      : undefined;
  if (!Array.isArray(entries)) {
    return {
      terms: [],
      errors: [
        {
          where: 'file',
          message: 'expected { "format": "policy-lens-glossary", "entries": [...] }',
        },
      ],
    };
  }
  if (entries.length > MAX_CUSTOM_TERMS)
    return { terms: [], errors: [tooManyTerms(entries.length)] };
  const out: ParsedImport = { terms: [], errors: [] };
  const seen = new Set<string>();
  entries.forEach((e: unknown, i) => {
    const o = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
    const en = (o.en ?? {}) as Record<string, unknown>;
    const def = (o.definition ?? {}) as Record<string, unknown>;
    const definition = [def.zh, def.en].filter((d) => typeof d === 'string' && d).join('\n');
    check(
      {
        term: o.zh ?? o.term,
        aliases: o.aliases ?? [],
        english: typeof en === 'string' ? en : (en.official ?? firstRenderingText(en.renderings)),
        definition: typeof o.definition === 'string' ? o.definition : definition,
        note: o.note ?? '',
      },
      `entries[${i}]`,
      out,
      seen,
    );
  });
  return out;
}

/** Our own glossary format lists renderings, preferred first; older files had `en.official`. */
function firstRenderingText(renderings: unknown): unknown {
  const first: unknown = Array.isArray(renderings) ? renderings[0] : undefined;
  return first && typeof first === 'object' && 'text' in first ? first.text : '';
}

/** Rows whose term (or an alias) is already a bundled or saved term are rejected, by name. */
export function rejectKnown(p: ParsedImport, known: ReadonlySet<string>): ParsedImport {
  const terms: CustomTermInput[] = [];
  const errors = [...p.errors];
  for (const t of p.terms) {
    const clash = [t.term, ...t.aliases].find((s) => known.has(s.toLowerCase()));
    if (clash)
      errors.push({ where: `"${t.term}"`, message: `"${clash}" is already in the glossary` });
    else terms.push(t);
  }
  return { terms, errors };
}

function tooManyTerms(n: number): RowError {
  return {
    where: 'file',
    message: `${n} terms; a glossary holds at most ${MAX_CUSTOM_TERMS}. Nothing was imported`,
  };
}

/** How many patterns a term adds to every page's matcher (custom-matcher.ts customPatterns). */
function patternCount(t: Pick<CustomTermInput, 'aliases' | 'english'>): number {
  return 1 + t.aliases.length + (t.english ? 1 : 0);
}

/**
 * Whether `incoming` fits beside the saved terms; a refusal is for the whole import (one
 * message, nothing changed), since which rows to drop is the reader's choice. Checked when the
 * file is read and again inside the write's transaction (custom-db.ts).
 */
export function limitsProblem(
  saved: readonly Pick<CustomTermInput, 'aliases' | 'english'>[],
  incoming: readonly Pick<CustomTermInput, 'aliases' | 'english'>[],
): string | null {
  const terms = saved.length + incoming.length;
  if (terms > MAX_CUSTOM_TERMS) {
    return `${saved.length} saved + ${incoming.length} new terms is more than ${MAX_CUSTOM_TERMS}. Nothing was imported`;
  }
  const count = (xs: typeof saved) => xs.reduce((n, t) => n + patternCount(t), 0);
  const patterns = count(saved) + count(incoming);
  if (patterns > MAX_CUSTOM_PATTERNS) {
    return `${patterns} terms, aliases and English names together; at most ${MAX_CUSTOM_PATTERNS}. Nothing was imported`;
  }
  return null;
}

/** The import as shown to the reader: refused whole when it would break the glossary limits. */
export function withinLimits(
  p: ParsedImport,
  saved: readonly Pick<CustomTermInput, 'aliases' | 'english'>[],
): ParsedImport {
  const problem = limitsProblem(saved, p.terms);
  return problem ? { terms: [], errors: [...p.errors, { where: 'file', message: problem }] } : p;
}
