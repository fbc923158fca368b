import * as v from 'valibot';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { siteOf } from '../../shared/notes/url';
import { JsonStreamChecker } from './json-stream';
import {
  MAX_CONTEXT,
  MAX_NOTE_TEXT,
  MAX_QUOTE,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TERM_ID,
  MAX_TERM_IDS,
  MAX_TITLE,
  MAX_URL,
} from '../../shared/notes/limits';
import { NoteFields, type Note } from '../../shared/notes/model';
import { cleanTags } from '../../shared/notes/tags';
import type { ImportCounts, ImportMode, NotesRepository } from './repository';

/**
 * Reading a notes file back (export.ts writes it). The whole file is checked before anything is
 * written: a file that is not ours, or broken, is refused with what is wrong and where; inside a
 * good file each note is checked on its own, so the reader sees which notes would be added,
 * which are already here (same id) and which are rejected and why. The write is then ONE
 * transaction: all of it or nothing ("clear then import" is how peers lost data).
 *
 * Nothing from the file is ever treated as markup: notes are data, shown as text. A note of the
 * file is checked with the note model's schema (lib/shared/notes/model.ts), then `crossCheck`:
 * strict objects, so a field this version does not know (or a "__proto__" key) rejects the
 * note, since files are only ever written by export.ts with exactly the model's fields.
 */

/**
 * The largest file an export can write. toJson builds the file as ONE string, and no browser
 * makes a string longer than 2^30 UTF-16 units (V8: 2^29 - 24, SpiderMonkey: 2^30 - 2); each
 * unit is at most 3 bytes of UTF-8. A file is read as a stream and parsed note by note
 * (json-stream.ts), so this is not a memory limit: it only refuses what no export can be.
 * (It was 10 MB, and 20,000 ordinary notes export to ~15 MB: exports could not come back.)
 */
export const MAX_IMPORT_BYTES = 3 * 2 ** 30;
export const MAX_IMPORT_NOTES = 100_000;
/** Rejected notes reported one by one; past this only counted. */
const MAX_REPORTED = 200;
/**
 * The longest a note written by export.ts can be as JSON text: every limit the repository and
 * the message schemas accept, each character escaped at worst as \uXXXX (6 units), plus room
 * for the field names. A longer element is rejected as too long without being kept in memory.
 */
export const MAX_NOTE_JSON =
  6 *
    (MAX_NOTE_TEXT +
      MAX_QUOTE +
      2 * MAX_CONTEXT +
      MAX_TITLE +
      MAX_URL +
      300 +
      MAX_TAGS * MAX_TAG_LENGTH +
      MAX_TERM_IDS * MAX_TERM_ID) +
  64 * 1024;
/** Members of the file other than `notes` (format, version, exportedAt, count) are small. */
const MAX_MEMBER_JSON = 64 * 1024;
/** Notes dated before this are refused: Policy Lens did not exist, nor did most of the web. */
export const EARLIEST_DATE = Date.UTC(2000, 0, 1);
/** How far in the future a date may be (clocks differ); a later one would win every merge. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

type FileErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-json'
  | 'not-object'
  | 'wrong-format'
  | 'newer-version'
  | 'wrong-version'
  | 'no-notes'
  | 'too-many'
  | 'duplicate-id'
  /** The browser could not read the file, or the database could not be asked (message in detail). */
  | 'unreadable'
  /** The write failed and was rolled back (message in detail). */
  | 'write-failed';

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

type ProblemCode =
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
  | 'site-mismatch'
  | 'too-early'
  | 'in-future'
  | 'date-order'
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

/**
 * A note of a file: a stored note (the model's schema), except that `site` may be missing (it is
 * the URL's; crossCheck) and `rev` too (version 1 files: revision 1).
 */
const FileNote = v.strictObject({
  ...NoteFields,
  site: v.optional(NoteFields.site),
  rev: v.optional(NoteFields.rev),
});

/** The export versions this build reads. */
const READABLE_VERSIONS: readonly unknown[] = [1, EXPORT_VERSION];

export interface ParseOptions {
  /** The file's size in bytes when known (File.size): a file no export can be is refused unread. */
  size?: number;
  /** For the date checks (epoch ms). */
  now?: number;
}

/**
 * Checks a file given chunk by chunk (`push`), then `finish()`. Each note is parsed and checked
 * as soon as its text is complete, so a file is never held whole. Errors come out in the order a
 * whole-file check would give them: broken JSON first (anywhere in the file), then what the file
 * is (format, version), then its notes.
 */
export class NotesFileReader {
  private readonly json: JsonStreamChecker;
  private readonly now: number;
  private members = new Map<string, string | undefined>();
  private notesIsArray = false;
  /** A file-level problem found among the notes (too many, a duplicate id): stop checking them. */
  private notesError: FileError | null = null;
  /** format or version already known to be wrong: stop checking notes. */
  private headerBad = false;
  private readonly notes: Note[] = [];
  private readonly rejected: RejectedNote[] = [];
  private rejectedCount = 0;
  private total = 0;
  private readonly seen = new Map<string, number>();
  private readonly tooLarge: FileError | null;

  constructor(opts: ParseOptions = {}) {
    this.now = opts.now ?? Date.now();
    this.tooLarge =
      opts.size !== undefined && opts.size > MAX_IMPORT_BYTES
        ? { code: 'too-large', detail: `${(opts.size / 1024 / 1024).toFixed(1)} MB` }
        : null;
    this.json = new JsonStreamChecker(
      {
        member: (key, raw) => {
          this.members.set(key, raw);
          if ((key === 'format' || key === 'version') && raw !== undefined) {
            this.headerBad = this.header() !== null;
          }
        },
        notesArray: () => {
          this.notesIsArray = true;
        },
        element: (raw) => this.element(raw),
      },
      { maxMember: MAX_MEMBER_JSON, maxElement: MAX_NOTE_JSON },
    );
  }

  /** Notes checked so far (for a progress line). */
  get count(): number {
    return this.total;
  }

  push(chunk: string): void {
    if (!this.tooLarge) this.json.push(chunk);
  }

  finish(): ParsedFile {
    if (this.tooLarge) return { ok: false, error: this.tooLarge };
    this.json.end();
    const e = this.json.error;
    if (e) {
      return {
        ok: false,
        error: { code: 'not-json', line: e.line, column: e.column, detail: e.detail },
      };
    }
    if (this.json.empty) return fail('empty');
    if (this.json.root !== 'object') {
      return fail('not-object', undefined, this.json.root);
    }
    const header = this.header();
    if (header) return { ok: false, error: header };
    if (!this.notesIsArray) return fail('no-notes', 'notes', short(this.value('notes')));
    if (this.notesError) return { ok: false, error: this.notesError };
    return {
      ok: true,
      notes: this.notes,
      rejected: this.rejected,
      rejectedCount: this.rejectedCount,
      total: this.total,
    };
  }

  /** A top-level member's value (undefined when absent or too long to be ours). */
  private value(key: string): unknown {
    const raw = this.members.get(key);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }

  private header(): FileError | null {
    const format = this.value('format');
    if (format !== EXPORT_FORMAT) return failure('wrong-format', 'format', short(format));
    const version = this.value('version');
    if (typeof version === 'number' && version > EXPORT_VERSION) {
      return failure('newer-version', 'version', String(version));
    }
    if (!READABLE_VERSIONS.includes(version)) {
      return failure('wrong-version', 'version', short(version));
    }
    return null;
  }

  private element(raw: string | undefined): void {
    const i = this.total++;
    if (this.notesError || this.headerBad) return;
    if (this.total > MAX_IMPORT_NOTES) {
      this.notesError = failure('too-many', 'notes', `> ${MAX_IMPORT_NOTES}`);
      return;
    }
    if (raw === undefined) {
      this.reject(i, undefined, [
        { code: 'too-long', path: '(note)', detail: String(MAX_NOTE_JSON) },
      ]);
      return;
    }
    let item: unknown;
    try {
      item = JSON.parse(raw) as unknown;
    } catch {
      // The checker accepted it; JSON.parse can still refuse (deep nesting in some engines).
      this.reject(i, undefined, [{ code: 'invalid', path: '(note)' }]);
      return;
    }
    const rawId =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : undefined;
    // The same id twice in one file is not a note problem: the file itself is inconsistent.
    if (rawId !== undefined) {
      const first = this.seen.get(rawId);
      if (first !== undefined) {
        this.notesError = failure('duplicate-id', `notes[${first}], notes[${i}]`, short(rawId));
        return;
      }
      this.seen.set(rawId, i);
    }
    const r = v.safeParse(FileNote, item, { abortPipeEarly: true });
    if (!r.success) {
      this.reject(i, rawId, r.issues.slice(0, 5).map(toProblem));
      return;
    }
    const n = r.output;
    const problems = crossCheck(n, this.now);
    if (problems.length) {
      this.reject(i, rawId, problems);
      return;
    }
    this.notes.push({
      id: n.id,
      url: n.url,
      title: n.title,
      site: siteOf(n.url),
      selectors: n.selectors,
      text: n.text,
      tags: cleanTags(n.tags),
      termIds: [...new Set(n.termIds)],
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
      rev: n.rev ?? 1,
    });
  }

  private reject(index: number, id: string | undefined, problems: Problem[]): void {
    this.rejectedCount++;
    if (this.rejected.length < MAX_REPORTED) {
      this.rejected.push({ index, ...(id !== undefined ? { id } : {}), problems });
    }
  }
}

/**
 * What the schema cannot say about one field alone: the site must be the URL's (a note filed
 * under another site would show up in that site's filter and its page's notes), and the dates
 * must be possible — a far-future `updatedAt` would win every later "keep the newer" merge.
 */
export function crossCheck(
  n: Pick<Note, 'url' | 'createdAt' | 'updatedAt'> & { site?: string | undefined },
  now: number,
): Problem[] {
  const out: Problem[] = [];
  const site = siteOf(n.url);
  if (n.site !== undefined && n.site !== '' && n.site !== site) {
    out.push({ code: 'site-mismatch', path: 'site', detail: site });
  }
  for (const key of ['createdAt', 'updatedAt'] as const) {
    if (n[key] < EARLIEST_DATE) {
      out.push({ code: 'too-early', path: key, detail: isoDay(EARLIEST_DATE) });
    } else if (n[key] > now + FUTURE_SLACK_MS) {
      out.push({ code: 'in-future', path: key, detail: isoDay(n[key]) });
    }
  }
  if (n.createdAt > n.updatedAt) out.push({ code: 'date-order', path: 'updatedAt' });
  return out;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Checks a whole file held as one string (tests, small files). */
export function parseNotesFile(text: string, opts: ParseOptions | number = {}): ParsedFile {
  const reader = new NotesFileReader(typeof opts === 'number' ? { size: opts } : opts);
  reader.push(text);
  return reader.finish();
}

/** Characters handed to the checker per step when the file is read whole (no stream). */
const SLICE = 1 << 20;
/** Work done between two yields to the page (ms): input and painting stay responsive. */
const SLICE_MS = 30;

/**
 * Reads a file as a stream and checks it, giving the page a turn every ~30 ms, so that the popup
 * stays responsive on a file of any size and the file is never held whole in memory.
 */
export async function readNotesFile(
  file: Blob,
  opts: ParseOptions & {
    yieldNow?: () => Promise<void>;
    onProgress?: (notes: number, bytes: number) => void;
  } = {},
): Promise<ParsedFile> {
  const reader = new NotesFileReader({ ...opts, size: file.size });
  if (file.size > MAX_IMPORT_BYTES) return reader.finish();
  const pause = opts.yieldNow ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  let last = performance.now();
  let bytes = 0;
  const step = async (chunk: string, size: number) => {
    reader.push(chunk);
    bytes += size;
    if (performance.now() - last > SLICE_MS) {
      opts.onProgress?.(reader.count, bytes);
      await pause();
      last = performance.now();
    }
  };
  if (typeof file.stream === 'function') {
    const decoder = new TextDecoder('utf-8');
    const stream = file.stream().getReader();
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      await step(decoder.decode(value, { stream: true }), value.byteLength);
    }
    reader.push(decoder.decode());
  } else {
    const text = await file.text();
    for (let i = 0; i < text.length; i += SLICE) await step(text.slice(i, i + SLICE), 0);
  }
  return reader.finish();
}

function fail(code: FileErrorCode, where?: string, detail?: string): ParsedFile {
  return { ok: false, error: failure(code, where, detail) };
}

function failure(code: FileErrorCode, where?: string, detail?: string): FileError {
  return { code, ...(where !== undefined ? { where } : {}), ...(detail ? { detail } : {}) };
}

/** A value as a short, single-line string for a message (never markup: shown as text). */
function short(x: unknown): string {
  let s: string;
  if (x === undefined) s = 'undefined';
  else if (typeof x === 'string') s = JSON.stringify(x);
  else {
    try {
      s = JSON.stringify(x) ?? typeof x;
    } catch {
      s = typeof x; // a cycle, or a BigInt
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Offset of the first JSON syntax error in `text` (its length when there is none), as the
 * streaming checker reports it: engines word (and place) JSON.parse errors differently, and V8
 * gives no position for "Unexpected token".
 */
export function jsonErrorOffset(text: string): number {
  const c = new JsonStreamChecker(
    { member: () => {}, notesArray: () => {}, element: () => {} },
    { maxMember: 0, maxElement: 0 },
  );
  c.push(text);
  c.end();
  return c.error ? c.error.offset : text.length;
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
          ? keyName(issue.path?.[issue.path.length - 1]?.key)
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
      return issue.path?.[issue.path.length - 1]?.key === 'url' ? 'bad-url' : 'bad-position';
    default:
      return 'invalid';
  }
}

// --- Planning and applying. ---

export type DuplicateMode = ImportMode;

export interface ImportPlan {
  /** Ids not in the database. */
  added: Note[];
  /** Same id, the file's copy is newer (replaced with "keep the newer"). */
  newer: Note[];
  /** Same id, the database's copy is as new or newer (always kept). */
  older: Note[];
}

/** Compares a checked file with the database (a read; nothing is written). */
export async function planImport(
  repo: NotesRepository,
  notes: readonly Note[],
): Promise<ImportPlan> {
  const existing = await repo.storedCopies(notes.map((n) => n.id));
  const plan: ImportPlan = { added: [], newer: [], older: [] };
  notes.forEach((n, i) => {
    const old = existing[i];
    if (!old) plan.added.push(n);
    else if (n.updatedAt > old.updatedAt) plan.newer.push(n);
    else plan.older.push(n);
  });
  return plan;
}

export type ImportResult = ImportCounts;

/**
 * Writes the notes through the repository, the one write path of notes: ONE transaction,
 * deciding again inside it; a note that was in the trash comes back as imported and leaves the
 * trash (NotesRepository.importMany).
 */
export function applyImport(
  repo: NotesRepository,
  notes: readonly Note[],
  mode: DuplicateMode,
): Promise<ImportResult> {
  return repo.importMany(notes, mode);
}

/** An object key as text (valibot gives `unknown`; JSON keys are strings). */
function keyName(key: unknown): string {
  return typeof key === 'string' || typeof key === 'number' ? String(key) : '';
}
