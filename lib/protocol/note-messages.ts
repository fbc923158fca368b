import * as v from 'valibot';
import { NoteSelectorsSchema } from '../shared/notes/selectors-schema';
import { isWebUrl } from '../shared/notes/url';
import {
  MAX_NOTE_TEXT,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE,
  MAX_URL,
  type Note,
  type NoteSelectors,
} from '../shared/notes/model';

export { NoteSelectorsSchema };

/**
 * Note messages: content script (and extension pages) → background, which owns the database.
 * Parsed with these schemas in the background before anything is written; the request table
 * (lib/protocol/to-background.ts) names them. Not for the content script's bundle: a schema
 * is a call at module level, which no bundler can drop.
 */

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const Url = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URL));
const Tags = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH))),
  v.maxLength(MAX_TAGS * 4),
);
const NoteText = v.pipe(v.string(), v.maxLength(MAX_NOTE_TEXT));
const NewId = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
);
const TermIds = v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1_000));
/** Only web pages: a `data:` or `javascript:` note URL would run script when opened. */
const WebUrl = v.pipe(Url, v.check(isWebUrl, 'only http(s) pages have notes'));

/** A page's `<link rel=canonical>` as the content script read it: a claim the background checks. */
const Canonical = v.nullable(Url);

/**
 * Content script → background: the notes of the page the sender is on (its URL comes from
 * `sender`, the canonical counts only when same-site). The answer is anchors, never text.
 */
export const NotesForPageRequest = v.strictObject({
  type: v.literal('notes-for-page'),
  canonical: Canonical,
});

/** What the content script needs to find and paint a note: no text, no tags. */
export interface NoteAnchor {
  id: string;
  rev: number;
  selectors: NoteSelectors;
}

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
      title: v.pipe(v.string(), v.maxLength(MAX_TITLE)),
      selectors: NoteSelectorsSchema,
      termIds: TermIds,
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
    url: WebUrl,
    title: v.pipe(v.string(), v.maxLength(MAX_TITLE)),
    selectors: NoteSelectorsSchema,
    text: NoteText,
    tags: Tags,
    termIds: TermIds,
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
/** From a content script (the page's Undo) `canonical` scopes it; our pages may omit it. */
export const NoteRestoreRequest = v.strictObject({
  type: v.literal('note-restore'),
  id: Id,
  canonical: v.optional(Canonical),
});

export const NOTE_REQUESTS = [
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

/** Background → content script: open the note editor on the current selection. */
export { NoteFromSelectionRequest } from './to-content';

/** What a redeemed ticket gives the note frame. */
export interface FrameView {
  kind: 'create' | 'edit' | 'card';
  /** The stored note (edit, card). */
  note?: Note;
  /** The note to create (create). */
  draft?: {
    id: string;
    url: string;
    title: string;
    selectors: NoteSelectors;
    termIds: string[];
  };
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
