/**
 * How long after a key press the selection changes that it made are taken as the reader's:
 * Shift+arrows, Shift+End, Ctrl+A change it at once (key repeat brings new key presses).
 */
export const KEY_SELECTION_WINDOW_MS = 1000;

/** What of a key press tells whether it can change the selection. */
export interface KeyPress {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const MOVES = /^(Arrow(Left|Right|Up|Down)|Home|End|PageUp|PageDown)$/;

/**
 * Whether a key press can change the selection: Shift with a move (arrows, Home, End, Page
 * Up/Down, with or without Ctrl/Alt/Cmd for words and lines), or select-all (Ctrl+A, Cmd+A).
 * Other keys (Space or arrows to scroll, typing in the page's own fields) open no window: the
 * page hears them first and could select from script within it.
 */
export function selectsText(k: KeyPress): boolean {
  if (k.shiftKey && MOVES.test(k.key)) return true;
  // Select-all by the key's place (other scripts' layouts) or by its letter (AZERTY puts A
  // where US has Q); not with Alt: on Windows AltGr is Ctrl+Alt, and AltGr+A types a letter.
  return (
    (k.ctrlKey || k.metaKey) && !k.altKey && (k.code === 'KeyA' || k.key.toLowerCase() === 'a')
  );
}

/**
 * Whether a selection change handled at `changedAt` was made with the keyboard: it follows a
 * trusted selecting key press (at `lastKeyAt`, the same clock) within the window. A page can
 * change the selection from script, and the selectionchange the browser then fires is trusted
 * all the same; left to drive us, it would load our UI at the page's will, and how fast the
 * "Add note" button then came (the UI already there or not) would tell the page whether it has
 * notes.
 */
export function isKeyboardSelection(lastKeyAt: number, changedAt: number): boolean {
  return changedAt >= lastKeyAt && changedAt - lastKeyAt <= KEY_SELECTION_WINDOW_MS;
}

/**
 * Calls `fn` on each selection change the reader makes with the keyboard (selections made with
 * the pointer are seen at pointerup). A key event's time stamp is on performance.now()'s clock.
 */
export function onKeyboardSelection(win: Window, fn: () => void): void {
  let lastKeyAt = -Infinity;
  // On the window, capturing: the earliest place a content script can listen (a page that
  // stops the event before it only turns keyboard notes off; it learns nothing).
  win.addEventListener(
    'keydown',
    (e) => {
      if (e.isTrusted && selectsText(e)) lastKeyAt = e.timeStamp;
    },
    { capture: true, passive: true },
  );
  win.document.addEventListener('selectionchange', (e) => {
    // Timed as it is handled: the browser coalesces the changes of several key presses into one
    // event, stamped when the first of them queued it, before the later presses.
    if (e.isTrusted && isKeyboardSelection(lastKeyAt, performance.now())) fn();
  });
}
