import { describe, expect, it } from 'vitest';
import { menuButtonKey, menuKey } from '../../lib/shared/menu-keys';

describe('menuKey', () => {
  it.each([
    ['ArrowDown', 0, 4, { focus: 1 }],
    ['ArrowDown', 3, 4, { focus: 0 }],
    ['ArrowUp', 0, 4, { focus: 3 }],
    ['ArrowUp', 2, 4, { focus: 1 }],
    ['Home', 2, 4, { focus: 0 }],
    ['End', 0, 4, { focus: 3 }],
    ['Escape', 1, 4, { close: true, returnFocus: true }],
    ['Tab', 1, 4, { close: true, returnFocus: false }],
    ['a', 1, 4, null],
    ['ArrowDown', 0, 0, null],
    ['Escape', 0, 0, { close: true, returnFocus: true }],
  ] as const)('%s at %i of %i', (key, index, count, out) => {
    expect(menuKey(key, index, count)).toEqual(out);
  });
});

describe('menuButtonKey', () => {
  it.each([
    ['ArrowDown', 4, { open: 0 }],
    ['Enter', 4, { open: 0 }],
    [' ', 4, { open: 0 }],
    ['ArrowUp', 4, { open: 3 }],
    ['x', 4, null],
  ] as const)('%j', (key, count, out) => {
    expect(menuButtonKey(key, count)).toEqual(out);
  });
});
