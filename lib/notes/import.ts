import * as v from 'valibot';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { NoteSelectorsSchema } from './messages';
import {
  cleanTags,
  MAX_NOTE_TEXT,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE,
  MAX_URL,
  siteOf,
  type Note,
  type NotesDb,
} from './schema';

/**
 * Reading a notes file back (export.ts writes it). The whole file is checked before anything is
 * written: a file that is not ours, or broken, is refused with what is wrong and where; inside a
 * good file each note is checked on its own, so the reader sees which notes would be added,
 * which are already here (same id) and which are rejected and why. The write is then ONE
 * transaction: all of it or nothing ("clear then import" is how peers lost data).
 *
 * Nothing from the file is ever treated as markup: notes are data, shown as text. Notes are
 * strict objects: a field this version does not know (or a "__proto__" key) rejects the note,
 * since version 1 files are only ever written by export.ts with exactly these fields.
 */

/** Larger files are refused before they are read (a 10,000-note export is ~6 MB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_NOTES = 100_000;
/** Rejected notes reported one by one; past this only counted. */
export const MAX_REPORTED = 200;

export type FileErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-json'
  | 'not-object'
  | 'wrong-format'
  | 'newer-version'
  | 'wrong-version'
  | 'no-notes'
  | 'too-many'
  | 'duplicate-id';

export interface FileError {
  code: FileErrorCode;
  /** Where, as a JSON path: "version", "notes", "notes[4], notes[9]". */
  where?: string;
  /** Where a JSON syntax error is (1-based). */
  line?: number;
  column?: number;
  /** The offending value or limit, shown after the message. */
  detail?: string;
}

export type ProblemCode =
  | 'missing'
  | 'type'
  | 'unknown-field'
  | 'too-long'
  | 'too-many'
  | 'empty'
  | 'bad-id'
  | 'bad-url'
  | 'bad-number'
  | 'bad-position'
  | 'bad-version'
  | 'invalid';

export interface Problem {
  code: ProblemCode;
  /** JSON path inside the note: "selectors.quote.exact". */
  path: string;
  detail?: string;
}

export interface RejectedNote {
  /** Index in the file's `notes` array. */
  index: number;
  id?: string;
  problems: Problem[];
}

export type ParsedFile =
  | { ok: false; error: FileError }
  | { ok: true; notes: Note[]; rejected: RejectedNote[]; rejectedCount: number; total: number };

const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));

const ImportNote = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'bad-id')),
  url: v.pipe(
    v.string(),
    v.maxLength(MAX_URL),
    v.check((u) => isWebUrl(u), 'bad-url'),
  ),
  title: v.pipe(v.string(), v.maxLength(MAX_TITLE)),
  site: v.optional(v.pipe(v.string(), v.maxLength(300))),
  selectors: NoteSelectorsSchema,
  text: v.pipe(v.string(), v.maxLength(MAX_NOTE_TEXT)),
  tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH))), v.maxLength(MAX_TAGS)),
  termIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1_000)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Version 2 files; a version 1 note is revision 1. */
  rev: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1))),
});

/** The export versions this build reads. */
const READABLE_VERSIONS: readonly unknown[] = [1, EXPORT_VERSION];

/**
 * Only pages a note can be opened at: http and https. A `javascript:` or `data:` URL in an
 * imported note would run script when the reader clicks "open".
 */
export function isWebUrl(u: string): boolean {
  try {
    const p = new URL(u).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks a whole file. `size` is the file's size in bytes when known (File.size), so a huge
 * file is refused without being parsed.
 */
export function parseNotesFile(text: string, size: number = text.length): ParsedFile {
  if (size > MAX_IMPORT_BYTES) {
    return fail('too-large', undefined, `${(size / 1024 / 1024).toFixed(1)} MB`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return fail('empty');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const at = jsonErrorAt(body);
    return { ok: false, error: { code: 'not-json', ...at, detail: jsonErrorDetail(e) } };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return fail('not-object', undefined, Array.isArray(data) ? 'array' : typeof data);
  }
  const file = data as Record<string, unknown>;
  if (file.format !== EXPORT_FORMAT) return fail('wrong-format', 'format', short(file.format));
  if (typeof file.version === 'number' && file.version > EXPORT_VERSION) {
    return fail('newer-version', 'version', String(file.version));
  }
  if (!READABLE_VERSIONS.includes(file.version)) {
    return fail('wrong-version', 'version', short(file.version));
  }
  if (!Array.isArray(file.notes)) return fail('no-notes', 'notes', short(file.notes));
  const raw = file.notes as unknown[];
  if (raw.length > MAX_IMPORT_NOTES) {
    return fail('too-many', 'notes', `${raw.length} > ${MAX_IMPORT_NOTES}`);
  }

  const notes: Note[] = [];
  const rejected: RejectedNote[] = [];
  let rejectedCount = 0;
  const seen = new Map<string, number>();
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    const rawId =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : undefined;
    // The same id twice in one file is not a note problem: the file itself is inconsistent.
    if (rawId !== undefined) {
      const first = seen.get(rawId);
      if (first !== undefined) {
        return fail('duplicate-id', `notes[${first}], notes[${i}]`, short(rawId));
      }
      seen.set(rawId, i);
    }
    const r = v.safeParse(ImportNote, item, { abortPipeEarly: true });
    if (!r.success) {
      rejectedCount++;
      if (rejected.length < MAX_REPORTED) {
        rejected.push({
          index: i,
          ...(rawId !== undefined ? { id: rawId } : {}),
          problems: r.issues.slice(0, 5).map(toProblem),
        });
      }
      continue;
    }
    const n = r.output;
    notes.push({
      id: n.id,
      url: n.url,
      title: n.title,
      site: n.site || siteOf(n.url),
      selectors: n.selectors,
      text: n.text,
      tags: cleanTags(n.tags),
      termIds: [...new Set(n.termIds)],
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
      rev: n.rev ?? 1,
    });
  }
  return { ok: true, notes, rejected, rejectedCount, total: raw.length };
}

function fail(code: FileErrorCode, where?: string, detail?: string): ParsedFile {
  return {
    ok: false,
    error: { code, ...(where !== undefined ? { where } : {}), ...(detail ? { detail } : {}) },
  };
}

/** A value as a short, single-line string for a message (never markup: shown as text). */
function short(x: unknown): string {
  let s: string;
  if (x === undefined) s = 'undefined';
  else if (typeof x === 'string') s = JSON.stringify(x);
  else {
    try {
      s = JSON.stringify(x) ?? String(x);
    } catch {
      s = String(x);
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Line and column (1-based) of the first JSON syntax error in `text`. */
function jsonErrorAt(text: string): { line: number; column: number } {
  const at = jsonErrorOffset(text);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

/**
 * Offset of the first syntax error, found by a small JSON scanner: engines word (and place)
 * JSON.parse errors differently, and V8 gives no position for "Unexpected token".
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (w: string) => {
    if (text.startsWith(w, i)) i += w.length;
    else fail();
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
  };
  const num = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else fail();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    return 0; // stack overflow: report the start
  }
  return text.length;
}

function jsonErrorDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // V8 quotes the start of the text ("…" is not valid JSON); keep the reason, drop the echo.
  return short(
    msg
      .replace(/, "[\s\S]*" is not valid JSON$/, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/^JSON\.parse: /, ''),
  );
}

function toProblem(issue: v.BaseIssue<unknown>): Problem {
  const path = (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
  const code = problemCode(issue);
  const detail =
    code === 'too-long' || code === 'too-many'
      ? String(issue.requirement)
      : code === 'type'
        ? (issue.expected ?? undefined)
        : code === 'unknown-field'
          ? String(issue.path?.[issue.path.length - 1]?.key ?? '')
          : undefined;
  return { code, path: path || '(note)', ...(detail ? { detail } : {}) };
}

function problemCode(issue: v.BaseIssue<unknown>): ProblemCode {
  if (issue.kind === 'schema') {
    if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown-field';
    if (issue.input === undefined) return 'missing';
    return 'type';
  }
  switch (issue.type) {
    case 'max_length':
      return Array.isArray(issue.input) ? 'too-many' : 'too-long';
    case 'min_length':
      return 'empty';
    case 'regex':
      return 'bad-id';
    case 'integer':
    case 'min_value':
    case 'max_value':
      return issue.path?.some((p) => p.key === 'version') ? 'bad-version' : 'bad-number';
    case 'check':
      return issue.message === 'bad-url' ? 'bad-url' : 'bad-position';
    default:
      return 'invalid';
  }
}

// --- Planning and applying. ---

export type DuplicateMode = 'keep-newer' | 'skip';

export interface ImportPlan {
  /** Ids not in the database. */
  added: Note[];
  /** Same id, the file's copy is newer (replaced with "keep the newer"). */
  newer: Note[];
  /** Same id, the database's copy is as new or newer (always kept). */
  older: Note[];
}

/** Compares a checked file with the database (a read; nothing is written). */
export async function planImport(db: NotesDb, notes: readonly Note[]): Promise<ImportPlan> {
  const existing = await db.notes.bulkGet(notes.map((n) => n.id));
  const plan: ImportPlan = { added: [], newer: [], older: [] };
  notes.forEach((n, i) => {
    const old = existing[i];
    if (!old) plan.added.push(n);
    else if (n.updatedAt > old.updatedAt) plan.newer.push(n);
    else plan.older.push(n);
  });
  return plan;
}

export interface ImportResult {
  added: number;
  replaced: number;
  skipped: number;
}

/**
 * Writes the notes in ONE transaction, deciding again inside it (the database may have changed
 * since the plan was shown). A note that was in the trash comes back as imported, and leaves
 * the trash, so an old "undo" cannot overwrite it.
 */
export async function applyImport(
  db: NotesDb,
  notes: readonly Note[],
  mode: DuplicateMode,
): Promise<ImportResult> {
  return db.transaction('rw', db.notes, db.trash, async () => {
    const ids = notes.map((n) => n.id);
    const existing = await db.notes.bulkGet(ids);
    const puts: Note[] = [];
    const result: ImportResult = { added: 0, replaced: 0, skipped: 0 };
    notes.forEach((n, i) => {
      const old = existing[i];
      if (!old) {
        result.added++;
        puts.push(n);
      } else if (mode === 'keep-newer' && n.updatedAt > old.updatedAt) {
        result.replaced++;
        puts.push(n);
      } else {
        result.skipped++;
      }
    });
    await db.notes.bulkPut(puts);
    await db.trash.bulkDelete(puts.map((n) => n.id));
    return result;
  });
}
