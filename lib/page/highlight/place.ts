/**
 * Where to put a floating card beside a phrase: below or above its line (flipping to the side
 * with room), never over it, shifted to stay inside the viewport, and as tall as the room allows
 * (the card scrolls inside). Pure geometry over plain rects, so it is table-tested; the DOM side
 * is lib/page/content/float.ts. Hand-written rather than @floating-ui/dom: the content script
 * has a 40 KB budget and this is the part of floating-ui we used (~17 KB minified).
 */

export type Placement = 'bottom-start' | 'bottom-end' | 'top-start' | 'top-end';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placed {
  x: number;
  y: number;
  maxHeight: number;
  side: 'top' | 'bottom';
  /** The phrase is entirely outside the viewport (scrolled away). */
  referenceHidden: boolean;
}

export interface PlaceOptions {
  offset?: number;
  padding?: number;
  minHeight?: number;
}

export function place(
  ref: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  placement: Placement,
  { offset = 6, padding = 8, minHeight = 120 }: PlaceOptions = {},
): Placed {
  const below = viewport.height - ref.bottom - offset - padding;
  const above = ref.top - offset - padding;
  const preferBottom = placement.startsWith('bottom');
  const [first, second] = preferBottom ? [below, above] : [above, below];
  let bottom: boolean;
  if (first >= size.height) bottom = preferBottom;
  else if (second >= size.height) bottom = !preferBottom;
  else bottom = below >= above;
  const room = bottom ? below : above;
  const maxHeight = Math.max(minHeight, room);
  const height = Math.min(size.height, maxHeight);
  const y = bottom ? ref.bottom + offset : ref.top - offset - height;
  const start = placement.endsWith('start');
  let x = start ? ref.left : ref.right - size.width;
  x = Math.min(x, viewport.width - padding - size.width);
  x = Math.max(x, padding);
  const referenceHidden =
    ref.bottom < 0 || ref.top > viewport.height || ref.right < 0 || ref.left > viewport.width;
  return { x, y, maxHeight, side: bottom ? 'bottom' : 'top', referenceHidden };
}
