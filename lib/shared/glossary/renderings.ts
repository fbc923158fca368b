/**
 * The one reader of a glossary entry's English renderings (glossary/NOTES.md, "English
 * renderings"). Everything that shows, searches or matches English goes through here, so the
 * shape of `en` can change in one place.
 */

export interface Rendering {
  text: string;
  outlet: string;
  /** YYYY-MM or YYYY-MM-DD: when the page at `url` published it. */
  date?: string;
  url?: string;
  /** The Party/State's own translation (Xinhua, Qiushi, State Council, MFA, ...). */
  official?: boolean;
  /** No official rendering was found: our translation, marked as ours. */
  ours?: boolean;
}

interface WithRenderings {
  en: { renderings: readonly Rendering[] };
}

/** Preferred first. */
export function renderingsOf(entry: WithRenderings): readonly Rendering[] {
  return entry.en.renderings;
}

/** The rendering a reader sees first; the schema guarantees every entry has one. */
export function preferredRendering(entry: WithRenderings): Rendering {
  const first = renderingsOf(entry)[0];
  if (!first) throw new Error('a glossary entry without an English rendering');
  return first;
}
