import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { NotesDb } from '../../lib/extension/notes/db';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';
import { DAY_MS, daysLeft, purgeExpiredTrash } from '../../lib/extension/notes/trash';
import { DEFAULT_SETTINGS, parseSettings } from '../../lib/shared/settings/settings';

let db: NotesDb;
let name: string;
let clock = 0;
let repo: NotesRepository;
let seq = 0;

function note(over: Partial<Note> = {}): Note {
  const t = Date.UTC(2024, 1, 2, 8) + ++seq;
  return {
    id: `n${seq}`,
    url: 'https://www.people.cn/a.html',
    title: 't',
    site: 'people.cn',
    rev: 1,
    selectors: {
      version: SELECTOR_VERSION,
      quote: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 1 },
    },
    text: 'secret text',
    tags: [],
    termIds: [],
    createdAt: t,
    updatedAt: t,
    ...over,
  };
}

/** Every copy of `id` anywhere in the database, read with IndexedDB itself (not Dexie's cache). */
async function rawCopies(id: string): Promise<number> {
  let found = 0;
  for (const store of ['notes', 'trash']) {
    found += await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const req = open.result.transaction(store).objectStore(store).count(id);
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result);
        };
        req.onerror = () => reject(req.error);
      };
      open.onerror = () => reject(open.error);
    });
  }
  return found;
}

beforeEach(() => {
  name = `trash-${Math.random().toString(36).slice(2)}`;
  db = new NotesDb(name);
  clock = Date.UTC(2026, 0, 1);
  repo = new NotesRepository(db, { now: () => clock });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

describe('the trash', () => {
  it('keeps 30 days by default, a setting between 1 and 3650 days', () => {
    expect(DEFAULT_SETTINGS.trashDays).toBe(30);
    expect(parseSettings({ trashDays: 7 }).trashDays).toBe(7);
    for (const bad of [0, -1, 1.5, 3651, '30', null]) {
      expect(parseSettings({ trashDays: bad }).trashDays).toBe(30);
    }
  });

  it('deletes a note forever: no copy in either table', async () => {
    const n = note();
    await db.notes.add(n);
    await repo.delete(n.id);
    expect(await rawCopies(n.id)).toBe(1);
    expect(await repo.deleteForever(n.id)).toBe(true);
    expect(await rawCopies(n.id)).toBe(0);
    expect(await repo.deleteForever(n.id)).toBe(false);
  });

  it('empties the trash, leaving live notes alone', async () => {
    const [a, b, live] = [note(), note(), note()];
    await db.notes.bulkAdd([a, b, live]);
    await repo.delete(a.id);
    await repo.delete(b.id);
    expect(await repo.emptyTrash()).toBe(2);
    expect(await db.trash.count()).toBe(0);
    expect((await db.notes.toArray()).map((n) => n.id)).toEqual([live.id]);
    expect(await rawCopies(a.id)).toBe(0);
  });

  it.each<[string, number, number, string[]]>([
    ['nothing is due', 30, 10, []],
    ['one note is past 30 days', 30, 31, ['old']],
    ['exactly 30 days is not yet past', 30, 30, []],
    ['a 7-day setting', 7, 8, ['old']],
    ['a 365-day setting keeps both', 365, 100, []],
  ])('purges what is due: %s', async (_name, trashDays, age, purged) => {
    const old = note({ id: 'old' });
    const recent = note({ id: 'recent' });
    await db.notes.bulkAdd([old, recent]);
    const start = clock;
    await repo.delete(old.id);
    clock = start + (age - 5) * DAY_MS;
    await repo.delete(recent.id);
    const now = start + age * DAY_MS;
    expect(await purgeExpiredTrash(repo, { trashDays }, now)).toBe(purged.length);
    const left = (await repo.listTrash()).map((t) => t.id);
    expect(left.sort()).toEqual(['old', 'recent'].filter((id) => !purged.includes(id)));
    for (const id of purged) expect(await rawCopies(id)).toBe(0);
  });

  it('counts the days left', () => {
    expect(daysLeft(0, 30, 0)).toBe(30);
    expect(daysLeft(0, 30, DAY_MS / 2)).toBe(30);
    expect(daysLeft(0, 30, 29 * DAY_MS + 1)).toBe(1);
    expect(daysLeft(0, 30, 31 * DAY_MS)).toBe(0);
  });
});

describe('import through the repository', () => {
  it('keeps the newer copy or skips, in one transaction, and takes the note out of the trash', async () => {
    const kept = note();
    const trashed = note();
    await db.notes.bulkAdd([kept, trashed]);
    await repo.delete(trashed.id);
    const incoming = [
      { ...kept, text: 'newer', updatedAt: kept.updatedAt + 1 },
      { ...trashed, text: 'imported back' },
      note({ id: 'fresh' }),
    ];
    expect(await repo.importMany(incoming, 'skip')).toEqual({ added: 2, replaced: 0, skipped: 1 });
    expect(await db.trash.count()).toBe(0);
    expect((await repo.get(trashed.id))!.rev).toBe(2);
    expect(await repo.importMany(incoming, 'keep-newer')).toEqual({
      added: 0,
      replaced: 1,
      skipped: 2,
    });
    expect(await repo.get(kept.id)).toMatchObject({ text: 'newer', rev: 2 });
  });
});
