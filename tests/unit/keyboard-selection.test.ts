import { describe, expect, it } from 'vitest';
import {
  isKeyboardSelection,
  KEY_SELECTION_WINDOW_MS,
  selectsText,
  type KeyPress,
} from '../../lib/page/content/keyboard-selection';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: key.length === 1 ? `Key${key.toUpperCase()}` : key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('selectsText: only keys that can change the selection open the window', () => {
  it.each([
    { k: press('ArrowRight', { shiftKey: true }), want: true, why: 'Shift+ArrowRight' },
    {
      k: press('ArrowLeft', { shiftKey: true, ctrlKey: true }),
      want: true,
      why: 'Ctrl+Shift+ArrowLeft (a word)',
    },
    { k: press('End', { shiftKey: true }), want: true, why: 'Shift+End' },
    { k: press('PageDown', { shiftKey: true }), want: true, why: 'Shift+PageDown' },
    { k: press('a', { ctrlKey: true }), want: true, why: 'Ctrl+A' },
    { k: press('a', { metaKey: true }), want: true, why: 'Cmd+A' },
    {
      k: press('ф', { ctrlKey: true, code: 'KeyA' }),
      want: true,
      why: 'Ctrl+A on another layout (by code)',
    },
    {
      k: press('a', { ctrlKey: true, code: 'KeyQ' }),
      want: true,
      why: 'Ctrl+A on AZERTY (A where US has Q)',
    },
    {
      k: press('ą', { ctrlKey: true, altKey: true, code: 'KeyA' }),
      want: false,
      why: 'AltGr+A typing ą (Ctrl+Alt on Windows)',
    },
    {
      k: press('ArrowUp', { shiftKey: true, metaKey: true }),
      want: true,
      why: 'Cmd+Shift+ArrowUp (to the start)',
    },
    { k: press('ArrowDown'), want: false, why: 'ArrowDown alone (scrolls)' },
    { k: press(' '), want: false, why: 'Space (scrolls)' },
    { k: press('Tab'), want: false, why: 'Tab' },
    {
      k: press('A', { shiftKey: true }),
      want: false,
      why: 'typing a capital in the page’s own field',
    },
    { k: press('Shift', { shiftKey: true }), want: false, why: 'Shift alone' },
    { k: press('a'), want: false, why: 'typing a letter' },
  ])('$why → $want', ({ k, want }) => {
    expect(selectsText(k)).toBe(want);
  });
});

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
    { lastKeyAt: 900, changedAt: 800, want: false, why: 'handled before the key press' },
  ])('$why → $want', ({ lastKeyAt, changedAt, want }) => {
    expect(isKeyboardSelection(lastKeyAt, changedAt)).toBe(want);
  });
});
