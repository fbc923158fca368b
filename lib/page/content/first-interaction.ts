const EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `fn` once, at the first trusted pointer, key, wheel, touch or scroll event of the
 * document (made-up events do not count). Listeners are passive and removed after it.
 */
export function onFirstInteraction(win: Window, fn: () => void): void {
  const opts = { capture: true, passive: true } as const;
  const handler = (e: Event) => {
    if (!e.isTrusted) return;
    for (const type of EVENTS) win.removeEventListener(type, handler, opts);
    fn();
  };
  for (const type of EVENTS) win.addEventListener(type, handler, opts);
}
