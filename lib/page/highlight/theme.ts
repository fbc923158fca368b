/** Parses `rgb(…)`/`rgba(…)` as returned by getComputedStyle; null for transparent or unknown. */
export function parseRgb(css: string): [number, number, number] | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(css);
  if (!m) return null;
  if (m[4] !== undefined) {
    const a = m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    if (a < 0.5) return null;
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Whether the page behind `el` is dark: the first opaque background up the tree decides. */
export function isDarkBehind(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  for (let n: Element | null = el; n; n = n.parentElement) {
    const rgb = parseRgb(view.getComputedStyle(n).backgroundColor);
    if (rgb) return luminance(rgb) < 0.2;
  }
  // No background anywhere: the canvas colour follows the page's color-scheme.
  return (
    view.matchMedia('(prefers-color-scheme: dark)').matches &&
    view.getComputedStyle(el.ownerDocument.documentElement).colorScheme.includes('dark')
  );
}
