/**
 * A frame too small to hold readable text (tracking pixels, hidden and collapsed frames) is not
 * scanned until it grows: on many news pages most frames are such, and each would pay for a
 * matcher and a scan. The top document is always scanned.
 */
const MIN_FRAME_WIDTH = 80;
const MIN_FRAME_HEIGHT = 40;

export function worthScanning(f: { top: boolean; width: number; height: number }): boolean {
  return f.top || (f.width >= MIN_FRAME_WIDTH && f.height >= MIN_FRAME_HEIGHT);
}

/**
 * Runs `start` now, or once this frame is resized to a readable size. The top document is not
 * measured: reading `innerWidth` forces the page's style and layout at once, before its first
 * paint would have done them (bench, page E: about as much CPU as the rest of our start-up).
 */
export function whenReadable(win: Window, start: () => void): void {
  if (win.top === win) {
    start();
    return;
  }
  const check = () => worthScanning({ top: false, width: win.innerWidth, height: win.innerHeight });
  if (check()) {
    start();
    return;
  }
  const onResize = () => {
    if (!check()) return;
    win.removeEventListener('resize', onResize);
    start();
  };
  win.addEventListener('resize', onResize, { passive: true });
}
