import { describe, expect, it } from 'vitest';
import { place, type Placement } from '../../lib/page/highlight/place';

const VP = { width: 1000, height: 800 };
const box = (left: number, top: number, width = 100, height = 20) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('place', () => {
  it.each<
    [
      string,
      ReturnType<typeof box>,
      { width: number; height: number },
      Placement,
      Partial<ReturnType<typeof place>>,
    ]
  >([
    [
      'below when there is room',
      box(100, 100),
      { width: 300, height: 200 },
      'bottom-start',
      { x: 100, y: 126, side: 'bottom' },
    ],
    [
      'flips above near the bottom',
      box(100, 700),
      { width: 300, height: 200 },
      'bottom-start',
      { y: 494, side: 'top' },
    ],
    [
      'above when asked and there is room',
      box(100, 500),
      { width: 300, height: 200 },
      'top-start',
      { y: 294, side: 'top' },
    ],
    [
      'flips below near the top',
      box(100, 50),
      { width: 300, height: 200 },
      'top-start',
      { y: 76, side: 'bottom' },
    ],
    [
      'shifted left to stay inside',
      box(900, 100),
      { width: 300, height: 100 },
      'bottom-start',
      { x: 692 },
    ],
    ['end-aligned', box(500, 100), { width: 300, height: 100 }, 'bottom-end', { x: 300 }],
    ['never past the left edge', box(2, 100), { width: 300, height: 100 }, 'bottom-end', { x: 8 }],
    [
      'too tall for either side: the roomier side, height limited',
      box(100, 300),
      { width: 300, height: 900 },
      'bottom-start',
      { side: 'bottom', y: 326, maxHeight: 466 },
    ],
    [
      'scrolled away',
      box(100, -60),
      { width: 300, height: 100 },
      'bottom-start',
      { referenceHidden: true },
    ],
  ])('%s', (_name, ref, size, placement, expected) => {
    expect(place(ref, size, VP, placement)).toMatchObject(expected);
  });

  it('never covers the phrase', () => {
    for (let top = 0; top < 780; top += 37) {
      for (const height of [50, 300, 900]) {
        const ref = box(100, top);
        const p = place(ref, { width: 300, height }, VP, 'bottom-start');
        const h = Math.min(height, p.maxHeight);
        const overlaps = p.y < ref.bottom && p.y + h > ref.top;
        expect(overlaps).toBe(false);
      }
    }
  });
});
