import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendNoteRequest } from '../../lib/protocol/send';
import { parseBackgroundRequest } from '../../lib/protocol/to-background';
import { parseContentRequest } from '../../lib/protocol/to-content';
import { type NoteRequest } from '../../lib/protocol/to-background';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { NotesDb } from '../../lib/extension/notes/db';
import { handleNoteRequest, type TrustedNoteRequest } from '../../lib/extension/notes/service';
import { formatTags, parseTags } from '../../lib/shared/notes/tags';
import { uuid } from '../../lib/shared/notes/uuid';
import { requestPersistentStorage } from '../../lib/extension/notes/persist';

const selectors = {
  version: 1,
  quote: { type: 'TextQuoteSelector', exact: '新质生产力', prefix: '发展', suffix: '是' },
  position: { type: 'TextPositionSelector', start: 2, end: 7 },
};
const create = (over: Record<string, unknown> = {}) => ({
  type: 'note-create',
  note: {
    url: 'http://www.people.cn/a.html',
    title: 'A',
    selectors,
    text: 'note',
    tags: ['x'],
    termIds: [],
    ...over,
  },
});

describe('note messages are validated before anything is written', () => {
  it.each<[string, unknown]>([
    ['create', create()],
    ['create with a client id', create({ id: '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c' })],
    ['create with a 100,000-character note', create({ text: 'x'.repeat(100_000) })],
    ['create with a 1,000,000-character note', create({ text: 'x'.repeat(1_000_000) })],
    ['list for a page', { type: 'notes-for-page', canonical: null }],
    ['list with a canonical claim', { type: 'notes-for-page', canonical: 'http://people.cn/a' }],
    ['update text', { type: 'note-update', id: 'n1', baseRev: 1, text: 'new' }],
    ['update tags', { type: 'note-update', id: 'n1', baseRev: 1, tags: ['a'] }],
    ['delete', { type: 'note-delete', id: 'n1' }],
    ['restore', { type: 'note-restore', id: 'n1' }],
  ])('accepts %s', (_name, msg) => {
    expect(parseBackgroundRequest(msg)).toEqual(msg);
  });

  it.each<[string, unknown]>([
    ['a note over 1,000,000 characters', create({ text: 'x'.repeat(1_000_001) })],
    [
      'an empty quote',
      create({ selectors: { ...selectors, quote: { ...selectors.quote, exact: '' } } }),
    ],
    [
      'a position that ends before it starts',
      create({ selectors: { ...selectors, position: { ...selectors.position, start: 9 } } }),
    ],
    [
      'a negative offset',
      create({ selectors: { ...selectors, position: { ...selectors.position, start: -1 } } }),
    ],
    ['a selector version from the future', create({ selectors: { ...selectors, version: 99 } })],
    ['a client id that is not a UUID', create({ id: '../../etc' })],
    ['HTML smuggled in an extra key', { ...create(), html: '<img onerror=alert(1)>' }],
    ['an extra key in the note', create({ innerHTML: '<b>' })],
    ['a list that names a URL (the sender is the URL)', { type: 'notes-for-page', url: 'x' }],
    ['a data: URL note', create({ url: 'data:text/html,<script>alert(1)</script>' })],
    ['a javascript: URL note', create({ url: 'javascript:alert(1)' })],
    [
      'an update without the revision it started from',
      { type: 'note-update', id: 'n1', text: 'x' },
    ],
    ['text that is not a string', { type: 'note-update', id: 'n1', text: 5 }],
    ['an empty id', { type: 'note-delete', id: '' }],
  ])('rejects %s', (_name, msg) => {
    expect(parseBackgroundRequest(msg)).toBeNull();
    expect(parseBackgroundRequest(msg)).toBeNull();
  });

  it('the content script accepts "note-from-selection" and nothing note-shaped else', () => {
    expect(parseContentRequest({ type: 'note-from-selection' })).toEqual({
      type: 'note-from-selection',
    });
    expect(parseContentRequest({ type: 'note-from-selection', text: 'x' })).toBeNull();
    expect(parseContentRequest(create())).toBeNull();
  });
});

describe('handleNoteRequest', () => {
  let db: NotesDb;
  let repo: NotesRepository;
  const name = `svc-${Math.random().toString(36).slice(2)}`;
  beforeEach(() => {
    db = new NotesDb(name);
    repo = new NotesRepository(db);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(name);
  });
  const handle = (msg: unknown) =>
    handleNoteRequest(repo, parseBackgroundRequest(msg) as TrustedNoteRequest);

  it('creates, lists, updates, deletes and restores', async () => {
    const c = await handle(create());
    expect(c.ok).toBe(true);
    const id = c.ok ? c.note!.id : '';
    expect((await repo.byUrls(['http://www.people.cn/a.html'])).map((n) => n.id)).toEqual([id]);
    const u = await handle({ type: 'note-update', id, baseRev: 1, text: 'edited', tags: ['b, c'] });
    expect(u.ok && [u.note!.text, u.note!.tags]).toEqual(['edited', ['b, c']]);
    const d = await handle({ type: 'note-delete', id });
    expect(d.ok && d.note).not.toHaveProperty('deletedAt');
    expect(await repo.all()).toHaveLength(0);
    const r = await handle({ type: 'note-restore', id });
    expect(r.ok && r.note!.text).toBe('edited');
  });

  it('a retried create with the same client id adds the note once', async () => {
    const msg = create({ id: uuid() });
    const [a, b] = await Promise.all([handle(msg), handle(msg)]);
    expect(a.ok && b.ok).toBe(true);
    expect(await repo.all()).toHaveLength(1);
    // A different note under a taken id is refused, not merged.
    const clash = await handle({ ...msg, note: { ...msg.note, text: 'other' } });
    expect(clash).toMatchObject({ ok: false, code: 'storage' });
  });

  it('reports failures as values, never throws', async () => {
    expect(await handle({ type: 'note-delete', id: 'missing' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(
      await handle({ type: 'note-update', id: 'missing', baseRev: 1, text: 'x' }),
    ).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    db.close();
    const closed = await handleNoteRequest(
      repo,
      parseBackgroundRequest(create()) as TrustedNoteRequest,
    );
    expect(closed).toMatchObject({ ok: false, code: 'storage' });
    expect(closed.ok ? '' : closed.error).toMatch(/DatabaseClosed/);
  });
});

describe('sendNoteRequest (content script → background)', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });
  const req: NoteRequest = { type: 'note-delete', id: 'n1' };

  it('retries once when the service worker was asleep', async () => {
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(
        new Error('Could not establish connection. Receiving end does not exist.'),
      )
      .mockResolvedValueOnce({ ok: true });
    expect(await sendNoteRequest(req)).toEqual({ ok: true });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('gives a visible error when it still fails, and does not retry other errors', async () => {
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValue(
        new Error('Could not establish connection. Receiving end does not exist.'),
      );
    expect(await sendNoteRequest(req)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Could not establish connection/),
    });
    expect(send).toHaveBeenCalledTimes(2);
    send.mockReset().mockRejectedValue(new Error('QuotaExceededError'));
    expect(await sendNoteRequest(req)).toMatchObject({ ok: false, error: 'QuotaExceededError' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('says what to do when the extension was reloaded under the page', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Extension context invalidated.'),
    );
    expect(await sendNoteRequest(req)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/reload this page/),
    });
  });
});

describe('tags and ids', () => {
  it.each([
    ['economy, 创新', ['economy', '创新']],
    ['经济，创新、改革；开放\nTech', ['经济', '创新', '改革', '开放', 'Tech']],
    [' a ,, A , b ', ['a', 'b']],
    ['', []],
  ])('parseTags(%j)', (input, tags) => {
    expect(parseTags(input)).toEqual(tags);
  });

  it('formats tags for the field', () => {
    expect(formatTags(['a', 'b'])).toBe('a, b');
  });

  it('makes v4 UUIDs without randomUUID (http pages are not secure contexts)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 100 }, () => uuid()));
      expect(ids.size).toBe(100);
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});

describe('requestPersistentStorage', () => {
  it('asks only when not yet persistent, and never throws', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistentStorage({ persisted: async () => true, persist })).toBe(true);
    expect(persist).not.toHaveBeenCalled();
    expect(await requestPersistentStorage({ persisted: async () => false, persist })).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
    const failing = {
      persisted: async () => false,
      persist: async () => Promise.reject(new Error('no')),
    };
    expect(await requestPersistentStorage(failing)).toBe(false);
    expect(await requestPersistentStorage(undefined)).toBe(false);
  });
});
