import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backgroundHandlers, type BackgroundDeps } from '../../lib/extension/background/handlers';
import { NotesDb } from '../../lib/extension/notes/db';
import { FrameSessions } from '../../lib/extension/notes/frame-sessions';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { ShownElsewhere } from '../../lib/extension/notes/shown-elsewhere';
import type { Sender } from '../../lib/protocol/senders';
import {
  admitRequest,
  answerBackgroundRequest,
  type NoteResponse,
} from '../../lib/protocol/to-background';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';

// A page's notes are asked for twice on a page with notes of its own: by the gate after the
// first scan, then by the notes controller it loads (and again when the tab comes back). Only
// the gate's ask says whether notes travel and has passage-probe.js injected into the frame.

const PAGE = 'http://www.people.cn/a.html';
const content: Sender = { kind: 'content', tabId: 3, frameId: 1, url: PAGE, incognito: false };
const selectors = {
  version: SELECTOR_VERSION,
  quote: { type: 'TextQuoteSelector' as const, exact: '新质生产力', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 5 },
};

describe('notes-for-page: the first ask and the reloads', () => {
  let db: NotesDb;
  const name = `nfp-${Math.random().toString(36).slice(2)}`;
  const injectIntoFrame = vi.fn(() => Promise.resolve(true));

  beforeEach(async () => {
    db = new NotesDb(name);
    await new NotesRepository(db).add({ url: PAGE, title: 'A', selectors, text: 'secret' });
    injectIntoFrame.mockClear();
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(name);
  });

  function ask(msg: unknown, travelling: number, from: Sender = content) {
    const repo = new NotesRepository(db);
    const deps = {
      repo: () => repo,
      sessions: new FrameSessions({ uuid: () => crypto.randomUUID(), now: () => 0 }),
      shown: new ShownElsewhere(),
      passages: { current: () => Promise.resolve({ size: travelling }), changed: () => {} },
      injectIntoFrame,
    } as unknown as BackgroundDeps; // the handler under test reaches only these
    const req = admitRequest(msg, from);
    if (!req) throw new Error('request refused');
    // The handler's answer for this request type (the table in to-background.ts).
    return answerBackgroundRequest(backgroundHandlers(deps), req, from) as Promise<NoteResponse>;
  }

  it.each([
    ['the gate’s ask, notes travelling', { canonical: null }, 5, true, 1],
    ['the gate’s ask, no note travelling', { canonical: null }, 0, false, 0],
    ['a reload, notes travelling', { canonical: null, again: true }, 5, false, 0],
  ])('%s', async (_name, fields, travelling, travel, injected) => {
    const r = await ask({ type: 'notes-for-page', ...fields }, travelling);
    expect(r).toMatchObject({ ok: true, anchors: [{ selectors }] });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(r.ok && r.travel === true).toBe(travel);
    expect(injectIntoFrame).toHaveBeenCalledTimes(injected);
    if (injected) expect(injectIntoFrame).toHaveBeenCalledWith(3, 1, 'passage-probe.js');
  });

  it('a compromised content script on another site, marking its ask a reload, gets nothing', async () => {
    const other: Sender = { ...content, url: 'http://www.news.cn/b.html' };
    const r = await ask({ type: 'notes-for-page', canonical: PAGE, again: true }, 5, other);
    expect(r).toEqual({ ok: true, anchors: [] });
    expect(injectIntoFrame).not.toHaveBeenCalled();
  });

  it('refuses anything but `again: true` as the reload mark', () => {
    for (const again of [false, 'yes', 1, null]) {
      expect(admitRequest({ type: 'notes-for-page', canonical: null, again }, content)).toBeNull();
    }
  });
});
