import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NoteConflictError,
  NoteNotFoundError,
  NotesRepository,
  NoteTooLongError,
  type NoteDraft,
} from '../../lib/extension/notes/repository';
import { DB_VERSION, NotesDb, SCHEMAS } from '../../lib/extension/notes/db';
import { MAX_NOTE_TEXT, SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { NoteV1, NoteV2 } from '../../lib/shared/notes/model';

let dbName: string;
let db: NotesDb;
let repo: NotesRepository;
let clock: number;
let seq: number;

function draft(over: Partial<NoteDraft> = {}): NoteDraft {
  return {
    url: 'http://www.people.cn/a.html',
    title: 'A page',
    selectors: {
      version: SELECTOR_VERSION,
      quote: { type: 'TextQuoteSelector', exact: '新质生产力', prefix: '发展', suffix: '是' },
      position: { type: 'TextPositionSelector', start: 10, end: 15 },
    },
    text: 'my note',
    tags: ['economy'],
    termIds: ['new-quality-productive-forces'],
    ...over,
  };
}

beforeEach(() => {
  dbName = `test-notes-${Math.random().toString(36).slice(2)}`;
  db = new NotesDb(dbName);
  clock = 1_000;
  seq = 0;
  repo = new NotesRepository(db, {
    now: () => clock,
    uuid: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(dbName);
});

describe('NotesRepository', () => {
  it('adds a note with id, site, timestamps and cleaned tags', async () => {
    const n = await repo.add(draft({ tags: [' economy ', 'Economy', '', '经济'] }));
    expect(n).toMatchObject({
      id: '00000000-0000-4000-8000-000000000001',
      site: 'people.cn',
      createdAt: 1000,
      updatedAt: 1000,
      tags: ['economy', '经济'],
    });
    expect(await repo.get(n.id)).toEqual(n);
  });

  it('uses crypto.randomUUID by default', async () => {
    const r = new NotesRepository(db);
    const n = await r.add(draft());
    expect(n.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('updates text and tags, bumping updatedAt only', async () => {
    const n = await repo.add(draft());
    clock = 2_000;
    const u = await repo.update(n.id, { text: 'edited', tags: ['a', 'b'] }, 1);
    expect(u).toEqual({ ...n, text: 'edited', tags: ['a', 'b'], updatedAt: 2000, rev: 2 });
    expect(await repo.get(n.id)).toEqual(u);
    await expect(repo.update('missing', { text: 'x' }, 1)).rejects.toBeInstanceOf(
      NoteNotFoundError,
    );
  });

  it('refuses an update that started from an older revision, and writes nothing', async () => {
    const n = await repo.add(draft());
    const popup = await repo.update(n.id, { text: 'from the popup' }, 1);
    const stale = repo.update(n.id, { text: 'from the page' }, 1);
    await expect(stale).rejects.toBeInstanceOf(NoteConflictError);
    await expect(stale).rejects.toMatchObject({ current: popup });
    expect(await repo.get(n.id)).toEqual(popup);
    // The reader chose to overwrite: the same edit, now naming the current revision, lands.
    const mine = await repo.update(n.id, { text: 'from the page' }, popup.rev);
    expect(mine).toMatchObject({ text: 'from the page', rev: 3 });
  });

  it('a restored note and an imported replacement get a new revision', async () => {
    const n = await repo.add(draft());
    await repo.delete(n.id);
    const back = await repo.restore(n.id);
    expect(back.rev).toBe(2);
    await expect(repo.update(n.id, { text: 'x' }, 1)).rejects.toBeInstanceOf(NoteConflictError);
    clock = 5_000;
    await repo.importMany([{ ...back, text: 'imported', updatedAt: 9_000, rev: 1 }], 'keep-newer');
    expect((await repo.get(n.id))?.rev).toBe(3);
  });

  it('deletes into the trash and restores the note exactly', async () => {
    const n = await repo.add(draft());
    clock = 3_000;
    const trashed = await repo.delete(n.id);
    expect(trashed.deletedAt).toBe(3000);
    expect(await repo.get(n.id)).toBeUndefined();
    expect(await repo.byUrls([n.url])).toEqual([]);
    expect(await repo.trashCount()).toBe(1);
    expect((await repo.listTrash()).map((t) => t.id)).toEqual([n.id]);
    const back = { ...n, rev: n.rev + 1 };
    expect(await repo.restore(n.id)).toEqual(back);
    expect(await repo.get(n.id)).toEqual(back);
    expect(await repo.listTrash()).toEqual([]);
    // Restoring twice is harmless; deleting a missing note is an error, not a silent no-op.
    expect(await repo.restore(n.id)).toEqual(back);
    await expect(repo.delete('missing')).rejects.toBeInstanceOf(NoteNotFoundError);
    await expect(repo.restore('missing')).rejects.toBeInstanceOf(NoteNotFoundError);
  });

  it('reads by page, newest first, all, and counts by term', async () => {
    const a = await repo.add(draft({ tags: ['x'] }));
    clock++;
    const b = await repo.add(draft({ url: 'http://m.people.cn/b.html', tags: ['x', 'y'] }));
    clock++;
    const c = await repo.add(draft({ termIds: ['digital-economy'], tags: [] }));
    expect((await repo.byUrls([a.url])).map((n) => n.id)).toEqual([a.id, c.id]);
    expect((await repo.byUrls([b.url, a.url, a.url])).map((n) => n.id)).toEqual([a.id, b.id, c.id]);
    expect(await repo.byUrls(['http://www.people.cn/none.html'])).toEqual([]);
    expect((await repo.newest(2)).map((n) => n.id)).toEqual([c.id, b.id]);
    expect((await repo.newest(10)).map((n) => n.id)).toEqual([c.id, b.id, a.id]);
    expect((await repo.all()).map((n) => n.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await repo.countWithTerm('digital-economy')).toBe(1);
    expect(await repo.countWithTerm('new-quality-productive-forces')).toBe(2);
    expect(await repo.countWithTerm('none')).toBe(0);
    expect(await repo.trashCount()).toBe(0);
  });

  it('stores a 100,000-character note and refuses one over the limit', async () => {
    const long = '长'.repeat(100_000);
    const n = await repo.add(draft({ text: long }));
    expect((await repo.get(n.id))!.text.length).toBe(100_000);
    await expect(repo.add(draft({ text: 'x'.repeat(MAX_NOTE_TEXT + 1) }))).rejects.toBeInstanceOf(
      NoteTooLongError,
    );
    expect(await repo.all()).toHaveLength(1);
  });

  it('keeps every note when many are saved at once', async () => {
    const r = new NotesRepository(db);
    await Promise.all(Array.from({ length: 50 }, (_, i) => r.add(draft({ text: `n${i}` }))));
    expect(await r.all()).toHaveLength(50);
  });

  it('rolls a failed write back completely', async () => {
    const n = await repo.add(draft());
    // Same id twice: add() must fail and leave the first note as it was.
    seq = 0;
    await expect(repo.add(draft({ text: 'other' }))).rejects.toThrow();
    expect(await repo.get(n.id)).toEqual(n);
    expect(await repo.all()).toHaveLength(1);
  });

  it('imports all or nothing, keeping the newer copy of a note', async () => {
    const a = await repo.add(draft());
    const older = { ...a, text: 'older', updatedAt: a.updatedAt - 1 };
    const fresh = { ...a, id: 'fresh', text: 'fresh', site: '' };
    expect(await repo.importMany([older, fresh], 'keep-newer')).toEqual({
      added: 1,
      replaced: 0,
      skipped: 1,
    });
    expect((await repo.get(a.id))!.text).toBe('my note');
    expect((await repo.get('fresh'))!.site).toBe('people.cn');
    const newer = { ...a, text: 'newer', updatedAt: a.updatedAt + 1 };
    const bad = { ...a, id: 'bad', text: 'x'.repeat(MAX_NOTE_TEXT + 1) };
    await expect(repo.importMany([newer, bad], 'keep-newer')).rejects.toBeInstanceOf(
      NoteTooLongError,
    );
    expect((await repo.get(a.id))!.text).toBe('my note');
    expect(await repo.importMany([newer], 'keep-newer')).toEqual({
      added: 0,
      replaced: 1,
      skipped: 0,
    });
    expect((await repo.get(a.id))!.text).toBe('newer');
  });

  it('purges only old trash', async () => {
    const a = await repo.add(draft());
    const b = await repo.add(draft());
    clock = 10;
    await repo.delete(a.id);
    clock = 20;
    await repo.delete(b.id);
    expect(await repo.purgeTrash(15)).toBe(1);
    expect((await repo.listTrash()).map((t) => t.id)).toEqual([b.id]);
  });
});

function makeV2(): NoteV2 {
  return {
    id: 'x',
    url: 'http://www.people.cn/b.html',
    title: 'B',
    site: 'people.cn',
    selectors: draft().selectors,
    text: 'written under v2',
    tags: ['policy'],
    termIds: [],
    createdAt: 5,
    updatedAt: 6,
  };
}

describe('schema migrations', () => {
  it('opens a database created by schema v1 and upgrades its notes', async () => {
    db.close();
    await Dexie.delete(dbName);
    // Create the database exactly as version 1 of the extension did.
    const v1 = new Dexie(dbName);
    v1.version(1).stores(SCHEMAS[1]);
    const old: NoteV1 = {
      id: 'v1-note',
      url: 'http://m.people.cn/n1/2024/0202/c1.html',
      title: 'Old page',
      selectors: draft().selectors,
      text: 'written under v1',
      tags: ['policy', ' Policy ', ''],
      termIds: ['new-quality-productive-forces'],
      createdAt: 5,
      updatedAt: 6,
    };
    await v1.table('notes').add(old);
    v1.close();

    db = new NotesDb(dbName);
    repo = new NotesRepository(db, { now: () => clock });
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const n = await repo.get('v1-note');
    expect(n).toEqual({ ...old, site: 'people.cn', tags: ['policy'], rev: 1 });
    // The v2 indexes and tables work on migrated data.
    expect(await db.notes.where('site').equals('people.cn').primaryKeys()).toEqual(['v1-note']);
    expect(await repo.countWithTerm('new-quality-productive-forces')).toBe(1);
    await repo.delete('v1-note');
    expect((await repo.restore('v1-note')).text).toBe('written under v1');
  });

  it('declares every version it can open', () => {
    expect(Object.keys(SCHEMAS).map(Number)).toEqual([1, 2, DB_VERSION]);
  });

  it('gives notes and trashed notes of a v2 database revision 1', async () => {
    db.close();
    await Dexie.delete(dbName);
    const v2 = new Dexie(dbName);
    v2.version(2).stores(SCHEMAS[2]);
    const old: NoteV2 = { ...makeV2(), id: 'v2-note' };
    await v2.table('notes').add(old);
    await v2.table('trash').add({ ...old, id: 'v2-trashed', deletedAt: 7 });
    v2.close();
    db = new NotesDb(dbName);
    repo = new NotesRepository(db, { now: () => clock });
    expect(await repo.get('v2-note')).toEqual({ ...old, rev: 1 });
    expect((await repo.listTrash())[0]).toMatchObject({ id: 'v2-trashed', rev: 1 });
    expect((await repo.update('v2-note', { text: 'edited' }, 1)).rev).toBe(2);
  });
});
