import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameSessions } from '../../lib/extension/notes/frame-sessions';
import { pageScope, sameSite } from '../../lib/shared/notes/page-scope';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { NotesDb } from '../../lib/extension/notes/db';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import { contentNoteRequest, type ContentNoteRequest } from '../../lib/extension/notes/service';
import { classifySender, type Sender } from '../../lib/protocol/senders';
import { admitRequest, BACKGROUND_REQUESTS } from '../../lib/protocol/to-background';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';

describe('classifySender', () => {
  it.each<[string, Parameters<typeof classifySender>[0], Sender | null]>([
    ['the popup', { id: OWN, url: `chrome-extension://${OWN}/popup.html` }, { kind: 'extension' }],
    [
      'the note frame in a tab (dynamic origin)',
      { id: OWN, url: 'chrome-extension://0f9e8d7c-dynamic/note-frame.html', tab: { id: 4 } },
      { kind: 'extension', tabId: 4 },
    ],
    ['a Firefox page', { id: OWN, url: 'moz-extension://uuid/popup.html' }, { kind: 'extension' }],
    [
      'a content script',
      { id: OWN, url: 'http://www.people.cn/a.html', tab: { id: 7 }, frameId: 2 },
      {
        kind: 'content',
        tabId: 7,
        frameId: 2,
        url: 'http://www.people.cn/a.html',
        incognito: false,
      },
    ],
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }, null],
    ['no URL', { id: OWN, tab: { id: 1 } }, null],
    ['a content script without a tab', { id: OWN, url: 'http://a.example/' }, null],
    [
      'a content script: the tab title is kept (the reading log)',
      { id: OWN, url: 'http://a.cn/', tab: { id: 3, title: 'T', incognito: true } },
      { kind: 'content', tabId: 3, frameId: 0, url: 'http://a.cn/', incognito: true, title: 'T' },
    ],
  ])('%s', (_name, sender, expected) => {
    expect(classifySender(sender, OWN)).toEqual(expected);
  });
});

describe('the request table', () => {
  const content: Sender = {
    kind: 'content',
    tabId: 1,
    frameId: 0,
    url: 'http://a.cn/',
    incognito: false,
  };
  const extension: Sender = { kind: 'extension' };
  const samples: Record<keyof typeof BACKGROUND_REQUESTS, unknown> = {
    'get-term': { type: 'get-term', id: 'x' },
    'get-custom-terms': { type: 'get-custom-terms' },
    'load-terms': { type: 'load-terms' },
    'notes-for-page': { type: 'notes-for-page', canonical: null },
    'passage-blocks': { type: 'passage-blocks', canonical: null, blocks: [1, 2] },
    'notes-by-passage': { type: 'notes-by-passage', canonical: null, windows: [1, 2] },
    'note-frame-open': {
      type: 'note-frame-open',
      canonical: null,
      open: { kind: 'card', id: 'n' },
    },
    'note-frame-session': {
      type: 'note-frame-session',
      token: '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c',
    },
    'note-frame-event': {
      type: 'note-frame-event',
      token: '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c',
      event: { kind: 'close' },
    },
    'note-create': {
      type: 'note-create',
      note: {
        url: 'http://a.cn/',
        title: '',
        selectors: {
          version: 1,
          quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: 0, end: 1 },
        },
        text: '',
        tags: [],
        termIds: [],
      },
    },
    'note-update': { type: 'note-update', id: 'n', baseRev: 1, text: 'x' },
    'note-delete': { type: 'note-delete', id: 'n' },
    'note-restore': { type: 'note-restore', id: 'n' },
    'open-note': { type: 'open-note', id: 'n' },
    'scan-tab': { type: 'scan-tab', tabId: 1 },
    'log-page-terms': { type: 'log-page-terms', terms: [{ termId: 'x', count: 2 }] },
    'term-sightings': { type: 'term-sightings', termId: 'x' },
    'log-entries': { type: 'log-entries' },
    'log-clear': { type: 'log-clear' },
    'copy-citation': { type: 'copy-citation', termId: 'x' },
  };
  // The rule, written out: what a compromised renderer may ask.
  const CONTENT_MAY = [
    'get-term',
    'get-custom-terms',
    'load-terms',
    'notes-for-page',
    'passage-blocks',
    'notes-by-passage',
    'note-frame-open',
    'note-restore',
    'log-page-terms',
    'copy-citation',
  ];
  const EXTENSION_MAY_NOT = [
    'load-terms',
    'notes-for-page',
    'passage-blocks',
    'notes-by-passage',
    'note-frame-open',
    'log-page-terms',
  ];

  it.each(Object.entries(samples))(
    '%s: content and extension pages as the table says',
    (type, msg) => {
      expect(admitRequest(msg, content) !== null).toBe(CONTENT_MAY.includes(type));
      expect(admitRequest(msg, extension) !== null).toBe(!EXTENSION_MAY_NOT.includes(type));
    },
  );
});

describe('pageScope and sameSite (Public Suffix List)', () => {
  it.each<[string, string, boolean]>([
    ['http://www.people.cn/a', 'http://m.people.cn/b', true],
    ['http://people.cn/a', 'http://people.com.cn/a', false],
    ['http://a.gov.cn/', 'http://b.gov.cn/', false],
    ['https://alice.github.io/', 'https://bob.github.io/', false],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b', true],
    ['http://127.0.0.1/', 'http://127.0.0.2/', false],
    ['http://www.people.cn/', 'javascript:alert(1)', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(sameSite(a, b)).toBe(same);
  });

  it.each<[string, string | null, { fileUnder: string; urls: string[] } | null]>([
    [
      'http://www.people.cn/n1/a.html?from=singlemessage',
      null,
      { fileUnder: 'http://www.people.cn/n1/a.html', urls: ['http://www.people.cn/n1/a.html'] },
    ],
    [
      'http://m.people.cn/n1/a.html',
      'http://www.people.cn/n1/a.html',
      {
        fileUnder: 'http://www.people.cn/n1/a.html',
        urls: ['http://www.people.cn/n1/a.html', 'http://m.people.cn/n1/a.html'],
      },
    ],
    // Another site's canonical grants nothing: the page's own URL only.
    [
      'http://evil.example/x',
      'http://www.people.cn/n1/a.html',
      { fileUnder: 'http://evil.example/x', urls: ['http://evil.example/x'] },
    ],
    ['file:///home/a.html', null, null],
    ['data:text/html,hi', null, null],
  ])('%s with canonical %s', (url, canonical, scope) => {
    expect(pageScope(url, canonical)).toEqual(scope);
  });
});

describe('contentNoteRequest: a content script sees only its own page', () => {
  let db: NotesDb;
  let repo: NotesRepository;
  let sessions: FrameSessions;
  const name = `scope-${Math.random().toString(36).slice(2)}`;
  const selectors = {
    version: SELECTOR_VERSION,
    quote: { type: 'TextQuoteSelector' as const, exact: '新质生产力', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start: 0, end: 5 },
  };
  const from = (url: string): Extract<Sender, { kind: 'content' }> => ({
    kind: 'content',
    tabId: 9,
    frameId: 0,
    url,
    incognito: false,
  });
  const ask = (req: ContentNoteRequest, url: string) =>
    contentNoteRequest(repo, sessions, req, from(url));
  let seq = 0;

  beforeEach(async () => {
    db = new NotesDb(name);
    repo = new NotesRepository(db);
    sessions = new FrameSessions({
      uuid: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
      now: () => 0,
    });
    await repo.add({ url: 'http://www.people.cn/a.html', title: 'A', selectors, text: 'secret A' });
    await repo.add({ url: 'http://www.news.cn/b.html', title: 'B', selectors, text: 'secret B' });
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(name);
  });

  it('lists anchors of its own page, without text, whatever it claims', async () => {
    const own = await ask(
      { type: 'notes-for-page', canonical: null },
      'http://www.people.cn/a.html',
    );
    expect(own.ok && own.anchors?.length).toBe(1);
    expect(JSON.stringify(own)).not.toContain('secret');
    // Site A naming site B's article as its canonical learns nothing of B.
    const probe = await ask(
      { type: 'notes-for-page', canonical: 'http://www.news.cn/b.html' },
      'http://www.people.cn/other.html',
    );
    expect(probe).toEqual({ ok: true, anchors: [] });
    // A same-site canonical counts (m. and www. are one site).
    const twin = await ask(
      { type: 'notes-for-page', canonical: 'http://www.people.cn/a.html' },
      'http://m.people.cn/a.html',
    );
    expect(twin.ok && twin.anchors?.length).toBe(1);
  });

  it('opens the frame only for its own notes, and drafts only for its own http(s) page', async () => {
    const [b] = await repo.byUrls(['http://www.news.cn/b.html']);
    const [a] = await repo.byUrls(['http://www.people.cn/a.html']);
    const onA = 'http://www.people.cn/a.html';
    expect(
      await ask(
        { type: 'note-frame-open', canonical: null, open: { kind: 'edit', id: b!.id } },
        onA,
      ),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    const ok = await ask(
      { type: 'note-frame-open', canonical: null, open: { kind: 'card', id: a!.id } },
      onA,
    );
    expect(ok).toMatchObject({ ok: true, token: expect.any(String) });
    // The ticket opens only in the tab it was made for.
    const token = ok.ok ? ok.token! : '';
    expect(await sessions.redeem(token, 10)).toBeNull();
    expect(await sessions.redeem(token, 9)).toMatchObject({ open: { kind: 'card', id: a!.id } });
    const draft = await ask(
      {
        type: 'note-frame-open',
        canonical: 'http://www.news.cn/b.html',
        open: {
          kind: 'create',
          id: '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c',
          title: 't',
          selectors,
          termIds: [],
        },
      },
      'http://www.people.cn/c.html?utm_source=x',
    );
    const s = await sessions.redeem(draft.ok ? draft.token! : '', 9);
    // Filed under the sender's own page, not the other site's canonical it claimed.
    expect(s?.open).toMatchObject({
      kind: 'create',
      draft: { url: 'http://www.people.cn/c.html' },
    });
    expect(
      await ask({ type: 'notes-for-page', canonical: null }, 'data:text/html,<p>x</p>'),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('undoes the delete of a note of its own page only', async () => {
    const [a] = await repo.byUrls(['http://www.people.cn/a.html']);
    const [b] = await repo.byUrls(['http://www.news.cn/b.html']);
    await repo.delete(a!.id);
    await repo.delete(b!.id);
    const onA = 'http://www.people.cn/a.html';
    expect(await ask({ type: 'note-restore', id: b!.id, canonical: null }, onA)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await repo.get(b!.id)).toBeUndefined();
    const r = await ask({ type: 'note-restore', id: a!.id, canonical: null }, onA);
    expect(r.ok && r.anchors?.[0]?.id).toBe(a!.id);
  });
});
