import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../../lib/extension/notes/frame-sessions';
import { MAX_FRAMES, MAX_URL, ShownElsewhere } from '../../lib/extension/notes/shown-elsewhere';

/** storage.session as a map, answering after a turn of the event loop like the real one. */
function fakeStore(): SessionStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const later = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 0));
  return {
    data,
    get: (k) => later(structuredClone(data.get(k))),
    set: (k, v) => later(void data.set(k, structuredClone(v))),
    remove: (k) => later(void data.delete(k)),
  };
}

const A = 'http://www.gov.cn/a.html';

describe('ShownElsewhere: which notes from elsewhere a frame may open', () => {
  it.each([
    { what: 'the frame it was shown to', tab: 3, frame: 0, url: A, id: 'n1', want: true },
    { what: 'another frame of the tab', tab: 3, frame: 1, url: A, id: 'n1', want: false },
    { what: 'another tab', tab: 4, frame: 0, url: A, id: 'n1', want: false },
    { what: 'the frame, navigated on', tab: 3, frame: 0, url: A + '?x', id: 'n1', want: false },
    { what: 'a note it was not shown', tab: 3, frame: 0, url: A, id: 'n2', want: false },
  ])('$what → $want', async ({ tab, frame, url, id, want }) => {
    const shown = new ShownElsewhere(fakeStore());
    await shown.record(3, 0, A, ['n1']);
    expect(await shown.has(tab, frame, url, id)).toBe(want);
  });

  it('a stopped service worker loses nothing: a new instance reads the session store', async () => {
    const store = fakeStore();
    await new ShownElsewhere(store).record(3, 2, A, ['n1', 'n2']);
    const again = new ShownElsewhere(store);
    expect(await again.has(3, 2, A, 'n2')).toBe(true);
    expect(await again.has(3, 0, A, 'n2')).toBe(false);
  });

  it('a closed tab is forgotten, in memory and in the store; other tabs are kept', async () => {
    const store = fakeStore();
    const shown = new ShownElsewhere(store);
    await shown.record(3, 0, A, ['n1']);
    await shown.record(4, 0, A, ['n1']);
    await shown.forgetTab(3);
    expect(await shown.has(3, 0, A, 'n1')).toBe(false);
    expect(await new ShownElsewhere(store).has(3, 0, A, 'n1')).toBe(false);
    expect(await shown.has(4, 0, A, 'n1')).toBe(true);
    expect([...store.data.keys()]).toEqual(['shown-elsewhere:4']);
  });

  it('two frames of a tab recording at once both keep what they were shown', async () => {
    const store = fakeStore();
    const shown = new ShownElsewhere(store);
    await Promise.all([shown.record(3, 0, A, ['n1']), shown.record(3, 1, A, ['n2'])]);
    expect(await shown.has(3, 0, A, 'n1')).toBe(true);
    expect(await shown.has(3, 1, A, 'n2')).toBe(true);
    const restarted = new ShownElsewhere(store);
    expect(await restarted.has(3, 0, A, 'n1')).toBe(true);
    expect(await restarted.has(3, 1, A, 'n2')).toBe(true);
  });

  it(`a page of many frames keeps the top frame and the subframes shown last (${MAX_FRAMES} in all)`, async () => {
    const shown = new ShownElsewhere(fakeStore());
    for (let f = 0; f <= MAX_FRAMES; f++) await shown.record(3, f, A, ['n1']);
    expect(await shown.has(3, 0, A, 'n1')).toBe(true);
    expect(await shown.has(3, 1, A, 'n1')).toBe(false);
    expect(await shown.has(3, 2, A, 'n1')).toBe(true);
    expect(await shown.has(3, MAX_FRAMES, A, 'n1')).toBe(true);
  });

  it('after a restart, frames recording at once keep what was stored and theirs', async () => {
    const store = fakeStore();
    await new ShownElsewhere(store).record(3, 0, A, ['n0']);
    const restarted = new ShownElsewhere(store);
    await Promise.all([restarted.record(3, 1, A, ['n1']), restarted.record(3, 2, A, ['n2'])]);
    for (const [frame, id] of [
      [0, 'n0'],
      [1, 'n1'],
      [2, 'n2'],
    ] as const) {
      expect(await restarted.has(3, frame, A, id)).toBe(true);
      expect(await new ShownElsewhere(store).has(3, frame, A, id)).toBe(true);
    }
  });

  it('a tab closed while a call was on its way is not put back', async () => {
    const store = fakeStore();
    await new ShownElsewhere(store).record(6, 0, A, ['n1']);
    const shown = new ShownElsewhere(store);
    const late = shown.record(6, 1, A, ['n2']);
    const asking = shown.has(6, 0, A, 'n1');
    await shown.forgetTab(6);
    await Promise.all([late, asking]);
    expect([...store.data.keys()]).toEqual([]);
    expect(await shown.has(6, 0, A, 'n1')).toBe(false);
    expect(await shown.has(6, 1, A, 'n2')).toBe(false);
  });

  it('a page address longer than the limit is not recorded', async () => {
    const store = fakeStore();
    const shown = new ShownElsewhere(store);
    const long = A + '?' + 'x'.repeat(MAX_URL);
    await shown.record(3, 0, long, ['n1']);
    expect(await shown.has(3, 0, long, 'n1')).toBe(false);
    expect(store.data.size).toBe(0);
  });

  it('a malformed store entry grants nothing', async () => {
    for (const bad of [{ url: A, ids: ['n1'] }, [{ frame: '0', url: A, ids: ['n1'] }], 'x']) {
      const store = fakeStore();
      store.data.set('shown-elsewhere:3', bad);
      expect(await new ShownElsewhere(store).has(3, 0, A, 'n1')).toBe(false);
    }
  });
});
