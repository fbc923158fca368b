import type { CompiledGlossary } from './compile';
import { preferredRendering } from './renderings';

/** A related entry as a card links to it. */
export interface RelatedTerm {
  id: string;
  zh: string;
  /** The preferred rendering's text. */
  en: string;
}

/** What a term's tooltip or glossary card shows: the entry, its quote's source, related terms. */
export interface TermDetailsData {
  entry: CompiledGlossary['entries'][number];
  source?: CompiledGlossary['sources'][string];
  related: RelatedTerm[];
}

/** Indexes the compiled glossary by id and answers with what the tooltip shows. */
export function makeLookup(g: CompiledGlossary): (id: string) => TermDetailsData | null {
  const byId = new Map(g.entries.map((e) => [e.id, e]));
  return (id) => {
    const entry = byId.get(id);
    if (!entry) return null;
    const source = entry.quote ? g.sources[entry.quote.source] : undefined;
    const related = entry.related.flatMap((r) => {
      const e = byId.get(r);
      return e ? [{ id: e.id, zh: e.zh, en: preferredRendering(e).text }] : [];
    });
    return source ? { entry, source, related } : { entry, related };
  };
}
