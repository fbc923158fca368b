import { describe, expect, it } from 'vitest';
import {
  firstStep,
  lastLookedAt,
  nextStep,
  NO_WINDOW,
  untilAnswered,
  type FollowStep,
  type PanelPlace,
  type TabEvent,
} from '../../lib/extension/side-panel/follow-tab';

const BESIDE: PanelPlace = { kind: 'beside', windowId: 1 };
/** The panel page opened in tab 99 of window 2 (as the browser tests open it). */
const IN_TAB: PanelPlace = { kind: 'tab', tabId: 99, windowId: 2 };
const NOTHING: FollowStep = { do: 'nothing' };

describe('which tab the side panel shows', () => {
  const cases: [string, PanelPlace, number | null, TabEvent, FollowStep][] = [
    // Beside a window: that window's active tab, and nothing of other windows.
    [
      'beside: a tab of its window comes to the front',
      BESIDE,
      5,
      { type: 'activated', tabId: 6, windowId: 1 },
      { do: 'show', tabId: 6 },
    ],
    [
      'beside: the tab shown is activated again',
      BESIDE,
      5,
      { type: 'activated', tabId: 5, windowId: 1 },
      NOTHING,
    ],
    [
      'beside: a tab of another window comes to the front',
      BESIDE,
      5,
      { type: 'activated', tabId: 8, windowId: 3 },
      NOTHING,
    ],
    [
      'beside: another window is focused (it has its own panel)',
      BESIDE,
      5,
      { type: 'focused', windowId: 3 },
      NOTHING,
    ],
    [
      'beside: the first tab shown in a window with none yet',
      BESIDE,
      null,
      { type: 'activated', tabId: 6, windowId: 1 },
      { do: 'show', tabId: 6 },
    ],
    // The shown tab navigates: a new address, then its load finishes.
    [
      'the shown tab goes to a new address',
      BESIDE,
      5,
      { type: 'updated', tabId: 5, url: 'http://www.news.cn/b.html', status: 'loading' },
      { do: 'refresh' },
    ],
    [
      'the shown tab finishes loading',
      BESIDE,
      5,
      { type: 'updated', tabId: 5, status: 'complete' },
      { do: 'refresh' },
    ],
    [
      'the shown tab starts loading the same address',
      BESIDE,
      5,
      { type: 'updated', tabId: 5, status: 'loading' },
      NOTHING,
    ],
    [
      'another tab navigates',
      BESIDE,
      5,
      { type: 'updated', tabId: 6, url: 'http://www.news.cn/b.html' },
      NOTHING,
    ],
    [
      'a tab navigates while none is shown',
      IN_TAB,
      null,
      { type: 'updated', tabId: 6, status: 'complete' },
      NOTHING,
    ],
    // A page of its own: the tab the reader looks at, in any window, itself excepted.
    [
      'in a tab: a tab in another window comes to the front',
      IN_TAB,
      5,
      { type: 'activated', tabId: 8, windowId: 3 },
      { do: 'show', tabId: 8 },
    ],
    [
      'in a tab: a tab of its own window comes to the front',
      IN_TAB,
      5,
      { type: 'activated', tabId: 6, windowId: 2 },
      { do: 'show', tabId: 6 },
    ],
    [
      'in a tab: the panel itself comes to the front',
      IN_TAB,
      5,
      { type: 'activated', tabId: 99, windowId: 2 },
      NOTHING,
    ],
    [
      'in a tab: another window is focused',
      IN_TAB,
      5,
      { type: 'focused', windowId: 3 },
      { do: 'show-active', windowId: 3 },
    ],
    [
      "in a tab: the panel's own window is focused",
      IN_TAB,
      5,
      { type: 'focused', windowId: 2 },
      NOTHING,
    ],
    [
      'in a tab: focus leaves the browser',
      IN_TAB,
      5,
      { type: 'focused', windowId: NO_WINDOW },
      NOTHING,
    ],
  ];
  it.each(cases)('%s', (_, place, shown, event, step) => {
    expect(nextStep(place, shown, event)).toEqual(step);
  });

  it("starts beside a window on that window's active tab; as a page, on the last tab looked at", () => {
    expect(firstStep(BESIDE)).toEqual({ do: 'show-active', windowId: 1 });
    expect(firstStep(IN_TAB)).toEqual(NOTHING);
  });
});

describe('the tab looked at last (the panel opened as a page)', () => {
  const OWN = 'chrome-extension://abc';
  const cases: [string, { id?: number; url?: string; lastAccessed?: number }[], number | null][] = [
    [
      'the most recently accessed tab',
      [
        { id: 1, url: 'http://a/', lastAccessed: 10 },
        { id: 2, url: 'http://b/', lastAccessed: 30 },
        { id: 3, url: 'http://c/', lastAccessed: 20 },
      ],
      2,
    ],
    [
      'never the panel itself, though it is the latest',
      [
        { id: 1, url: 'http://a/', lastAccessed: 10 },
        { id: 99, url: `${OWN}/sidepanel.html`, lastAccessed: 50 },
      ],
      1,
    ],
    [
      'never another page of ours',
      [
        { id: 1, url: 'http://a/', lastAccessed: 10 },
        { id: 4, url: `${OWN}/popup.html`, lastAccessed: 40 },
      ],
      1,
    ],
    [
      'a tab whose address we may not see, when it is the latest',
      [
        { id: 1, url: 'http://a/', lastAccessed: 10 },
        { id: 5, lastAccessed: 40 },
      ],
      5,
    ],
    ['none but itself', [{ id: 99, url: `${OWN}/sidepanel.html`, lastAccessed: 50 }], null],
    [
      'tabs without an id are skipped',
      [
        { url: 'http://a/', lastAccessed: 70 },
        { id: 3, url: 'http://c/' },
      ],
      3,
    ],
  ];
  it.each(cases)('%s', (_, tabs, expected) => {
    expect(lastLookedAt(tabs, 99, OWN)).toBe(expected);
  });
});

describe('asking a page that has just loaded', () => {
  it('asks again after each delay while there is no answer, and stops at the first', async () => {
    const answers = [null, null, 'report', 'later'];
    const waited: number[] = [];
    const got = await untilAnswered(
      async () => answers.shift() ?? null,
      [300, 1000, 2000],
      async (ms) => {
        waited.push(ms);
      },
    );
    expect(got).toBe('report');
    expect(waited).toEqual([300, 1000]);
  });

  it('gives up with null when the page never answers', async () => {
    let asked = 0;
    const got = await untilAnswered(
      async () => {
        asked++;
        return null;
      },
      [300, 1000],
      async () => {},
    );
    expect(got).toBeNull();
    expect(asked).toBe(3);
  });

  it('does not wait when the first answer comes', async () => {
    const waited: number[] = [];
    expect(
      await untilAnswered(
        async () => 1,
        [300],
        async (ms) => void waited.push(ms),
      ),
    ).toBe(1);
    expect(waited).toEqual([]);
  });
});
