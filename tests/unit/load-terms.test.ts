import { describe, expect, it, vi } from 'vitest';
import { backgroundHandlers, type BackgroundDeps } from '../../lib/extension/background/handlers';
import type { Sender } from '../../lib/protocol/senders';
import { admitRequest, answerBackgroundRequest } from '../../lib/protocol/to-background';

// A content script whose page may hold a term asks for the scan and paint (page-terms.js): the
// background puts it into that frame, and only that one.

const content: Sender = {
  kind: 'content',
  tabId: 3,
  frameId: 7,
  url: 'http://www.people.cn/a.html',
  incognito: false,
};

function ask(msg: unknown, from: Sender, injected: boolean) {
  const injectIntoFrame = vi.fn(() => Promise.resolve(injected));
  // The handler under test reaches only this.
  const deps = { injectIntoFrame } as unknown as BackgroundDeps;
  const req = admitRequest(msg, from);
  const answer = req ? answerBackgroundRequest(backgroundHandlers(deps), req, from) : null;
  return { answer, injectIntoFrame };
}

describe('load-terms', () => {
  it.each([
    ['injected', true, { ok: true }],
    ['the frame went, or no permission', false, { ok: false }],
  ])('%s', async (_name, injected, expected) => {
    const { answer, injectIntoFrame } = ask({ type: 'load-terms' }, content, injected);
    await expect(answer).resolves.toEqual(expected);
    expect(injectIntoFrame).toHaveBeenCalledExactlyOnceWith(3, 7, 'page-terms.js');
  });

  const extension: Sender = { kind: 'extension' };
  it.each([
    ['from one of our pages', { type: 'load-terms' }, extension],
    ['naming a frame', { type: 'load-terms', frameId: 0 }, content],
    ['naming a file', { type: 'load-terms', file: 'page-ui.js' }, content],
  ])('is refused at the door %s', (_name, msg, from) => {
    expect(admitRequest(msg, from)).toBeNull();
  });
});
