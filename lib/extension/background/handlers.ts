import type { FrameScript } from './tabs';
import type { TermDetailsData } from '../../shared/glossary/lookup';
import type { MatcherData } from '../../shared/glossary/compile';
import type { NoteResponse } from '../../protocol/to-background';
import type { Sender } from '../../protocol/senders';
import type { BackgroundHandlers, BackgroundResponses } from '../../protocol/to-background';
import type { NoteFrameEvent } from '../../protocol/to-content';
import type { FrameSessions } from '../notes/frame-sessions';
import type { NotesRepository } from '../notes/repository';
import type { PassageBook } from '../notes/passage-index';
import type { ShownElsewhere } from '../notes/shown-elsewhere';
import { notesByPassage, passageCandidates } from '../notes/reprints';
import { contentNoteRequest, handleNoteRequest } from '../notes/service';
import { logScan, type LogServiceDeps } from '../log/service';
import type { CitationFormat } from '../../shared/citation/formats';
import { citationText } from '../citation/compose';

/** What the background's handlers reach outside themselves: the browser, the databases. */
export interface BackgroundDeps {
  /** A bundled term's details (the compiled glossary), or null. */
  lookup(id: string): TermDetailsData | null;
  customTermDetails(id: string): Promise<TermDetailsData | null>;
  /** The matcher with the reader's own terms merged in, or null without any. */
  customMatcher(): Promise<MatcherData | null>;
  /** The notes database opens lazily, so a worker MV3 stopped while idle loses nothing. */
  repo(): NotesRepository;
  sessions: FrameSessions;
  /** Notes that follow their passage to reprints (passage-index.ts), and who was shown which. */
  passages: PassageBook;
  shown: ShownElsewhere;
  /** Injects the content script into a tab the reader granted (activeTab). */
  scanTab(tabId: number): Promise<void>;
  /** Gives one frame a script of ours: notes made elsewhere, or the scan and paint. */
  injectIntoFrame(tabId: number, frameId: number, file: FrameScript): Promise<boolean>;
  /** Opens (or focuses) a note's page and reveals it; `found` as the page answered. */
  openNoteInTab(noteId: string): Promise<BackgroundResponses['open-note']>;
  /** Delivers a frame event to one frame of one tab. */
  tellFrame(
    tabId: number,
    frameId: number,
    msg: { type: 'note-frame-event'; token: string; event: NoteFrameEvent },
  ): Promise<void>;
  /** The reading log (lib/extension/log/). */
  log: LogServiceDeps;
  /** Writes text to the clipboard from our own origin (offscreen document, background page). */
  writeClipboard(text: string): Promise<void>;
  /** The reader's default citation format (settings). */
  citationFormat(): Promise<CitationFormat>;
  now(): Date;
}

const EXPIRED: NoteResponse = {
  ok: false,
  code: 'forbidden',
  error: 'this note window has expired',
};
const NOT_HERE: NoteResponse = { ok: false, code: 'forbidden', error: 'not allowed' };

/** Every request the background answers (lib/protocol/to-background.ts), one handler each. */
export function backgroundHandlers(d: BackgroundDeps): BackgroundHandlers {
  /** A content script's note request, scoped to its page; our pages' go to the write path. */
  const notes = <R extends Parameters<typeof contentNoteRequest>[2]>(req: R, sender: Sender) =>
    sender.kind === 'content'
      ? contentNoteRequest(d.repo(), d.sessions, req, sender, d.shown)
      : Promise.resolve(NOT_HERE);
  // Notes written here: the passage index checks the notes again at its next use.
  const written = (r: Promise<NoteResponse>) => r.finally(() => d.passages.changed());
  const term = (id: string) =>
    id.startsWith('custom-') ? d.customTermDetails(id) : Promise.resolve(d.lookup(id));
  return {
    'get-term': (req) => term(req.id),
    'get-custom-terms': () => d.customMatcher(),
    // Only into the asking frame: a content script can have the scan put into its own frame,
    // nowhere else.
    'load-terms': async (_req, sender) => ({
      ok:
        sender.kind === 'content' &&
        (await d.injectIntoFrame(sender.tabId, sender.frameId, 'page-terms.js')),
    }),
    // With the page's own notes, whether any note travels (reprints.ts): then the frame gets
    // passage-probe.js and sends its blocks. All at once: a page waits for the answer.
    'notes-for-page': async (req, sender) => {
      if (req.again) return notes(req, sender);
      const travel = d.passages.current().then(
        (index) => index.size > 0,
        () => false,
      );
      const [r, travels] = await Promise.all([
        notes(req, sender),
        travel,
        travel.then((t) =>
          t && sender.kind === 'content'
            ? d.injectIntoFrame(sender.tabId, sender.frameId, 'passage-probe.js')
            : undefined,
        ),
      ]);
      return r.ok && travels ? { ...r, travel: true } : r;
    },
    'passage-blocks': (req, sender) =>
      sender.kind === 'content'
        ? passageCandidates(d.passages, req, sender)
        : Promise.resolve(NOT_HERE),
    'notes-by-passage': (req, sender) =>
      sender.kind === 'content'
        ? notesByPassage(d.passages, d.shown, req, sender)
        : Promise.resolve(NOT_HERE),
    'note-frame-open': notes,
    'note-restore': (req, sender) =>
      written(sender.kind === 'content' ? notes(req, sender) : handleNoteRequest(d.repo(), req)),
    'note-create': (req) => written(handleNoteRequest(d.repo(), req)),
    'note-update': (req) => written(handleNoteRequest(d.repo(), req)),
    'note-delete': (req) => written(handleNoteRequest(d.repo(), req)),
    // The note frame redeems its ticket: only from the tab the ticket was made for.
    'note-frame-session': async (req, sender) => {
      const s = await d.sessions.redeem(req.token, sender.tabId);
      if (!s) return EXPIRED;
      if (s.open.kind === 'create') {
        return { ok: true, session: { kind: 'create', draft: s.open.draft } };
      }
      const note = await d.repo().get(s.open.id);
      if (!note) return { ok: false, code: 'not-found', error: 'this note was deleted' };
      const from = s.open.from;
      return {
        ok: true,
        session: from ? { kind: s.open.kind, note, from } : { kind: s.open.kind, note },
      };
    },
    // The note frame's news for its page, to the one frame its ticket was made for.
    'note-frame-event': async (req, sender) => {
      const s = await d.sessions.redeem(req.token, sender.tabId);
      if (!s) return EXPIRED;
      await d.tellFrame(s.tabId, s.frameId, req).catch(() => {});
      return { ok: true };
    },
    'open-note': (req) => d.openNoteInTab(req.id),
    // The text is composed here from the glossary or the stored note: a content script names a
    // term, never the words; notes (their text is ours) are cited from our own pages only.
    'copy-citation': async (req, sender) => {
      if (req.noteId !== undefined && sender.kind === 'content') {
        return { ok: false, error: 'not allowed' };
      }
      const format = req.format ?? (await d.citationFormat());
      let text: string | null = null;
      if (req.termId !== undefined) {
        const details = await term(req.termId);
        if (details) text = citationText({ term: details }, format, d.now());
      } else if (req.noteId !== undefined) {
        const note = await d.repo().get(req.noteId);
        if (note) text = citationText({ note }, format, d.now());
      }
      if (text === null) return { ok: false, error: 'not-found' };
      try {
        await d.writeClipboard(text);
      } catch (e) {
        return { ok: false, error: String(e) };
      }
      return { ok: true, format };
    },
    // The popup's "Scan this page": its click granted activeTab.
    'scan-tab': (req) =>
      d.scanTab(req.tabId).then(
        () => ({ ok: true }) as const,
        (e: unknown) => ({ ok: false, error: String(e) }) as const,
      ),
    'log-page-terms': async (req, sender) => ({
      ok: true,
      logged: await logScan(d.log, req, sender).catch(() => false),
    }),
    'term-sightings': async (req) => ({
      sightings: (await d.log.repo().forTerm(req.termId)).map(
        ({ url, title, site, firstSeen, lastSeen, count }) => ({
          url,
          title,
          site,
          firstSeen,
          lastSeen,
          count,
        }),
      ),
    }),
    'log-entries': async () => ({ sightings: await d.log.repo().all() }),
    'log-clear': () =>
      d.log
        .repo()
        .clear()
        .then(
          () => ({ ok: true }) as const,
          (e: unknown) => ({ ok: false, error: String(e) }) as const,
        ),
  };
}
