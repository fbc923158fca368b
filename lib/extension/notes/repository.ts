import { NotesDb } from './db';
import { MAX_NOTE_TEXT } from '../../shared/notes/limits';
import type { Note, TrashedNote } from '../../shared/notes/model';
import { cleanTags } from '../../shared/notes/tags';
import { siteOf } from '../../shared/notes/url';
import { uuid } from '../../shared/notes/uuid';

/**
 * The one door to the notes database: the background, the popup, the options page and import
 * read and write notes only through here (the background and our pages' writes through
 * service.ts, which turns a request into one of these calls). Each write is ONE Dexie
 * transaction, so a failure (quota, a closed database, a stopped worker) rolls back completely
 * and rejects: the caller shows the error; nothing is half-written and nothing is lost
 * silently. The reads are Dexie queries, so a `liveQuery` around them follows the database.
 */

/**
 * What a caller provides to create a note; the repository adds site, timestamps and revision.
 * `id` is an optional client-chosen UUID: saving the same draft twice (a retry after the service
 * worker was stopped mid-reply) then returns the first note instead of adding a duplicate.
 */
export type NoteDraft = Pick<Note, 'url' | 'title' | 'selectors' | 'text'> &
  Partial<Pick<Note, 'id' | 'tags' | 'termIds'>>;

/** The fields a user edits. */
export type NotePatch = Partial<Pick<Note, 'text' | 'tags'>>;

export class NoteNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`Note ${id} not found`);
    this.name = 'NoteNotFoundError';
  }
}

export class NoteTooLongError extends Error {
  constructor(readonly length: number) {
    super(`Note text is ${length} characters; the limit is ${MAX_NOTE_TEXT}`);
    this.name = 'NoteTooLongError';
  }
}

/** An update named a revision the note has moved past: `current` is what is stored now. */
export class NoteConflictError extends Error {
  constructor(readonly current: Note) {
    super(`Note ${current.id} was changed elsewhere (now revision ${current.rev})`);
    this.name = 'NoteConflictError';
  }
}

/** How an import treats a note whose id is already stored. */
export type ImportMode = 'keep-newer' | 'skip';

export interface ImportCounts {
  added: number;
  replaced: number;
  skipped: number;
}

export interface RepositoryDeps {
  now?: () => number;
  uuid?: () => string;
}

export class NotesRepository {
  private readonly now: () => number;
  private readonly uuid: () => string;

  constructor(
    private readonly db: NotesDb,
    deps: RepositoryDeps = {},
  ) {
    this.now = deps.now ?? (() => Date.now());
    this.uuid = deps.uuid ?? uuid;
  }

  // --- Writes: one transaction each. ---

  async add(draft: NoteDraft): Promise<Note> {
    checkText(draft.text);
    const t = this.now();
    const note: Note = {
      id: draft.id ?? this.uuid(),
      url: draft.url,
      title: draft.title,
      site: siteOf(draft.url),
      selectors: draft.selectors,
      text: draft.text,
      tags: cleanTags(draft.tags ?? []),
      termIds: [...new Set(draft.termIds ?? [])],
      createdAt: t,
      updatedAt: t,
      rev: 1,
    };
    return this.db.transaction('rw', this.db.notes, async () => {
      if (draft.id !== undefined) {
        const existing = await this.db.notes.get(draft.id);
        if (existing && isSameDraft(existing, note)) return existing;
      }
      await this.db.notes.add(note); // a different note under the same id fails here
      return note;
    });
  }

  /**
   * Edits a note that is still at `baseRev`, the revision the editor started from; otherwise
   * throws NoteConflictError with the stored note, and nothing is written.
   */
  async update(id: string, patch: NotePatch, baseRev: number): Promise<Note> {
    if (patch.text !== undefined) checkText(patch.text);
    return this.db.transaction('rw', this.db.notes, async () => {
      const note = await this.db.notes.get(id);
      if (!note) throw new NoteNotFoundError(id);
      if (note.rev !== baseRev) throw new NoteConflictError(note);
      const next: Note = {
        ...note,
        ...(patch.text !== undefined ? { text: patch.text } : {}),
        ...(patch.tags !== undefined ? { tags: cleanTags(patch.tags) } : {}),
        updatedAt: Math.max(this.now(), note.updatedAt),
        rev: note.rev + 1,
      };
      await this.db.notes.put(next);
      return next;
    });
  }

  /** Moves the note to the trash (undo with `restore`). */
  async delete(id: string): Promise<TrashedNote> {
    return this.db.transaction('rw', this.db.notes, this.db.trash, async () => {
      const note = await this.db.notes.get(id);
      if (!note) throw new NoteNotFoundError(id);
      const trashed: TrashedNote = { ...note, deletedAt: this.now() };
      await this.db.trash.put(trashed);
      await this.db.notes.delete(id);
      return trashed;
    });
  }

  /** Brings a deleted note back as it was. Restoring a note that is not deleted returns it. */
  async restore(id: string): Promise<Note> {
    return this.db.transaction('rw', this.db.notes, this.db.trash, async () => {
      const trashed = await this.db.trash.get(id);
      if (!trashed) {
        const live = await this.db.notes.get(id);
        if (live) return live;
        throw new NoteNotFoundError(id);
      }
      const { deletedAt: _deletedAt, ...rest } = trashed;
      // A new revision: an editor opened before the delete must not write over the restore.
      const note: Note = { ...rest, rev: rest.rev + 1 };
      await this.db.notes.put(note);
      await this.db.trash.delete(id);
      return note;
    });
  }

  /**
   * The import's write (lib/extension/notes/import.ts): ONE transaction, deciding again inside it (the
   * database may have changed since the reader saw the plan). `keep-newer` replaces a note
   * whose stored copy is older (`updatedAt`); `skip` never replaces. A written note leaves the
   * trash, so an old "undo" or a restore cannot overwrite it, and its revision goes past every
   * stored copy's: an editor open on the replaced copy gets a conflict, not a silent win.
   */
  async importMany(notes: readonly Note[], mode: ImportMode): Promise<ImportCounts> {
    for (const n of notes) checkText(n.text);
    return this.db.transaction('rw', this.db.notes, this.db.trash, async () => {
      const ids = notes.map((n) => n.id);
      const [existing, trashed] = await Promise.all([
        this.db.notes.bulkGet(ids),
        this.db.trash.bulkGet(ids),
      ]);
      const puts: Note[] = [];
      const result: ImportCounts = { added: 0, replaced: 0, skipped: 0 };
      notes.forEach((n, i) => {
        const old = existing[i];
        if (!old) result.added++;
        else if (mode === 'keep-newer' && n.updatedAt > old.updatedAt) result.replaced++;
        else {
          result.skipped++;
          return;
        }
        const before = Math.max(old?.rev ?? 0, trashed[i]?.rev ?? 0);
        const rev = before > 0 ? Math.max(n.rev, before) + 1 : n.rev;
        puts.push({ ...n, site: n.site || siteOf(n.url), tags: cleanTags(n.tags), rev });
      });
      await this.db.notes.bulkPut(puts);
      await this.db.trash.bulkDelete(puts.map((n) => n.id));
      return result;
    });
  }

  /** For each note, the stored copy with its id (undefined when none): import's plan. */
  storedCopies(ids: readonly string[]): Promise<(Note | undefined)[]> {
    return this.db.notes.bulkGet([...ids]);
  }

  /** Empties the trash of notes deleted before `before` (epoch ms). */
  async purgeTrash(before: number): Promise<number> {
    return this.db.transaction('rw', this.db.trash, () =>
      this.db.trash.where('deletedAt').below(before).delete(),
    );
  }

  /**
   * Deletes a trashed note for good: no copy stays in IndexedDB (the trash row is removed; a
   * live note with the id is not touched — that is a different, newer note). Returns whether
   * there was one.
   */
  async deleteForever(id: string): Promise<boolean> {
    return this.db.transaction('rw', this.db.trash, async () => {
      const had = (await this.db.trash.get(id)) !== undefined;
      await this.db.trash.delete(id);
      return had;
    });
  }

  /** Deletes every trashed note for good; returns how many. */
  async emptyTrash(): Promise<number> {
    return this.db.transaction('rw', this.db.trash, async () => {
      const n = await this.db.trash.count();
      await this.db.trash.clear();
      return n;
    });
  }

  // --- Reads. ---

  get(id: string): Promise<Note | undefined> {
    return this.db.notes.get(id);
  }

  /** The notes filed under any of `urls`, oldest first. */
  async byUrls(urls: readonly string[]): Promise<Note[]> {
    const notes = await this.db.notes
      .where('url')
      .anyOf([...new Set(urls)])
      .toArray();
    return notes.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** A deleted note, if it is in the trash. */
  getTrashed(id: string): Promise<TrashedNote | undefined> {
    return this.db.trash.get(id);
  }

  /** The newest `limit` notes: what the popup paints before the whole list is loaded. */
  newest(limit: number): Promise<Note[]> {
    return this.db.notes.orderBy('createdAt').reverse().limit(limit).toArray();
  }

  /**
   * Changes when the set of notes or their latest write changes (count and newest `updatedAt`):
   * what the background's passage index (passage-index.ts) checks before it answers, since the
   * popup and import write from other contexts.
   */
  async stamp(): Promise<string> {
    const [count, last] = await Promise.all([
      this.db.notes.count(),
      this.db.notes.orderBy('updatedAt').last(),
    ]);
    return `${count}:${last?.updatedAt ?? 0}:${last?.id ?? ''}`;
  }

  /** Every note (the popup's list and search index, the export). */
  all(): Promise<Note[]> {
    return this.db.notes.toArray();
  }

  /** How many notes link the glossary term `termId`. */
  countWithTerm(termId: string): Promise<number> {
    return this.db.notes.where('termIds').equals(termId).count();
  }

  /** Deleted notes, most recently deleted first. */
  listTrash(): Promise<TrashedNote[]> {
    return this.db.trash.orderBy('deletedAt').reverse().toArray();
  }

  /** How many notes are in the trash. */
  trashCount(): Promise<number> {
    return this.db.trash.count();
  }
}

function isSameDraft(a: Note, b: Note): boolean {
  return (
    a.url === b.url &&
    a.text === b.text &&
    a.selectors.quote.exact === b.selectors.quote.exact &&
    a.selectors.position.start === b.selectors.position.start
  );
}

function checkText(text: string): void {
  if (text.length > MAX_NOTE_TEXT) throw new NoteTooLongError(text.length);
}

/** The database and repository an extension context uses (background, popup, options). */
let shared: NotesRepository | null = null;
export function notesRepository(): NotesRepository {
  shared ??= new NotesRepository(new NotesDb());
  return shared;
}
