import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TermsController } from '../../lib/page/content/terms';

const sent: unknown[] = [];
vi.mock('../../lib/protocol/send', () => ({
  sendToBackground: (msg: unknown) => {
    sent.push(msg);
    return Promise.resolve({ ok: true, logged: true });
  },
}));
const { logTermsAfterScans } = await import('../../lib/page/content/log-terms');

type Terms = { termId: string; count: number }[];

function fakeTerms(found: { now: Terms }): TermsController {
  // Only the counts and the layer's size are used: no report (which would read the page's URL
  // and title, left to the background); the rest is not needed here.
  return {
    termCounts: () => found.now,
    layer: {
      get size() {
        return found.now.reduce((n, t) => n + t.count, 0);
      },
    },
  } as unknown as TermsController;
}

describe('the content script tells the reading log once per finished scan', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sent.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it.each<[string, Terms[], Terms[]]>([
    ['a page without terms sends nothing', [[], []], []],
    [
      'terms that went away are not sent as an empty list, nor sent again when they return',
      [[{ termId: 'a', count: 1 }], [], [{ termId: 'a', count: 1 }]],
      [[{ termId: 'a', count: 1 }]],
    ],
    ['one scan, one message', [[{ termId: 'a', count: 2 }]], [[{ termId: 'a', count: 2 }]]],
    [
      'a re-scan with the same counts sends nothing more; a change is sent',
      [[{ termId: 'a', count: 2 }], [{ termId: 'a', count: 2 }], [{ termId: 'a', count: 3 }]],
      [[{ termId: 'a', count: 2 }], [{ termId: 'a', count: 3 }]],
    ],
  ])('%s', (_name, scans, expected) => {
    const found = { now: [] as Terms };
    const scanned = logTermsAfterScans(window, fakeTerms(found));
    for (const s of scans) {
      found.now = s;
      scanned();
      vi.advanceTimersByTime(1000);
    }
    expect(sent).toEqual(expected.map((terms) => ({ type: 'log-page-terms', terms })));
  });

  it('scans in quick succession (a page that keeps changing) send once, after they settle', () => {
    const found = { now: [{ termId: 'a', count: 1 }] };
    const scanned = logTermsAfterScans(window, fakeTerms(found));
    for (let i = 1; i <= 5; i++) {
      found.now = [{ termId: 'a', count: i }];
      scanned();
      vi.advanceTimersByTime(100);
    }
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([{ type: 'log-page-terms', terms: [{ termId: 'a', count: 5 }] }]);
  });
});
