/**
 * The URL a note is filed under, so that the same article meets its notes again however it was
 * reached: from a WeChat share (`?from=singlemessage&isappinstalled=0`), a Taobao-style `spm`
 * trail, an ad click (`gclid`, `utm_*`), an in-page link (`#fragment`) or its mobile twin
 * (`m.` / `www.`, joined only through the page's own `<link rel=canonical>`: guessing that two
 * hosts serve the same page is how annotations end up on the wrong article).
 */

/** Query parameters that identify a visit, not a document. Matched case-insensitively. */
const TRACKING_PARAMS = new Set([
  // Ads and analytics.
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'vero_id',
  'ref_src',
  'ref_url',
  // Alibaba / Taobao "super position model" trails, also used by many Chinese portals.
  'spm',
  'scm',
  // WeChat, Weibo, QQ and app shares.
  'from',
  'isappinstalled',
  'scene',
  'clicktime',
  'enterid',
  'sharer_sharetime',
  'sharer_shareid',
  'share_token',
  'share_source',
  'share_medium',
  'share_from',
  'share_plat',
  'share_tag',
  'share_app_id',
  'shareid',
  'sharefrom',
  'sharesource',
  'wxshare_count',
  'wxfrom',
  'tt_from',
  'tt_medium',
  'timestamp',
  'ivk_sa',
  'sns',
]);

const TRACKING_PREFIXES = ['utm_', 'share_', 'pk_', 'hmsr', 'hmpl', 'hmcu', 'hmkw', 'hmci'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * The normalised form of `href`: no fragment, no tracking parameters, the remaining parameters
 * sorted, no trailing slash on a non-root path. When the page names a canonical URL, that is
 * normalised instead, unless it points at the site's root from a deeper page (a common CMS
 * misconfiguration that would file every article's notes under the home page).
 */
export function normalizePageUrl(href: string, canonical?: string | null): string {
  const page = parse(href);
  if (!page) return href.split('#')[0]!;
  const canon = canonical ? parse(canonical, page.href) : null;
  const useCanon =
    canon !== null &&
    (canon.protocol === 'http:' || canon.protocol === 'https:') &&
    !(canon.pathname === '/' && !canon.search && page.pathname !== '/');
  return clean(useCanon ? canon : page);
}

function parse(href: string, base?: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

function clean(u: URL): string {
  const url = new URL(u.href);
  url.hash = '';
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const kept = [...url.searchParams].filter(([k]) => !isTrackingParam(k));
    // Stable order: sort by name only, so repeated names keep their relative order.
    kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    url.search = '';
    for (const [k, v] of kept) url.searchParams.append(k, v);
    if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
      url.pathname = url.pathname.replace(/\/+$/, '') || '/';
    }
  }
  // `new URL('http://a/b?').href` keeps a bare "?"; drop it.
  return url.href.replace(/\?$/, '');
}

/**
 * `u` (against `base`) when it is an http(s) URL, else null: the only pages a note is made on
 * or opened at. A `javascript:` or `data:` URL in a note would run script when the reader clicks
 * "open".
 */
export function webUrl(u: string, base?: string): URL | null {
  const p = parse(u, base);
  return p && (p.protocol === 'http:' || p.protocol === 'https:') ? p : null;
}

export function isWebUrl(u: string): boolean {
  return webUrl(u) !== null;
}

/** "www.people.cn" and "m.people.cn" → "people.cn"; "" for a URL that does not parse. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^(?:www|m|wap)\./, '');
  } catch {
    return '';
  }
}
