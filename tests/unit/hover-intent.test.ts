import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from '../../lib/page/hover/hover-intent';

// The content script's timings (lib/page/content/hover.ts).
const SHOW = 250;
const SWITCH = 80;
const HIDE = 300;

type Key = 'A' | 'B';

function make(delays: { show?: number; switch?: number; hide?: number } = {}) {
  const log: string[] = [];
  const intent = new HoverIntent<Key>({
    showDelay: delays.show ?? SHOW,
    switchDelay: delays.switch ?? SWITCH,
    hideDelay: delays.hide ?? HIDE,
    show: (k) => log.push(`show ${k}`),
    hide: () => log.push('hide'),
    setTimer: (fn, ms) => setTimeout(fn, ms) as unknown as number,
    clearTimer: (id) => clearTimeout(id),
  });
  return { intent, log };
}

const wait = (ms: number) => vi.advanceTimersByTime(ms);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A script of pointer events and waits, and the show/hide calls expected after it. */
type Step = ['over', Key | null] | ['tooltip'] | ['dismiss'] | ['wait', number];
const run = (steps: Step[]) => {
  const { intent, log } = make();
  for (const s of steps) {
    if (s[0] === 'over') intent.over(s[1]);
    else if (s[0] === 'tooltip') intent.overTooltip();
    else if (s[0] === 'dismiss') intent.dismiss();
    else wait(s[1]);
  }
  return { log, current: intent.current };
};

describe('HoverIntent', () => {
  it.each([
    ['rested 0 ms: the whole delay', 0, SHOW],
    ['rested 200 ms while the UI loaded: the rest of it', 200, SHOW - 200],
    ['rested longer than the delay: at once', 400, 0],
  ])('counts time already rested off the delay (%s)', (_name, rested, after) => {
    const { intent, log } = make();
    intent.over('A', rested);
    if (after > 0) {
      wait(after - 1);
      expect(log).toEqual([]);
    }
    wait(1);
    expect(log).toEqual(['show A']);
  });

  it.each<[string, Step[], string[], Key | null]>([
    [
      'nothing before the delay',
      [
        ['over', 'A'],
        ['wait', SHOW - 1],
      ],
      [],
      null,
    ],
    [
      'show after the delay',
      [
        ['over', 'A'],
        ['wait', SHOW],
      ],
      ['show A'],
      'A',
    ],
    [
      'resting (repeated over) does not restart the delay',
      [
        ['over', 'A'],
        ['wait', 100],
        ['over', 'A'],
        ['wait', 100],
        ['over', 'A'],
        ['wait', SHOW - 200],
      ],
      ['show A'],
      'A',
    ],
    [
      'moving off before the delay cancels',
      [
        ['over', 'A'],
        ['wait', SHOW - 1],
        ['over', null],
        ['wait', 10 * SHOW],
      ],
      [],
      null,
    ],
    [
      'moving to another phrase before the delay restarts it for that phrase',
      [
        ['over', 'A'],
        ['wait', 200],
        ['over', 'B'],
        ['wait', SHOW - 1],
      ],
      [],
      null,
    ],
    [
      '… and shows that phrase after its own delay',
      [
        ['over', 'A'],
        ['wait', 200],
        ['over', 'B'],
        ['wait', SHOW],
      ],
      ['show B'],
      'B',
    ],
    [
      'grace period: still open just before hideDelay',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', HIDE - 1],
      ],
      ['show A'],
      'A',
    ],
    [
      'hides after hideDelay',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', HIDE],
      ],
      ['show A', 'hide'],
      null,
    ],
    [
      'repeated leaving does not restart the grace period',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', 200],
        ['over', null],
        ['wait', HIDE - 200],
      ],
      ['show A', 'hide'],
      null,
    ],
    [
      'coming back during the grace period keeps it open',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', 200],
        ['over', 'A'],
        ['wait', 10 * HIDE],
      ],
      ['show A'],
      'A',
    ],
    [
      'overTooltip during the grace period keeps it open',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', 200],
        ['tooltip'],
        ['wait', 10 * HIDE],
      ],
      ['show A'],
      'A',
    ],
    [
      'leaving the tooltip starts the grace period again',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['tooltip'],
        ['wait', 1000],
        ['over', null],
        ['wait', HIDE],
      ],
      ['show A', 'hide'],
      null,
    ],
    [
      'switching between two keys uses switchDelay',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', 'B'],
        ['wait', SWITCH - 1],
      ],
      ['show A'],
      'A',
    ],
    [
      '… and switches without a hide in between',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', 'B'],
        ['wait', SWITCH],
      ],
      ['show A', 'show B'],
      'B',
    ],
    [
      'switching across a gap (A, nothing, B) within the grace period',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', 50],
        ['over', 'B'],
        ['wait', 10 * HIDE],
      ],
      ['show A', 'show B'],
      'B',
    ],
    [
      'switching back and forth',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', 'B'],
        ['wait', SWITCH],
        ['over', 'A'],
        ['wait', SWITCH],
      ],
      ['show A', 'show B', 'show A'],
      'A',
    ],
    [
      'moving to B and back to A before the switch: stays on A',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', 'B'],
        ['wait', SWITCH - 10],
        ['over', 'A'],
        ['wait', 1000],
      ],
      ['show A'],
      'A',
    ],
    [
      'overTooltip cancels a pending switch',
      [['over', 'A'], ['wait', SHOW], ['over', 'B'], ['tooltip'], ['wait', 1000]],
      ['show A'],
      'A',
    ],
    [
      'dismiss hides at once',
      [['over', 'A'], ['wait', SHOW], ['dismiss']],
      ['show A', 'hide'],
      null,
    ],
    [
      'after dismiss the same key stays muted while the pointer stays on it',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['dismiss'],
        ['over', 'A'],
        ['wait', 10 * SHOW],
        ['over', 'A'],
        ['wait', 10 * SHOW],
      ],
      ['show A', 'hide'],
      null,
    ],
    [
      '… until the pointer leaves it',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['dismiss'],
        ['over', 'A'],
        ['over', null],
        ['over', 'A'],
        ['wait', SHOW],
      ],
      ['show A', 'hide', 'show A'],
      'A',
    ],
    [
      'after dismiss another key shows normally (after the show delay)',
      [['over', 'A'], ['wait', SHOW], ['dismiss'], ['over', 'B'], ['wait', SHOW - 1]],
      ['show A', 'hide'],
      null,
    ],
    [
      '… and then shows it',
      [['over', 'A'], ['wait', SHOW], ['dismiss'], ['over', 'B'], ['wait', SHOW]],
      ['show A', 'hide', 'show B'],
      'B',
    ],
    [
      'dismiss before the tooltip shows cancels and mutes the pending key',
      [
        ['over', 'A'],
        ['wait', 100],
        ['dismiss'],
        ['wait', 10 * SHOW],
        ['over', 'A'],
        ['wait', 10 * SHOW],
      ],
      [],
      null,
    ],
    [
      'dismiss with nothing open does nothing',
      [['dismiss'], ['over', 'A'], ['wait', SHOW]],
      ['show A'],
      'A',
    ],
    [
      'dismiss during the grace period hides at once, no second hide later',
      [
        ['over', 'A'],
        ['wait', SHOW],
        ['over', null],
        ['wait', 100],
        ['dismiss'],
        ['wait', 10 * HIDE],
      ],
      ['show A', 'hide'],
      null,
    ],
  ])('%s', (_name, steps, log, current) => {
    const r = run(steps);
    expect(r.log).toEqual(log);
    expect(r.current).toBe(current);
  });

  it('setShowDelay changes the delay of the next show', () => {
    const { intent, log } = make();
    intent.setShowDelay(600);
    intent.over('A');
    wait(599);
    expect(log).toEqual([]);
    wait(1);
    expect(log).toEqual(['show A']);
  });

  it('clears every timer it no longer needs', () => {
    const { intent } = make();
    intent.over('A');
    wait(SHOW);
    intent.over(null);
    intent.over('A');
    intent.over('B');
    intent.overTooltip();
    intent.dismiss();
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ['with the content script’s delays, B reached late in the grace period', {}, 250],
    ['with a grace period shorter than the switch delay', { switch: 200, hide: 100 }, 50],
  ])('A, a gap, then resting on B shows B: %s', (_name, delays, gap) => {
    // The pointer leaves A, crosses a gap and stops on B before the grace period ends; no
    // further pointer events arrive. The pending switch to B must survive the hide of A.
    const { intent, log } = make(delays);
    intent.over('A');
    wait(SHOW);
    intent.over(null);
    wait(gap);
    intent.over('B');
    wait(2000);
    expect(log.at(-1)).toBe('show B');
    expect(intent.current).toBe('B');
  });
});
