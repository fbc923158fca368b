import type { GlossaryEntry } from '../../shared/glossary/compile';
import type { CustomTerm } from '../../shared/glossary/custom';
import type { TermDetailsData } from '../../shared/glossary/lookup';
import { OUR_OUTLET } from '../../shared/glossary/schema';

/** A custom term shaped as a glossary entry, so the tooltip shows it like any other. */
export function customDetails(t: CustomTerm): TermDetailsData {
  const entry: GlossaryEntry = {
    id: t.id,
    zh: t.term,
    pinyin: '',
    category: 'concept',
    custom: true,
    scope: 'context',
    // The reader's own English: shown as theirs (the card shows no outlet for custom terms).
    en: { renderings: [{ text: t.english, outlet: OUR_OUTLET, ours: true }] },
    definition: { zh: t.definition, en: t.note },
    related: [],
    aliases: t.aliases,
    traditional: [],
  };
  return { entry, related: [] };
}
