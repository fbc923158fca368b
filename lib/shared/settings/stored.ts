import { browser } from 'wxt/browser';

/**
 * One parsed value under one key of extension storage: the reader's settings (sync), the
 * reading log's (local). Read and saved through its parser, so what is stored is always a
 * value the parser accepts and a malformed one reads as its defaults.
 */
type Area = 'sync' | 'local';
type Parse<T> = (raw: unknown) => T;

export async function loadStored<T>(area: Area, key: string, parse: Parse<T>): Promise<T> {
  const got: Record<string, unknown> = await browser.storage[area].get(key);
  return parse(got[key]);
}

export async function saveStored<T>(
  area: Area,
  key: string,
  parse: Parse<T>,
  patch: Partial<T>,
): Promise<T> {
  const next = parse({ ...(await loadStored(area, key, parse)), ...patch });
  await browser.storage[area].set({ [key]: next });
  return next;
}

export function onStoredChanged<T>(
  area: Area,
  key: string,
  parse: Parse<T>,
  fn: (value: T) => void,
): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, changed: string) => {
    if (changed === area && changes[key]) fn(parse(changes[key].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
