/**
 * The keys held down in this document. The note frame asks its page to remove it only once they
 * are up: removed with Ctrl or Enter still down (Ctrl+Enter saves), their keyup would land in
 * the page, which would learn that the reader just finished a note.
 */
export function trackHeldKeys(win: Window, maxWaitMs = 1000): () => Promise<void> {
  const held = new Set<string>();
  let waiting: (() => void)[] = [];
  const release = () => {
    const w = waiting;
    waiting = [];
    for (const done of w) done();
  };
  win.addEventListener('keydown', (e) => held.add(e.code || e.key), true);
  win.addEventListener(
    'keyup',
    (e) => {
      held.delete(e.code || e.key);
      if (held.size === 0) release();
    },
    true,
  );
  win.addEventListener('blur', () => {
    held.clear();
    release();
  });
  return () =>
    held.size === 0
      ? Promise.resolve()
      : new Promise<void>((done) => {
          waiting.push(done);
          // A key held on and on (or a keyup the browser never sent) does not keep it open.
          win.setTimeout(done, maxWaitMs);
        });
}
