import { describe, expect, it } from 'vitest';
import {
  isKeyboardSelection,
  KEY_SELECTION_WINDOW_MS,
} from '../../lib/page/content/keyboard-selection';

describe('isKeyboardSelection: a selection change is the reader’s only right after a key press', () => {
  it.each([
    {
      lastKeyAt: -Infinity,
      changedAt: 500,
      want: false,
      why: 'no key pressed yet (the page selected from script)',
    },
    { lastKeyAt: 100, changedAt: 100, want: true, why: 'the key press that made it' },
    { lastKeyAt: 100, changedAt: 140, want: true, why: 'Shift+ArrowRight, a moment later' },
    {
      lastKeyAt: 100,
      changedAt: 100 + KEY_SELECTION_WINDOW_MS,
      want: true,
      why: 'at the window’s end',
    },
    {
      lastKeyAt: 100,
      changedAt: 101 + KEY_SELECTION_WINDOW_MS,
      want: false,
      why: 'a script, long after the last key',
    },
    { lastKeyAt: 900, changedAt: 800, want: false, why: 'a change before the key press' },
  ])('$why → $want', ({ lastKeyAt, changedAt, want }) => {
    expect(isKeyboardSelection(lastKeyAt, changedAt)).toBe(want);
  });
});
