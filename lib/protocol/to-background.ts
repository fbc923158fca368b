import * as v from 'valibot';
import { CITATION_FORMATS, type CitationFormat } from '../shared/citation/formats';
import type { MatcherData } from '../shared/glossary/compile';
import type { TermDetailsData } from '../shared/glossary/lookup';
import { MAX_TAGS, MAX_URL } from '../shared/notes/limits';
import { NoteFields, NoteTag, type Note } from '../shared/notes/model';
import type { Sender, SenderKind } from './senders';
import { NoteFrameEventRequest } from './to-content';

/**
 * Every request the background answers: its schema, who may send it, and (in
 * `BackgroundResponses`) what it is answered with. One table. A content script (the page's
 * renderer, compromisable) reads the notes of its own page as anchors, opens the note frame for
 * its selection or a note it was shown, and undoes its own delete; everything that carries note
 * text or reaches beyond one page is for our own pages (popup, options, the note frame).
 * Scoping *within* a content script's requests (which page, which note) is done by the
 * handlers, from `sender`, never from the message.
 */

// --- Notes: the content script (scoped to its page) and our pages → the background, which
// owns the database. Their fields are the note model's (lib/shared/notes/model.ts).

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
const NotesForPageRequest = v.strictObject({
  type: v.literal('notes-for-page'),
  canonical: Canonical,
  /**
   * The notes controller (re)loading what it draws, after the gate asked first: the page's
   * anchors only. Whether notes travel was answered then, and passage-probe.js is injected
   * once per page, not again at every reload.
   */
  again: v.optional(v.literal(true)),
});

/** 32-bit window fingerprints (lib/shared/notes/passage-keys.ts), at most 100,000 a request. */
const Fingerprints = v.pipe(
  v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff))),
  v.maxLength(100_000),
);

/**
 * Content script → background, once notes travel: the fingerprints of its page's key text in
 * consecutive blocks (passage-keys.ts: blockHashes, an eighth of its windows), in order, never
 * the text. The answer names the blocks where a passage may be (every block it covers whole is
 * there), and how far such a passage reaches: the page then sends the windows around them
 * (notes-by-passage).
 */
const PassageBlocksRequest = v.strictObject({
  type: v.literal('passage-blocks'),
  canonical: Canonical,
  blocks: Fingerprints,
});

/**
 * Content script → background: the fingerprints of the windows around its page's candidate
 * anchors, never the text. The answer is the notes made elsewhere whose every window is among
 * them.
 */
const NotesByPassageRequest = v.strictObject({
  type: v.literal('notes-by-passage'),
  canonical: Canonical,
  windows: Fingerprints,
});

/** Where a page may hold travelling passages: these blocks (by index), `reach` windows around. */
export interface PassageCandidates {
  hits: number[];
  reach: number;
}

/**
 * A note made elsewhere whose passage is on this page: where to find it, nothing else (no text,
 * not even where it was made: the card, in the note frame, says that).
 */
export interface PassageMatch {
  id: string;
  rev: number;
  /** Its window fingerprints in order, as the page sent them: the page finds the run. */
  windows: number[];
}

/** What the content script needs to find and paint a note: no text, no tags. */
export type NoteAnchor = Pick<Note, 'id' | 'rev' | 'selectors'>;

/**
 * Content script → background: open the note frame (an extension page shown in our shadow
 * root) for a new note on the selection, or for a note this page was shown. The answer is a
 * one-time token the frame redeems; the note's text only ever reaches the frame.
 */
const NoteFrameOpenRequest = v.strictObject({
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
const NoteFrameSessionRequest = v.strictObject({
  type: v.literal('note-frame-session'),
  token: v.pipe(v.string(), v.uuid()),
});
const NoteCreateRequest = v.strictObject({
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
const NoteUpdateRequest = v.strictObject({
  type: v.literal('note-update'),
  id: Id,
  /** The revision the editor started from: a note that moved on since is not overwritten. */
  baseRev: NoteFields.rev,
  text: v.optional(NoteFields.text),
  tags: v.optional(Tags),
});
const NoteDeleteRequest = v.strictObject({ type: v.literal('note-delete'), id: Id });
/** From a content script (the page's Undo) `canonical` scopes it; our pages may omit it. */
const NoteRestoreRequest = v.strictObject({
  type: v.literal('note-restore'),
  id: Id,
  canonical: v.optional(Canonical),
});

const NOTE_REQUESTS = [
  NotesForPageRequest,
  NotesByPassageRequest,
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
  /** The note was made on another page (its URL), and is shown here for its passage. */
  from?: string;
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
      /** notes-for-page: some notes travel (passage-index.ts); the page sends its blocks. */
      travel?: true;
      /** passage-blocks: where passages may be (none: an empty list). */
      candidates?: PassageCandidates;
      /** notes-by-passage: notes made elsewhere whose passage is on the page. */
      passages?: PassageMatch[];
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

// --- The glossary, the popup's page actions.

/** What the tooltip shows for a term (bundled, or one of the reader's own: `custom-…`). */
const TermRequest = v.strictObject({
  type: v.literal('get-term'),
  id: v.pipe(v.string(), v.maxLength(200)),
});
/**
 * The matcher with the reader's own glossary terms merged into ours (null when there are none):
 * merged here, so the content script every page loads carries no code for it.
 */
const CustomTermsRequest = v.strictObject({ type: v.literal('get-custom-terms') });
/**
 * Content script → background, where the page's text may hold a term: put the scan and paint
 * (page-terms.js) into the sender's frame.
 */
const LoadTermsRequest = v.strictObject({ type: v.literal('load-terms') });
/** Popup → background: open (or focus) a note's page and reveal the note there. */
const OpenNoteRequest = v.strictObject({ type: v.literal('open-note'), id: Id });
/** Popup → background: "Scan this page" (the popup's click granted activeTab). */
const ScanTabRequest = v.strictObject({
  type: v.literal('scan-tab'),
  tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

// --- The reading log (lib/extension/log/): the background owns it.

const TermId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
/**
 * Content script → background, once per finished scan of a page with terms: each term's
 * count. The page it is about is the sender's own (URL and title from `sender`); a forged
 * count can only misstate the sender's own page.
 */
const LogPageTermsRequest = v.strictObject({
  type: v.literal('log-page-terms'),
  terms: v.pipe(
    v.array(
      v.strictObject({
        termId: TermId,
        count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000)),
      }),
    ),
    v.maxLength(5000),
  ),
});
/** Our pages → background: the pages a term was seen on (GUIDE §2 contract). */
const TermSightingsRequest = v.strictObject({ type: v.literal('term-sightings'), termId: TermId });
/** Our pages → background: the whole log (trends across terms, export). */
const LogEntriesRequest = v.strictObject({ type: v.literal('log-entries') });
const LogClearRequest = v.strictObject({ type: v.literal('log-clear') });

/** One page a term was seen on (GUIDE §2: `term-sightings`). */
export interface SightingView {
  /** The frame's URL as the browser reported it, without its #fragment. */
  url: string;
  title: string;
  /** The registrable domain (people.com.cn), or the host when it has none. */
  site: string;
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
  /** Occurrences on the page at its latest scan, inner occurrences in longer terms included. */
  count: number;
}

/** A row of the reading log: a sighting of one term (`log-entries`; what the log stores). */
export type LogEntry = SightingView & { termId: string };
/**
 * Copy as citation: of a term (the tooltip, the popup) or of a note (our pages only). The
 * background composes the text from what it holds — the bundled glossary, the stored note — and
 * writes it to the clipboard from our own origin, so the page hears no copy event and a
 * compromised content script cannot make us write text of its choosing. No format: the
 * reader's default (settings).
 */
const CopyCitationRequest = v.pipe(
  v.strictObject({
    type: v.literal('copy-citation'),
    termId: v.optional(v.pipe(v.string(), v.maxLength(200))),
    noteId: v.optional(Id),
    format: v.optional(v.picklist(CITATION_FORMATS)),
  }),
  v.check((r) => (r.termId === undefined) !== (r.noteId === undefined), 'a term or a note'),
);

const BOTH = ['content', 'extension'] as const;
const CONTENT = ['content'] as const;
const EXTENSION = ['extension'] as const;

export const BACKGROUND_REQUESTS = {
  'get-term': { schema: TermRequest, from: BOTH },
  'get-custom-terms': { schema: CustomTermsRequest, from: BOTH },
  'load-terms': { schema: LoadTermsRequest, from: CONTENT },
  'notes-for-page': { schema: NotesForPageRequest, from: CONTENT },
  'passage-blocks': { schema: PassageBlocksRequest, from: CONTENT },
  'notes-by-passage': { schema: NotesByPassageRequest, from: CONTENT },
  'note-frame-open': { schema: NoteFrameOpenRequest, from: CONTENT },
  'note-frame-session': { schema: NoteFrameSessionRequest, from: EXTENSION },
  'note-frame-event': { schema: NoteFrameEventRequest, from: EXTENSION },
  'note-create': { schema: NoteCreateRequest, from: EXTENSION },
  'note-update': { schema: NoteUpdateRequest, from: EXTENSION },
  'note-delete': { schema: NoteDeleteRequest, from: EXTENSION },
  'note-restore': { schema: NoteRestoreRequest, from: BOTH },
  'open-note': { schema: OpenNoteRequest, from: EXTENSION },
  'scan-tab': { schema: ScanTabRequest, from: EXTENSION },
  'log-page-terms': { schema: LogPageTermsRequest, from: CONTENT },
  'term-sightings': { schema: TermSightingsRequest, from: EXTENSION },
  'log-entries': { schema: LogEntriesRequest, from: EXTENSION },
  'log-clear': { schema: LogClearRequest, from: EXTENSION },
  'copy-citation': { schema: CopyCitationRequest, from: BOTH },
} as const satisfies Record<string, { schema: v.GenericSchema; from: readonly SenderKind[] }>;

type Table = typeof BACKGROUND_REQUESTS;
export type BackgroundRequestType = keyof Table;
export type BackgroundRequestOf<K extends BackgroundRequestType> = v.InferOutput<
  Table[K]['schema']
>;
export type BackgroundRequest = {
  [K in BackgroundRequestType]: BackgroundRequestOf<K>;
}[BackgroundRequestType];

/** An outcome the sender shows: an error is a value, never silence. */
type Outcome = { ok: true } | { ok: false; error: string };

/** What each request is answered with. */
export interface BackgroundResponses {
  'get-term': TermDetailsData | null;
  'get-custom-terms': MatcherData | null;
  /** `ok`: page-terms.js ran in the sender's frame. */
  'load-terms': { ok: boolean };
  'notes-for-page': NoteResponse;
  'passage-blocks': NoteResponse;
  'notes-by-passage': NoteResponse;
  'note-frame-open': NoteResponse;
  'note-frame-session': NoteResponse;
  'note-frame-event': NoteResponse;
  'note-create': NoteResponse;
  'note-update': NoteResponse;
  'note-delete': NoteResponse;
  'note-restore': NoteResponse;
  /** `found`: whether the passage was found on the page (null: the tab closed first). */
  'open-note': (Outcome & { found?: boolean | null }) | { ok: false; error: 'not-found' };
  'scan-tab': Outcome;
  /** `logged`: false when not logged (paused, private window, a page of ours). */
  'log-page-terms': { ok: true; logged: boolean };
  'term-sightings': { sightings: SightingView[] };
  'log-entries': { sightings: LogEntry[] };
  'log-clear': Outcome;
  /** What was copied, in which format; or why nothing was. */
  'copy-citation': { ok: true; format: CitationFormat } | { ok: false; error: string };
}

/** One handler per request type: a missing one is a type error. */
export type BackgroundHandlers = {
  [K in BackgroundRequestType]: (
    req: BackgroundRequestOf<K>,
    sender: Sender,
  ) => Promise<BackgroundResponses[K]>;
};

const BackgroundRequestSchema = v.variant(
  'type',
  Object.values(BACKGROUND_REQUESTS).map((r) => r.schema),
);

/** Validates the shape only (tests and callers that check a message before sending it). */
export function parseBackgroundRequest(msg: unknown): BackgroundRequest | null {
  const r = v.safeParse(BackgroundRequestSchema, msg);
  // The variant is built from the table's schemas (an array, which loses their literal
  // types); its output is exactly the union of their outputs.
  return r.success ? r.output : null;
}

/** The request, when its shape is valid and its sender may send it; null otherwise. */
export function admitRequest(msg: unknown, sender: Sender): BackgroundRequest | null {
  const req = parseBackgroundRequest(msg);
  if (!req) return null;
  const allowed: readonly SenderKind[] = BACKGROUND_REQUESTS[req.type].from;
  return allowed.includes(sender.kind) ? req : null;
}

const FORBIDDEN: NoteResponse = { ok: false, code: 'forbidden', error: 'not allowed' };

/**
 * The background's one listener body: admits the request for its sender, routes it to its
 * handler, and returns what `runtime.onMessage` expects. A well-formed request from a sender
 * the table does not allow is answered "forbidden" (the content script shows it) rather than
 * left waiting; anything else unknown gets no answer.
 */
export function answerBackgroundRequest(
  handlers: BackgroundHandlers,
  msg: unknown,
  sender: Sender,
): Promise<unknown> | undefined {
  const req = admitRequest(msg, sender);
  if (!req) return parseBackgroundRequest(msg) ? Promise.resolve(FORBIDDEN) : undefined;
  // `handlers[req.type]` and `req` are correlated (same key), which TypeScript cannot follow
  // through a union (microsoft/TypeScript#30581): the handler's parameter is widened here.
  const handle = handlers[req.type] as (r: BackgroundRequest, s: Sender) => Promise<unknown>;
  return handle(req, sender);
}
