/** The citation formats Policy Lens copies; the first is the default. */
export const CITATION_FORMATS = ['plain', 'markdown', 'gbt7714', 'apa'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** Locale keys of each format's menu label (public/_locales). */
export const CITATION_FORMAT_LABELS: Record<CitationFormat, string> = {
  plain: 'cite_plain',
  markdown: 'cite_markdown',
  gbt7714: 'cite_gbt7714',
  apa: 'cite_apa',
};
