import { hostInDomain } from '../sites';

/** The outlets behind the default sites, by domain: how a citation names a site. */
const OUTLETS: readonly [domain: string, name: string][] = [
  ['people.cn', '人民网'],
  ['people.com.cn', '人民网'],
  ['xinhuanet.com', '新华网'],
  ['news.cn', '新华网'],
  ['gov.cn', '中国政府网'],
  ['qstheory.cn', '求是网'],
  ['gmw.cn', '光明网'],
  ['chinadaily.com.cn', 'China Daily'],
  ['cctv.com', '央视网'],
  ['cgtn.com', 'CGTN'],
  ['ecns.cn', 'ECNS'],
  ['chinanews.com.cn', '中国新闻网'],
  ['youth.cn', '中国青年网'],
  ['ce.cn', '中国经济网'],
  ['china.com.cn', '中国网'],
];

/** The outlet's name for a page's host, or the host itself (without "www.") when unknown. */
export function outletOf(host: string): string {
  const h = host.toLowerCase();
  // Longest domain first: en.people.cn is people.cn, not a shorter suffix of it.
  const hit = [...OUTLETS]
    .sort((a, b) => b[0].length - a[0].length)
    .find(([d]) => hostInDomain(h, d));
  return hit ? hit[1] : h.replace(/^www\./, '');
}

/** "人民日报 People's Daily" → its Chinese and English names (either may be missing). */
export function splitOutlet(outlet: string): { zh: string; en: string } {
  const m = /^([^A-Za-z]*\p{Script=Han}[^A-Za-z]*?)\s*([A-Za-z].*)?$/u.exec(outlet.trim());
  if (!m) return { zh: '', en: outlet.trim() };
  return { zh: m[1]!.trim(), en: (m[2] ?? '').trim() };
}
