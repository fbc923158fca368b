import { getDomain } from 'tldts';
import { normalizePageUrl, webUrl } from './url';

/**
 * Which note URLs a page may see, decided in the background from the sender's own URL (never
 * from what a message claims). A `<link rel=canonical>` the page names counts only when it is
 * on the same site — the same registrable domain by the Public Suffix List, private suffixes
 * included (foo.github.io and bar.github.io are two sites) — because a page controls its
 * canonical: any origin could otherwise name another site's article and read its notes.
 */

/** The registrable domain of `url`'s host ("" when it has none: an IP, localhost, junk). */
function registrableDomain(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return '';
  }
  return getDomain(host, { allowPrivateDomains: true }) ?? '';
}

/** True when both URLs are http(s) and on one site (one registrable domain, or one host). */
export function sameSite(a: string, b: string): boolean {
  const ua = webUrl(a);
  const ub = webUrl(b);
  if (!ua || !ub) return false;
  const da = registrableDomain(ua.href);
  const db = registrableDomain(ub.href);
  // No registrable domain (an IP address, localhost): only the very same host is one site.
  if (!da || !db) return ua.hostname === ub.hostname;
  return da === db;
}

export interface PageScope {
  /** The URL a note made on this page is filed under. */
  fileUnder: string;
  /** Every URL whose notes this page may read and edit. */
  urls: string[];
}

/**
 * The scope of a content script whose frame is at `senderUrl` and whose page names
 * `canonical`. Null for a page that is not http(s): notes are only ever made on web pages.
 */
export function pageScope(
  senderUrl: string,
  canonical: string | null | undefined,
): PageScope | null {
  if (!webUrl(senderUrl)) return null;
  const own = normalizePageUrl(senderUrl, null);
  const canon = canonical ? webUrl(canonical, senderUrl) : null;
  if (!canon || !sameSite(canon.href, senderUrl)) return { fileUnder: own, urls: [own] };
  const filed = normalizePageUrl(senderUrl, canon.href);
  return { fileUnder: filed, urls: filed === own ? [own] : [filed, own] };
}
