import * as v from 'valibot';
import {
  CustomTermsRequest,
  NoteFrameEventRequest,
  OpenNoteRequest,
  ScanTabRequest,
  TermRequest,
} from './messages';
import {
  NoteCreateRequest,
  NoteDeleteRequest,
  NoteFrameOpenRequest,
  NoteFrameSessionRequest,
  NoteRestoreRequest,
  NotesForPageRequest,
  NoteUpdateRequest,
} from './note-messages';
import type { Sender, SenderKind } from './senders';

/**
 * Every request the background answers, and who may send it: one table. A content script (the
 * page's renderer, compromisable) reads the notes of its own page as anchors, opens the note
 * frame for its selection or a note it was shown, and undoes its own delete; everything that
 * carries note text or reaches beyond one page is for our own pages (popup, options, the note
 * frame). Scoping *within* a content script's requests (which page, which note) is done by
 * the handlers, from `sender`, never from the message.
 */
const BOTH = ['content', 'extension'] as const;
const CONTENT = ['content'] as const;
const EXTENSION = ['extension'] as const;

export const BACKGROUND_REQUESTS = {
  'get-term': { schema: TermRequest, from: BOTH },
  'get-custom-terms': { schema: CustomTermsRequest, from: BOTH },
  'notes-for-page': { schema: NotesForPageRequest, from: CONTENT },
  'note-frame-open': { schema: NoteFrameOpenRequest, from: CONTENT },
  'note-frame-session': { schema: NoteFrameSessionRequest, from: EXTENSION },
  'note-frame-event': { schema: NoteFrameEventRequest, from: EXTENSION },
  'note-create': { schema: NoteCreateRequest, from: EXTENSION },
  'note-update': { schema: NoteUpdateRequest, from: EXTENSION },
  'note-delete': { schema: NoteDeleteRequest, from: EXTENSION },
  'note-restore': { schema: NoteRestoreRequest, from: BOTH },
  'open-note': { schema: OpenNoteRequest, from: EXTENSION },
  'scan-tab': { schema: ScanTabRequest, from: EXTENSION },
} as const satisfies Record<string, { schema: v.GenericSchema; from: readonly SenderKind[] }>;

type Table = typeof BACKGROUND_REQUESTS;
export type BackgroundRequestType = keyof Table;

export const BackgroundRequest = v.variant(
  'type',
  Object.values(BACKGROUND_REQUESTS).map((r) => r.schema),
);
export type BackgroundRequest = {
  [K in BackgroundRequestType]: v.InferOutput<Table[K]['schema']>;
}[BackgroundRequestType];

/** Validates the shape only (tests and callers that check a message before sending it). */
export function parseBackgroundRequest(msg: unknown): BackgroundRequest | null {
  const r = v.safeParse(BackgroundRequest, msg);
  return r.success ? (r.output as BackgroundRequest) : null;
}

/** The request, when its shape is valid and its sender may send it; null otherwise. */
export function admitRequest(msg: unknown, sender: Sender): BackgroundRequest | null {
  const req = parseBackgroundRequest(msg);
  if (!req) return null;
  const allowed: readonly SenderKind[] = BACKGROUND_REQUESTS[req.type].from;
  return allowed.includes(sender.kind) ? req : null;
}
