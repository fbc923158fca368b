import * as v from 'valibot';
import {
  MAX_INT,
  MAX_NOTE_TEXT,
  MAX_SITE,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TERM_ID,
  MAX_TERM_IDS,
  MAX_TIME,
  MAX_TITLE,
  MAX_URL,
} from './limits';
import { NoteSelectorsSchema } from './selectors-schema';
import { isWebUrl } from './url';

/**
 * THE model of a note: the schema of a note as stored, and the types inferred from it. The
 * database (lib/extension/notes/db.ts) stores exactly this, the export file (format version 2)
 * writes exactly these fields, an import file's notes are checked with this schema, and the
 * message schemas (lib/protocol/to-background.ts) take their fields from `NoteFields`. A new
 * field starts here.
 *
 * Not loaded by the content script, which imports only types from here (checked:
 * tests/unit/boundaries.test.ts); the limits it needs are in limits.ts, the selectors' schema
 * it parses in selectors-schema.ts.
 */

/** Epoch milliseconds, as a Date can hold them. */
const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TIME));

/** One tag as stored (lib/shared/notes/tags.ts cleans them: trimmed, de-duplicated). */
export const NoteTag = v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH));

/** The schema of each field of a stored note, for the schemas that take some of them. */
export const NoteFields = {
  /** A UUID (crypto.randomUUID) when made here; an import keeps the file's id. */
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'not a note id')),
  /**
   * Normalised page URL (lib/shared/notes/url.ts): no fragment, no tracking parameters,
   * canonical. Only web pages: a `data:` or `javascript:` note URL would run script when opened.
   */
  url: v.pipe(v.string(), v.maxLength(MAX_URL), v.check(isWebUrl, 'only http(s) pages have notes')),
  title: v.pipe(v.string(), v.maxLength(MAX_TITLE)),
  /** Host name of `url`, without a leading "www." or "m." (siteOf in url.ts). */
  site: v.pipe(v.string(), v.maxLength(MAX_SITE)),
  selectors: NoteSelectorsSchema,
  /** Plain text; never rendered as HTML. */
  text: v.pipe(v.string(), v.maxLength(MAX_NOTE_TEXT)),
  tags: v.pipe(v.array(NoteTag), v.maxLength(MAX_TAGS)),
  /** Glossary entry ids found inside the quote (or the term the note was made from). */
  termIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_TERM_ID))), v.maxLength(MAX_TERM_IDS)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /**
   * Revision, 1 when created, +1 on every write. An update names the revision it started from
   * and is refused when the note has moved on, so no edit overwrites another silently.
   */
  rev: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_INT)),
};

/** A stored note. Strict: a field the model does not know is refused, not carried along. */
export const NoteSchema = v.strictObject(NoteFields);

/** A deleted note, kept so that the delete can be undone (the database's `trash` table). */
export const TrashedNoteSchema = v.strictObject({ ...NoteFields, deletedAt: Timestamp });

export type Note = v.InferOutput<typeof NoteSchema>;
export type NoteSelectors = v.InferOutput<typeof NoteSelectorsSchema>;
export type TrashedNote = v.InferOutput<typeof TrashedNoteSchema>;

/** The shape of a v1 note (for the migration and its test). */
export type NoteV1 = Omit<Note, 'site' | 'rev'>;
/** The shape of a v2 note (before revisions). */
export type NoteV2 = Omit<Note, 'rev'>;
