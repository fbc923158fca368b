/**
 * The sites Policy Lens runs on without being asked. Each covers the domain and all subdomains
 * (match pattern `*://*.domain/*`). Any other page is scanned on demand through activeTab.
 */
export const DEFAULT_SITES = [
  'people.cn',
  'people.com.cn',
  'xinhuanet.com',
  'news.cn',
  'gov.cn',
  'qstheory.cn',
  'gmw.cn',
  'chinadaily.com.cn',
  'cctv.com',
  'cgtn.com',
  'ecns.cn',
  'chinanews.com.cn',
  'youth.cn',
  'ce.cn',
  'china.com.cn',
] as const;

export function matchPatternsFor(domains: readonly string[]): string[] {
  return domains.map((d) => `*://*.${d}/*`);
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostInDomain(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === domain || h.endsWith(`.${domain}`);
}
