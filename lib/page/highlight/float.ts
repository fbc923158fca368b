import { place, type Placement } from './place';

/**
 * Keeps `el` (position: fixed) beside the rect `reference()` returns, through scrolling (of the
 * page or any scroller: capture listener) and resizing. Returns the cleanup.
 */
export function floatBeside(
  el: HTMLElement,
  reference: () => DOMRect,
  placement: Placement,
  onUpdate: (p: { referenceHidden: boolean }) => void,
  minHeight = 120,
): () => void {
  const win = el.ownerDocument.defaultView!;
  let frame = 0;
  let stopped = false;
  const update = () => {
    frame = 0;
    if (el.hidden) return;
    // Natural size: the content's full height plus borders, not the current (limited) height.
    const rect = el.getBoundingClientRect();
    const natural = el.scrollHeight + (el.offsetHeight - el.clientHeight);
    const p = place(
      reference(),
      { width: rect.width, height: natural },
      { width: win.innerWidth, height: win.innerHeight },
      placement,
      { minHeight },
    );
    el.style.maxHeight = `${p.maxHeight}px`;
    el.style.left = `${p.x}px`;
    el.style.top = `${p.y}px`;
    onUpdate(p);
  };
  const schedule = () => {
    if (!frame) frame = win.requestAnimationFrame(update);
  };
  // After the caller has rendered the content (it renders right after calling us): placing an
  // empty card first would put it, for a moment, under the pointer.
  win.queueMicrotask(() => {
    if (!stopped) update();
  });
  win.addEventListener('scroll', schedule, { capture: true, passive: true });
  win.addEventListener('resize', schedule, { passive: true });
  const resize = new win.ResizeObserver(schedule);
  resize.observe(el);
  return () => {
    stopped = true;
    if (frame) win.cancelAnimationFrame(frame);
    win.removeEventListener('scroll', schedule, { capture: true });
    win.removeEventListener('resize', schedule);
    resize.disconnect();
  };
}
