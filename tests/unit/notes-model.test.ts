import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { toJson } from '../../lib/extension/notes/export';
import { NotesDb } from '../../lib/extension/notes/db';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { sampleNote } from './note-fixture';
import {
  MAX_CONTEXT,
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
  SELECTOR_VERSION,
} from '../../lib/shared/notes/limits';
import {
  NoteFields,
  NoteSchema,
  TrashedNoteSchema,
  type Note,
  type TrashedNote,
} from '../../lib/shared/notes/model';

/** The one model of a note: what it accepts, field by field, and who holds to it. */

function note(): Note {
  return sampleNote(1, { text: 'Compare the 2023 wording.', updatedAt: Date.UTC(2024, 1, 3) });
}

type Edit = (n: Record<string, unknown> & Note) => void;
const sel = (n: Note) => n.selectors as unknown as Record<string, Record<string, unknown>>;

describe('the note model', () => {
  it('accepts a stored note and gives it back field for field', () => {
    const n = note();
    expect(v.parse(NoteSchema, n)).toEqual(n);
    expect(v.parse(TrashedNoteSchema, { ...n, deletedAt: 5 })).toEqual({ ...n, deletedAt: 5 });
  });

  it.each<[string, Edit]>([
    ['an id with a space', (n) => (n.id = 'bad id!')],
    ['an empty id', (n) => (n.id = '')],
    ['an id of 101 characters', (n) => (n.id = 'a'.repeat(101))],
    ['a javascript: URL', (n) => (n.url = 'javascript:alert(1)')],
    ['a data: URL', (n) => (n.url = 'data:text/html,x')],
    ['an empty URL', (n) => (n.url = '')],
    ['a URL over the limit', (n) => (n.url = `http://a.cn/${'x'.repeat(MAX_URL)}`)],
    ['a title over the limit', (n) => (n.title = 'x'.repeat(MAX_TITLE + 1))],
    ['a site over the limit', (n) => (n.site = 'x'.repeat(MAX_SITE + 1))],
    ['no site', (n) => delete (n as Partial<Note>).site],
    ['text that is not a string', (n) => (n.text = 5 as unknown as string)],
    ['text over the limit', (n) => (n.text = 'x'.repeat(MAX_NOTE_TEXT + 1))],
    ['too many tags', (n) => (n.tags = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`))],
    ['a tag over the limit', (n) => (n.tags = ['x'.repeat(MAX_TAG_LENGTH + 1)])],
    ['a tag that is not a string', (n) => (n.tags = [1 as unknown as string])],
    [
      'too many term ids',
      (n) => (n.termIds = Array.from({ length: MAX_TERM_IDS + 1 }, (_, i) => `t${i}`)),
    ],
    ['a term id over the limit', (n) => (n.termIds = ['x'.repeat(MAX_TERM_ID + 1)])],
    ['a fractional createdAt', (n) => (n.createdAt = 1.5)],
    ['a negative updatedAt', (n) => (n.updatedAt = -1)],
    ['a date no Date can hold', (n) => (n.updatedAt = MAX_TIME + 1)],
    ['revision 0', (n) => (n.rev = 0)],
    ['a revision past 31 bits', (n) => (n.rev = MAX_INT + 1)],
    ['no revision', (n) => delete (n as Partial<Note>).rev],
    ['an unknown field', (n) => (n.extra = 1)],
    ['a newer selector version', (n) => (n.selectors.version = SELECTOR_VERSION + 1)],
    ['selector version 0', (n) => (n.selectors.version = 0)],
    ['an empty quote', (n) => (n.selectors.quote.exact = '')],
    ['a prefix over the limit', (n) => (n.selectors.quote.prefix = 'x'.repeat(MAX_CONTEXT + 1))],
    ['a suffix over the limit', (n) => (n.selectors.quote.suffix = 'x'.repeat(MAX_CONTEXT + 1))],
    ['a wrong quote type', (n) => (sel(n).quote!.type = 'TextPositionSelector')],
    ['an unknown quote field', (n) => (sel(n).quote!.extra = 1)],
    ['a position that ends where it starts', (n) => (n.selectors.position.end = 120)],
    ['a negative position', (n) => (n.selectors.position.start = -1)],
    ['a fractional position', (n) => (n.selectors.position.end = 140.5)],
    ['a wrong position type', (n) => (sel(n).position!.type = 'TextQuoteSelector')],
  ])('refuses %s', (_, edit) => {
    const n = note() as Record<string, unknown> & Note;
    edit(n);
    expect(v.safeParse(NoteSchema, n).success).toBe(false);
  });

  it('a trashed note is a note with the time it was deleted', () => {
    expect(v.safeParse(TrashedNoteSchema, note()).success).toBe(false);
    expect(v.safeParse(TrashedNoteSchema, { ...note(), deletedAt: 1.5 }).success).toBe(false);
    expect(v.safeParse(NoteSchema, { ...note(), deletedAt: 5 }).success).toBe(false);
  });
});

describe('who holds to the model', () => {
  const names: string[] = [];
  afterEach(async () => {
    for (const name of names.splice(0)) await Dexie.delete(name);
  });

  it('every note the repository writes is a valid stored note', async () => {
    const name = `model-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    const db = new NotesDb(name);
    const repo = new NotesRepository(db, { now: () => Date.UTC(2024, 1, 2) });
    const { id: _id, site: _site, createdAt: _c, updatedAt: _u, rev: _rev, ...draft } = note();
    const valid = (n: Note | undefined) => expect(v.parse(NoteSchema, n)).toEqual(n);
    const added = await repo.add({ ...draft, tags: [' a ', 'A', 'b'] });
    valid(added);
    valid(await repo.update(added.id, { text: 'edited', tags: ['c'] }, added.rev));
    const trashed: TrashedNote = await repo.delete(added.id);
    expect(v.parse(TrashedNoteSchema, trashed)).toEqual(trashed);
    expect(v.parse(TrashedNoteSchema, (await repo.listTrash())[0])).toBeDefined();
    valid(await repo.restore(added.id));
    await repo.importMany([{ ...note(), id: 'imported', site: '' }], 'keep-newer');
    for (const n of await repo.all()) valid(n);
    db.close();
  });

  it('the export writes exactly the model: its fields, in the order the schema lists them', () => {
    const n = note();
    const file = JSON.parse(toJson([{ ...n, extra: 'not ours' } as Note])) as { notes: Note[] };
    expect(Object.keys(file.notes[0]!)).toEqual(Object.keys(NoteFields));
    expect(v.parse(NoteSchema, file.notes[0])).toEqual(n);
  });
});
