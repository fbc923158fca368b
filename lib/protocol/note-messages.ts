import * as v from 'valibot';
import { MAX_TAGS, MAX_URL } from '../shared/notes/limits';
import { NoteFields, NoteTag, type Note } from '../shared/notes/model';

/**
 * Note messages: content script (and extension pages) → background, which owns the database.
 * Parsed with these schemas in the background before anything is written; the request table
 * (lib/protocol/to-background.ts) names them. Their note fields are the note model's
 * (lib/shared/notes/model.ts). Not loaded by the content script (checked:
 * tests/unit/boundaries.test.ts).
 */

/** A stored note's id. */
const Id = NoteFields.id;
/** A new note's id, chosen by its client: a UUID (crypto.randomUUID). */
const NewId = v.pipe(
  NoteFields.id,
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
);
/** Tags as typed: cleaned (lib/shared/notes/tags.ts) to at most MAX_TAGS before they are stored. */
const Tags = v.pipe(v.array(NoteTag), v.maxLength(MAX_TAGS * 4));

/** A page's `<link rel=canonical>` as the content script read it: a claim the background checks. */
const Canonical = v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URL)));

/**
 * Content script → background: the notes of the page the sender is on (its URL comes from
 * `sender`, the canonical counts only when same-site). The answer is anchors, never text.
 */
export const NotesForPageRequest = v.strictObject({
  type: v.literal('notes-for-page'),
  canonical: Canonical,
});

/** What the content script needs to find and paint a note: no text, no tags. */
export type NoteAnchor = Pick<Note, 'id' | 'rev' | 'selectors'>;

/**
 * Content script → background: open the note frame (an extension page shown in our shadow
 * root) for a new note on the selection, or for a note this page was shown. The answer is a
 * one-time token the frame redeems; the note's text only ever reaches the frame.
 */
export const NoteFrameOpenRequest = v.strictObject({
  type: v.literal('note-frame-open'),
  canonical: Canonical,
  open: v.variant('kind', [
    v.strictObject({
      kind: v.literal('create'),
      id: NewId,
      title: NoteFields.title,
      selectors: NoteFields.selectors,
      termIds: NoteFields.termIds,
    }),
    v.strictObject({ kind: v.picklist(['edit', 'card']), id: Id }),
  ]),
});

/** The note frame → background: what its token opens. */
export const NoteFrameSessionRequest = v.strictObject({
  type: v.literal('note-frame-session'),
  token: v.pipe(v.string(), v.uuid()),
});
export const NoteCreateRequest = v.strictObject({
  type: v.literal('note-create'),
  note: v.strictObject({
    id: v.optional(NewId),
    url: NoteFields.url,
    title: NoteFields.title,
    selectors: NoteFields.selectors,
    text: NoteFields.text,
    tags: Tags,
    termIds: NoteFields.termIds,
  }),
});
export const NoteUpdateRequest = v.strictObject({
  type: v.literal('note-update'),
  id: Id,
  /** The revision the editor started from: a note that moved on since is not overwritten. */
  baseRev: NoteFields.rev,
  text: v.optional(NoteFields.text),
  tags: v.optional(Tags),
});
export const NoteDeleteRequest = v.strictObject({ type: v.literal('note-delete'), id: Id });
/** From a content script (the page's Undo) `canonical` scopes it; our pages may omit it. */
export const NoteRestoreRequest = v.strictObject({
  type: v.literal('note-restore'),
  id: Id,
  canonical: v.optional(Canonical),
});

const NOTE_REQUESTS = [
  NotesForPageRequest,
  NoteFrameOpenRequest,
  NoteFrameSessionRequest,
  NoteCreateRequest,
  NoteUpdateRequest,
  NoteDeleteRequest,
  NoteRestoreRequest,
] as const;
export const NoteRequest = v.variant('type', [...NOTE_REQUESTS]);
export type NoteRequest = v.InferOutput<typeof NoteRequest>;

/** What a redeemed ticket gives the note frame. */
export interface FrameView {
  kind: 'create' | 'edit' | 'card';
  /** The stored note (edit, card). */
  note?: Note;
  /** The note to create (create). */
  draft?: Pick<Note, 'id' | 'url' | 'title' | 'selectors' | 'termIds'>;
}

/** Every note reply: errors are values, so the content script can show them. */
export type NoteResponse =
  | {
      ok: true;
      note?: Note;
      notes?: Note[];
      anchors?: NoteAnchor[];
      /** note-frame-open: the ticket the frame redeems. */
      token?: string;
      /** note-frame-session: what the frame shows. */
      session?: FrameView;
    }
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
