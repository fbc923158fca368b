/** The page's language (set from the browser's UI language by the entry point). */
function uiLocale(): string {
  return document.documentElement.lang || 'en';
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(kind: 'day' | 'time'): Intl.DateTimeFormat {
  const key = `${uiLocale()}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      uiLocale(),
      kind === 'day' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
    cache.set(key, f);
  }
  return f;
}

export function formatDay(ms: number): string {
  return fmt('day').format(ms);
}

export function formatDateTime(ms: number): string {
  return fmt('time').format(ms);
}

/** 10000 → "10,000" / "10,000" in the reader's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString(uiLocale());
}
