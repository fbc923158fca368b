import * as v from 'valibot';
import { NoteSelectorsSchema } from '../shared/notes/selectors-schema';
import { MAX_CONTEXT, MAX_QUOTE } from '../shared/notes/limits';

/**
 * Everything a content script is asked, by the background or by one of our pages through
 * `tabs.sendMessage`, and what it answers: one table from request type to request schema and
 * response type. A content script parses every request here before acting on it and hears only
 * this extension (`fromThisExtension`).
 *
 * Answers come from a content script, which runs in the page's renderer and may be compromised
 * with it: an extension page that shows an answer parses it (`parsePageReport`) rather than
 * trusting its shape. Schemas unused by a bundle are dropped from it (valibot's functions are
 * side-effect free), so the content script carries only the request schemas.
 */

const TermId = v.pipe(v.string(), v.maxLength(200));

const PageReportRequest = v.strictObject({ type: v.literal('page-report') });
/** The context menu or the shortcut: open the note editor on the page's selection. */
const NoteFromSelectionRequest = v.strictObject({ type: v.literal('note-from-selection') });
/** Keyboard commands and the popup, forwarded to the tab. */
const ToggleHighlightsRequest = v.strictObject({ type: v.literal('toggle-highlights') });
const NavigateTermRequest = v.strictObject({
  type: v.literal('navigate-term'),
  direction: v.picklist([1, -1]),
});
/** Scroll to the next occurrence of a term and open its tooltip (popup's "This page"). */
const RevealTermRequest = v.strictObject({ type: v.literal('reveal-term'), termId: TermId });
/** Scroll to a note's passage and flash it (the popup's "Open", through the background). */
const RevealNoteRequest = v.strictObject({
  type: v.literal('reveal-note'),
  noteId: v.pipe(v.string(), v.maxLength(100)),
  quote: v.strictObject({
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE)),
    prefix: v.pipe(v.string(), v.maxLength(MAX_CONTEXT)),
    suffix: v.pipe(v.string(), v.maxLength(MAX_CONTEXT)),
  }),
  position: v.strictObject({
    start: v.pipe(v.number(), v.integer(), v.minValue(0)),
    end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
});

/**
 * The note frame → (background) → its page's content script: what happened in the frame. No
 * note text: the content script learns only where the note is (to paint it) and the frame's
 * height. The background relays it to the one frame the ticket names.
 */
const Anchor = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  rev: v.pipe(v.number(), v.integer(), v.minValue(1)),
  selectors: NoteSelectorsSchema,
});
export const NoteFrameEventRequest = v.strictObject({
  type: v.literal('note-frame-event'),
  token: v.pipe(v.string(), v.uuid()),
  event: v.variant('kind', [
    v.strictObject({
      kind: v.literal('size'),
      height: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
    }),
    v.strictObject({ kind: v.literal('close') }),
    // The pointer entered or left the frame: the parent page hears no pointer events from an
    // out-of-process frame, so the card's hover intent learns it from here.
    v.strictObject({ kind: v.literal('pointer'), inside: v.boolean() }),
    // The card turned into an editor: it stays open until saved or cancelled.
    v.strictObject({ kind: v.literal('editing') }),
    // The editor is drawn: the page makes sure the frame has the keyboard (a frame cannot take
    // it; the page's focusing of a frame that had not loaded yet does not always hold).
    v.strictObject({ kind: v.literal('ready') }),
    v.strictObject({ kind: v.literal('saved'), anchor: Anchor }),
    v.strictObject({ kind: v.literal('deleted'), id: v.pipe(v.string(), v.maxLength(100)) }),
  ]),
});
export type NoteFrameEvent = v.InferOutput<typeof NoteFrameEventRequest>['event'];

const CONTENT_REQUESTS = {
  'page-report': PageReportRequest,
  'note-from-selection': NoteFromSelectionRequest,
  'toggle-highlights': ToggleHighlightsRequest,
  'navigate-term': NavigateTermRequest,
  'reveal-term': RevealTermRequest,
  'reveal-note': RevealNoteRequest,
  'note-frame-event': NoteFrameEventRequest,
} as const;

export type ContentRequestType = keyof typeof CONTENT_REQUESTS;
export type ContentRequestOf<K extends ContentRequestType> = v.InferOutput<
  (typeof CONTENT_REQUESTS)[K]
>;
export type ContentRequest = { [K in ContentRequestType]: ContentRequestOf<K> }[ContentRequestType];

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Ms = v.pipe(v.number(), v.minValue(0));

/**
 * The page's notes as its content script sees them. `canonical` is the page's canonical link as
 * it claims it: an extension page decides with lib/shared/notes/page-scope.ts, as the
 * background does, which URLs that makes the page's (a canonical on another site counts for
 * nothing).
 */
const NotesReportSchema = v.object({
  canonical: v.nullable(v.pipe(v.string(), v.maxLength(8_192))),
  total: Count,
  anchored: Count,
  /** The ids of the page's notes not found on it (orphans). */
  orphaned: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(100_000)),
  /** The ids of notes made elsewhere drawn here because their passage is on this page. */
  elsewhere: v.optional(
    v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(100_000)),
  ),
});
export type NotesReport = v.InferOutput<typeof NotesReportSchema>;

const PageReportSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(8_192)),
  title: v.pipe(v.string(), v.maxLength(10_000)),
  terms: v.pipe(v.array(v.object({ termId: TermId, count: Count })), v.maxLength(100_000)),
  scan: v.object({
    ms: Ms,
    busyMs: Ms,
    chars: Count,
    textNodes: Count,
    longestSliceMs: Ms,
    /** How many slices (tasks) the first full scan took. */
    slices: v.optional(Count),
    /** The first scan found from the page's text alone that no term occurs (no walk). */
    walkSkipped: v.optional(v.boolean()),
  }),
  /** Every match found on the page. */
  highlights: Count,
  /** How many are registered with CSS.highlights now (near the viewport on very long pages). */
  registered: v.optional(Count),
  /** False when the reader switched Policy Lens off for this site. */
  active: v.boolean(),
  notes: v.optional(NotesReportSchema),
});
export type PageReport = v.InferOutput<typeof PageReportSchema>;

/** What each request is answered with. */
interface ContentResponses {
  'page-report': PageReport;
  /** Undefined when there is no selection to note. */
  'note-from-selection': { ok: boolean };
  /** Whether the highlights are shown now. */
  'toggle-highlights': boolean;
  /** Whether there was a term to move to. */
  'navigate-term': boolean;
  'reveal-term': boolean;
  'reveal-note': { found: boolean };
  'note-frame-event': void;
}

/**
 * One handler per request type (a missing one is a type error). A handler answers `undefined`
 * when this frame has nothing to say (only the top frame reports on the tab), so another frame
 * of the tab may answer.
 */
export type ContentHandlers = {
  [K in ContentRequestType]: (
    req: ContentRequestOf<K>,
  ) => Promise<ContentResponses[K]> | ContentResponses[K] | undefined;
};

const ContentRequestSchema = v.variant('type', Object.values(CONTENT_REQUESTS));

export function parseContentRequest(msg: unknown): ContentRequest | null {
  const r = v.safeParse(ContentRequestSchema, msg);
  return r.success ? r.output : null;
}

/**
 * Routes a parsed request to its handler, and returns what `runtime.onMessage` expects (a
 * promise to answer, or undefined not to).
 */
export function answerContentRequest(
  handlers: ContentHandlers,
  req: ContentRequest,
): Promise<unknown> | undefined {
  // `handlers[req.type]` and `req` are correlated (same key), which TypeScript cannot follow
  // through a union (microsoft/TypeScript#30581): the handler's parameter is widened here.
  const handle = handlers[req.type] as (r: ContentRequest) => unknown;
  const answer = handle(req);
  return answer === undefined ? undefined : Promise.resolve(answer);
}

/** An answer to 'page-report', checked: it comes from a content script, which may lie. */
export function parsePageReport(r: unknown): PageReport | null {
  const out = v.safeParse(PageReportSchema, r);
  return out.success ? out.output : null;
}

/** Only our own extension's pages, worker and content scripts may talk to us. */
export function fromThisExtension(sender: { id?: string } | undefined, ownId: string): boolean {
  return sender?.id === ownId;
}
