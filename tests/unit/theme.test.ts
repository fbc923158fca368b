import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDarkBehind, luminance, parseRgb } from '../../lib/page/highlight/theme';

describe('parseRgb', () => {
  it.each<[string, [number, number, number] | null]>([
    ['rgb(0, 0, 0)', [0, 0, 0]],
    ['rgb(255, 255, 255)', [255, 255, 255]],
    ['rgb(12,34,56)', [12, 34, 56]],
    ['rgb(12 34 56)', [12, 34, 56]],
    ['rgb(12.5, 34, 56)', [12.5, 34, 56]],
    ['rgba(10, 20, 30, 1)', [10, 20, 30]],
    ['rgba(10, 20, 30, 0.5)', [10, 20, 30]],
    ['rgba(10, 20, 30, 0.49)', null],
    ['rgba(0, 0, 0, 0)', null],
    ['rgb(10 20 30 / 80%)', [10, 20, 30]],
    ['rgb(10 20 30 / 50%)', [10, 20, 30]],
    ['rgb(10 20 30 / 20%)', null],
    ['rgb(10 20 30 / 0.3)', null],
    ['transparent', null],
    ['', null],
    ['#000000', null],
    ['color(srgb 0 0 0)', null],
    ['rgb(0, 0)', null],
  ])('%j → %j', (css, expected) => {
    expect(parseRgb(css)).toEqual(expected);
  });
});

describe('luminance', () => {
  it.each<[[number, number, number], number]>([
    [[0, 0, 0], 0],
    [[255, 255, 255], 1],
    [[255, 0, 0], 0.2126],
    [[0, 255, 0], 0.7152],
    [[0, 0, 255], 0.0722],
    [[128, 128, 128], 0.2158605],
  ])('%j → %f', (rgb, expected) => {
    expect(luminance(rgb)).toBeCloseTo(expected, 5);
  });

  it('grows with every channel', () => {
    for (let c = 1; c <= 255; c++) {
      expect(luminance([c, c, c])).toBeGreaterThan(luminance([c - 1, c - 1, c - 1]));
    }
  });
});

describe('isDarkBehind', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.documentElement.removeAttribute('style');
    document.body.innerHTML = '';
  });

  it.each([
    ['black parent', '<div style="background-color: rgb(0, 0, 0)"><p id="t">x</p></div>', true],
    [
      'white parent',
      '<div style="background-color: rgb(255, 255, 255)"><p id="t">x</p></div>',
      false,
    ],
    ['dark grey', '<div style="background-color: rgb(40, 40, 40)"><p id="t">x</p></div>', true],
    [
      'mid grey is light',
      '<div style="background-color: rgb(128, 128, 128)"><p id="t">x</p></div>',
      false,
    ],
    [
      'own background decides',
      '<div style="background-color: rgb(0, 0, 0)"><p id="t" style="background-color: rgb(250, 250, 250)">x</p></div>',
      false,
    ],
    [
      'a translucent layer is skipped',
      '<div style="background-color: rgb(0, 0, 0)"><p id="t" style="background-color: rgba(255, 255, 255, 0.1)">x</p></div>',
      true,
    ],
    [
      'the nearest opaque ancestor',
      '<section style="background-color: rgb(255, 255, 255)"><div style="background-color: rgb(10, 10, 10)"><span><b id="t">x</b></span></div></section>',
      true,
    ],
  ])('%s', (_name, html, expected) => {
    document.body.innerHTML = html;
    expect(isDarkBehind(document.getElementById('t')!)).toBe(expected);
  });

  it.each([
    ['no background, light scheme', false, 'dark', false],
    ['no background, dark preference but page not opted in', true, 'normal', false],
    ['no background, page light only', true, 'light', false],
    ['no background, dark preference and page opts in', true, 'light dark', true],
    ['no background, page dark, preference light', false, 'dark', false],
  ])('%s', (_name, prefersDark, scheme, expected) => {
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (q: string) => ({ matches: q.includes('dark') && prefersDark, media: q }) as MediaQueryList,
    );
    document.documentElement.style.colorScheme = scheme;
    document.body.innerHTML = '<p id="t">x</p>';
    expect(isDarkBehind(document.getElementById('t')!)).toBe(expected);
  });

  it('an element of a document without a window is not dark', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML = '<p style="background-color: rgb(0, 0, 0)">x</p>';
    expect(isDarkBehind(doc.querySelector('p')!)).toBe(false);
  });
});
