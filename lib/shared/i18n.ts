import { browser } from 'wxt/browser';

/**
 * UI strings come from public/_locales (zh_CN and en), chosen by the browser's language. The key
 * itself is returned when a string is missing, so a gap shows up in review instead of as a blank.
 */
export function t(key: string, substitutions?: string | string[]): string {
  // WXT types the keys from the locale files; keys built at run time (category labels) need
  // the untyped signature.
  const get = browser.i18n.getMessage.bind(browser.i18n) as (
    k: string,
    s?: string | string[],
  ) => string;
  try {
    return get(key, substitutions) || key;
  } catch {
    return key; // unit tests' fake browser has no locale files
  }
}
