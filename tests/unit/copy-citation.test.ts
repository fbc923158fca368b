import { describe, expect, it, vi } from 'vitest';
import glossary from '../../glossary/generated/glossary.json';
import { backgroundHandlers, type BackgroundDeps } from '../../lib/extension/background/handlers';
import type { Sender } from '../../lib/protocol/senders';
import { admitRequest, answerBackgroundRequest } from '../../lib/protocol/to-background';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { makeLookup } from '../../lib/shared/glossary/lookup';
import type { Note } from '../../lib/shared/notes/model';

const content: Sender = {
  kind: 'content',
  tabId: 1,
  frameId: 0,
  url: 'http://www.people.cn/a.html',
  incognito: false,
};
const extension: Sender = { kind: 'extension' };
const NOTE = {
  id: 'n1',
  url: 'http://www.people.cn/a.html',
  title: '一篇文章',
  createdAt: new Date(2026, 11, 7, 10).getTime(),
  selectors: {
    version: 1,
    quote: { type: 'TextQuoteSelector', exact: '加快发展新质生产力', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 9 },
  },
} as unknown as Note; // only the fields a citation reads

function setup() {
  const written: string[] = [];
  const deps = {
    lookup: makeLookup(glossary as CompiledGlossary),
    customTermDetails: () => Promise.resolve(null),
    repo: () => ({ get: (id: string) => Promise.resolve(id === 'n1' ? NOTE : undefined) }),
    writeClipboard: vi.fn((t: string) => {
      written.push(t);
      return Promise.resolve();
    }),
    citationFormat: () => Promise.resolve('markdown' as const),
    now: () => new Date(2026, 11, 7),
  } as unknown as BackgroundDeps; // the handlers under test reach only these
  return { handlers: backgroundHandlers(deps), written };
}

describe('copy-citation', () => {
  it.each([
    ['neither a term nor a note', { type: 'copy-citation' }],
    ['both', { type: 'copy-citation', termId: 'x', noteId: 'n1' }],
    ['text of its own', { type: 'copy-citation', termId: 'x', text: 'evil' }],
    ['an unknown format', { type: 'copy-citation', termId: 'x', format: 'bibtex' }],
  ])('is refused with %s', (_why, msg) => {
    expect(admitRequest(msg, content)).toBeNull();
    expect(admitRequest(msg, extension)).toBeNull();
  });

  it('writes the term composed from the glossary, in the reader default format', async () => {
    const { handlers, written } = setup();
    const r = await answerBackgroundRequest(
      handlers,
      { type: 'copy-citation', termId: 'new-quality-productive-forces' },
      content,
    );
    expect(r).toEqual({ ok: true, format: 'markdown' });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\*\*新质生产力\*\* \(\*xīn zhì shēng chǎn lì\*\) — new quality/);
    expect(written[0]).toContain('人民日报');
  });

  it('takes the format asked for', async () => {
    const { handlers, written } = setup();
    await answerBackgroundRequest(
      handlers,
      { type: 'copy-citation', termId: 'new-quality-productive-forces', format: 'gbt7714' },
      content,
    );
    expect(written[0]).toContain('[N/OL]. 人民日报, 2024-02-02(1)[2026-12-07].');
  });

  it('a content script cannot cite a note; our pages can', async () => {
    const { handlers, written } = setup();
    const msg = { type: 'copy-citation', noteId: 'n1', format: 'apa' };
    expect(await answerBackgroundRequest(handlers, msg, content)).toEqual({
      ok: false,
      error: 'not allowed',
    });
    expect(written).toEqual([]);
    expect(await answerBackgroundRequest(handlers, msg, extension)).toEqual({
      ok: true,
      format: 'apa',
    });
    expect(written[0]).toBe(
      '“加快发展新质生产力” (人民网, n.d.)\n\n人民网. (n.d.). 一篇文章. Retrieved December 7, 2026, from http://www.people.cn/a.html',
    );
  });

  it('an unknown term or note writes nothing', async () => {
    const { handlers, written } = setup();
    const r = await answerBackgroundRequest(
      handlers,
      { type: 'copy-citation', termId: 'no-such-term' },
      content,
    );
    expect(r).toEqual({ ok: false, error: 'not-found' });
    expect(written).toEqual([]);
  });
});
