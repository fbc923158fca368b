import { describe, expect, it, vi } from 'vitest';
import { parseBackgroundRequest } from '../../lib/protocol/to-background';
import { parseContentRequest } from '../../lib/protocol/to-content';
import {
  openNoteInTab,
  revealNoteMessage,
  type TabsApi,
} from '../../lib/extension/notes/open-note';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';

const note: Note = {
  id: 'n1',
  url: 'http://www.people.cn/a.html',
  title: 'A',
  site: 'people.cn',
  rev: 1,
  selectors: {
    version: SELECTOR_VERSION,
    quote: { type: 'TextQuoteSelector', exact: '新质生产力', prefix: '发展', suffix: '是' },
    position: { type: 'TextPositionSelector', start: 10, end: 15 },
  },
  text: '',
  tags: [],
  termIds: [],
  createdAt: 1,
  updatedAt: 1,
};

function tabs(over: Partial<TabsApi> = {}): TabsApi {
  return {
    query: vi.fn(async () => []),
    create: vi.fn(async () => ({ id: 5, status: 'loading' })),
    update: vi.fn(async () => ({})),
    get: vi.fn(async () => ({ id: 5, status: 'complete' })),
    reveal: vi.fn(async () => ({ found: true })),
    focusWindow: vi.fn(async () => ({})),
    ...over,
  };
}
const fast = { sleep: async () => {}, attempts: 5 };

describe('opening a note at its passage', () => {
  it('focuses a tab already showing the page (tracking parameters and fragment aside)', async () => {
    const t = tabs({
      query: vi.fn(async () => [
        { id: 2, url: 'http://www.people.cn/other.html' },
        { id: 3, url: 'http://www.people.cn/a.html?utm_source=x#top', windowId: 8 },
      ]),
      get: vi.fn(async () => ({ id: 3, status: 'complete' })),
    });
    expect(await openNoteInTab(t, note, fast)).toEqual({ tabId: 3, found: true });
    expect(t.update).toHaveBeenCalledWith(3, { active: true });
    expect(t.focusWindow).toHaveBeenCalledWith(8);
    expect(t.create).not.toHaveBeenCalled();
    expect(t.reveal).toHaveBeenCalledWith(3, revealNoteMessage(note));
  });

  it('opens the page, waits for it to load and for its script to answer', async () => {
    const get = vi
      .fn()
      .mockResolvedValueOnce({ id: 5, status: 'loading' })
      .mockResolvedValue({ id: 5, status: 'complete' });
    const reveal = vi
      .fn()
      .mockRejectedValueOnce(new Error('Receiving end does not exist'))
      .mockResolvedValue({ found: true });
    const t = tabs({ get, reveal });
    expect(await openNoteInTab(t, note, fast)).toEqual({ tabId: 5, found: true });
    expect(t.create).toHaveBeenCalledWith({ url: note.url, active: true });
    expect(reveal).toHaveBeenCalledTimes(2);
  });

  it('reports a passage no longer on the page, and a tab closed meanwhile', async () => {
    expect(
      await openNoteInTab(tabs({ reveal: vi.fn(async () => ({ found: false })) }), note, fast),
    ).toEqual({ tabId: 5, found: false });
    expect(
      await openNoteInTab(
        tabs({ get: vi.fn(async () => Promise.reject(new Error('gone'))) }),
        note,
        fast,
      ),
    ).toEqual({ tabId: 5, found: null });
  });

  it('gives up after its attempts when no script answers (a page outside the sites)', async () => {
    const t = tabs({ reveal: vi.fn(async () => Promise.reject(new Error('no receiver'))) });
    expect(await openNoteInTab(t, note, fast)).toEqual({ tabId: 5, found: null });
    expect(t.reveal).toHaveBeenCalledTimes(5);
  });
});

describe('popup messages', () => {
  it('accepts reveal-note for the content script, with the quote and position only', () => {
    expect(parseContentRequest(revealNoteMessage(note))).toEqual({
      type: 'reveal-note',
      noteId: 'n1',
      quote: { exact: '新质生产力', prefix: '发展', suffix: '是' },
      position: { start: 10, end: 15 },
    });
    expect(parseContentRequest({ ...revealNoteMessage(note), html: '<b>' })).toBeNull();
    expect(
      parseContentRequest({
        ...revealNoteMessage(note),
        quote: { exact: '', prefix: '', suffix: '' },
      }),
    ).toBeNull();
  });

  it('accepts open-note and scan-tab for the background', () => {
    expect(parseBackgroundRequest({ type: 'open-note', id: 'n1' })).toEqual({
      type: 'open-note',
      id: 'n1',
    });
    expect(parseBackgroundRequest({ type: 'scan-tab', tabId: 12 })).toEqual({
      type: 'scan-tab',
      tabId: 12,
    });
    expect(parseBackgroundRequest({ type: 'scan-tab', tabId: -1 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'scan-tab', tabId: '12' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'open-note', id: '' })).toBeNull();
  });
});
