import * as v from 'valibot';
import { NoteSelectorsSchema } from '../shared/notes/selectors-schema';
import { MAX_CONTEXT, MAX_QUOTE } from '../shared/notes/limits';

/**
 * The message protocol between contexts. Every message is parsed here before it is acted on;
 * senders other than this extension are refused (see `fromThisExtension`).
 */

export const PageReportRequest = v.strictObject({ type: v.literal('page-report') });
export const TermRequest = v.strictObject({
  type: v.literal('get-term'),
  id: v.pipe(v.string(), v.maxLength(200)),
});
/** The reader's own glossary terms, as patterns for the content script's matcher. */
export const CustomTermsRequest = v.strictObject({ type: v.literal('get-custom-terms') });

/** Keyboard commands and the popup, forwarded to the tab. */
export const ToggleHighlightsRequest = v.strictObject({ type: v.literal('toggle-highlights') });
export const NavigateTermRequest = v.strictObject({
  type: v.literal('navigate-term'),
  direction: v.picklist([1, -1]),
});
/** Scroll to the next occurrence of a term and open its tooltip (popup's "This page"). */
export const RevealTermRequest = v.strictObject({
  type: v.literal('reveal-term'),
  termId: v.pipe(v.string(), v.maxLength(200)),
});

/** Scroll to a note's passage and flash it (the popup's "Open", through the background). */
export const RevealNoteRequest = v.strictObject({
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
/** Popup → background: open (or focus) a note's page and reveal the note there. */
export const OpenNoteRequest = v.strictObject({
  type: v.literal('open-note'),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});
/** Popup → background: "Scan this page" (the popup's click granted activeTab). */
export const ScanTabRequest = v.strictObject({
  type: v.literal('scan-tab'),
  tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** The context menu or the shortcut: open the note editor on the page's selection. */
export const NoteFromSelectionRequest = v.strictObject({ type: v.literal('note-from-selection') });

/**
 * The note frame → its page's content script: what happened in the frame. No note text: the
 * content script learns only where the note is (to paint it) and the frame's height.
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

// Only what the content script must parse lives in this module: the background's requests
// (with every note schema) are in lib/protocol/to-background.ts, so they stay out of the content
// script's bundle.
export const ContentRequest = v.variant('type', [
  PageReportRequest,
  NoteFromSelectionRequest,
  ToggleHighlightsRequest,
  NavigateTermRequest,
  RevealTermRequest,
  RevealNoteRequest,
  NoteFrameEventRequest,
]);

export type ContentRequest = v.InferOutput<typeof ContentRequest>;

export interface PageReport {
  url: string;
  title: string;
  terms: { termId: string; count: number }[];
  scan: {
    ms: number;
    busyMs: number;
    chars: number;
    textNodes: number;
    longestSliceMs: number;
    /** How many slices (tasks) the first full scan took. */
    slices?: number;
    /** The first scan found from the page's text alone that no term occurs (no walk). */
    walkSkipped?: boolean;
  };
  /** Every match found on the page. */
  highlights: number;
  /** How many are registered with CSS.highlights now (near the viewport on very long pages). */
  registered?: number;
  /** False when the reader switched Policy Lens off for this site. */
  active: boolean;
  /** The page's notes: how many, and the ids of those not found on the page (orphans). */
  notes?: NotesReport;
}

/**
 * The page's notes as its content script sees them. `canonical` is the page's canonical link as
 * it claims it: an extension page decides with lib/shared/notes/page-scope.ts, as the background does,
 * which URLs that makes the page's (a canonical on another site counts for nothing).
 */
export interface NotesReport {
  canonical: string | null;
  total: number;
  anchored: number;
  orphaned: string[];
}

export function parseContentRequest(msg: unknown): ContentRequest | null {
  const r = v.safeParse(ContentRequest, msg);
  return r.success ? r.output : null;
}

/** Only our own extension's pages, worker and content scripts may talk to us. */
export function fromThisExtension(sender: { id?: string } | undefined, ownId: string): boolean {
  return sender?.id === ownId;
}
