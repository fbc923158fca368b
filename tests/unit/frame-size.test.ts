import { describe, expect, it } from 'vitest';
import { worthScanning } from '../../lib/page/content/frame-size';

describe('which frames are scanned', () => {
  it.each([
    ['the top document, however small', { top: true, width: 0, height: 0 }, true],
    ['a tracking pixel', { top: false, width: 1, height: 1 }, false],
    ['a hidden frame (display: none)', { top: false, width: 0, height: 0 }, false],
    ['a thin banner', { top: false, width: 728, height: 20 }, false],
    ['a narrow strip', { top: false, width: 40, height: 600 }, false],
    ['a small box of text', { top: false, width: 80, height: 40 }, true],
    ['an embedded article', { top: false, width: 800, height: 1200 }, true],
  ])('%s: %s', (_name, frame, expected) => {
    expect(worthScanning(frame)).toBe(expected);
  });
});
