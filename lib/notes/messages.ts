import * as v from 'valibot';
import {
  MAX_CONTEXT,
  MAX_NOTE_TEXT,
  MAX_QUOTE,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE,
  MAX_URL,
  SELECTOR_VERSION,
  type Note,
} from './types';

/**
 * Note messages: content script (and extension pages) → background, which owns the database.
 * Parsed with these schemas in the background before anything is written; lib/messages.ts adds
 * them to the background's request union.
 */

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const Url = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URL));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));
const Tags = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH))),
  v.maxLength(MAX_TAGS * 4),
);
const NoteText = v.pipe(v.string(), v.maxLength(MAX_NOTE_TEXT));

export const NoteSelectorsSchema = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SELECTOR_VERSION)),
  quote: v.strictObject({
    type: v.literal('TextQuoteSelector'),
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE)),
    prefix: v.pipe(v.string(), v.maxLength(MAX_CONTEXT)),
    suffix: v.pipe(v.string(), v.maxLength(MAX_CONTEXT)),
  }),
  position: v.pipe(
    v.strictObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
    v.check((p) => p.start < p.end, 'position start must be before end'),
  ),
});

export const NotesForPageRequest = v.strictObject({ type: v.literal('notes-for-page'), url: Url });
export const NoteCreateRequest = v.strictObject({
  type: v.literal('note-create'),
  note: v.strictObject({
    id: v.optional(
      v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)),
    ),
    url: Url,
    title: v.pipe(v.string(), v.maxLength(MAX_TITLE)),
    selectors: NoteSelectorsSchema,
    text: NoteText,
    tags: Tags,
    termIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1_000)),
  }),
});
export const NoteUpdateRequest = v.strictObject({
  type: v.literal('note-update'),
  id: Id,
  /** The revision the editor started from: a note that moved on since is not overwritten. */
  baseRev: v.pipe(v.number(), v.integer(), v.minValue(1)),
  text: v.optional(NoteText),
  tags: v.optional(Tags),
});
export const NoteDeleteRequest = v.strictObject({ type: v.literal('note-delete'), id: Id });
export const NoteRestoreRequest = v.strictObject({ type: v.literal('note-restore'), id: Id });

export const NOTE_REQUESTS = [
  NotesForPageRequest,
  NoteCreateRequest,
  NoteUpdateRequest,
  NoteDeleteRequest,
  NoteRestoreRequest,
] as const;
export const NoteRequest = v.variant('type', [...NOTE_REQUESTS]);
export type NoteRequest = v.InferOutput<typeof NoteRequest>;

/** Background → content script: open the note editor on the current selection. */
export { NoteFromSelectionRequest } from '../messages';

/** Every note reply: errors are values, so the content script can show them. */
export type NoteResponse =
  | { ok: true; note?: Note; notes?: Note[] }
  | { ok: false; error: string; code: 'conflict'; current: Note }
  | {
      ok: false;
      error: string;
      code: 'not-found' | 'too-long' | 'invalid' | 'storage' | 'forbidden';
    };

const NOTE_TYPES = new Set(NOTE_REQUESTS.map((s) => s.entries.type.literal));

export function isNoteRequestType(type: unknown): boolean {
  return typeof type === 'string' && NOTE_TYPES.has(type as NoteRequest['type']);
}

export function parseNoteRequest(msg: unknown): NoteRequest | null {
  const r = v.safeParse(NoteRequest, msg);
  return r.success ? r.output : null;
}
