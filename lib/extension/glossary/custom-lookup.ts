import type { GlossaryEntry } from '../../shared/glossary/compile';
import type { CustomTerm } from '../../shared/glossary/custom';
import type { TermDetailsData } from '../../shared/glossary/lookup';

/** A custom term shaped as a glossary entry, so the tooltip shows it like any other. */
export function customDetails(t: CustomTerm): TermDetailsData {
  const entry: GlossaryEntry = {
    id: t.id,
    zh: t.term,
    pinyin: '',
    category: 'concept',
    custom: true,
    scope: 'context',
    en: { official: t.english, variants: [], sources: ['ours'] },
    definition: { zh: t.definition, en: t.note },
    related: [],
    aliases: t.aliases,
    traditional: [],
  };
  return { entry, related: [] };
}
