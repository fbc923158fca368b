/** The page's canonical link: a claim only, checked (same-site) by the background. */
export function canonicalOf(doc: Document): string | null {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  return link?.href ?? null;
}
