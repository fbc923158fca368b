import { readFileSync } from 'node:fs';

interface GlossaryJson {
  entries: {
    zh: string;
    aliases?: string[];
    en: { official: string; variants?: string[]; match?: boolean };
  }[];
}

/**
 * The glossary's surface forms, for the peers that take a plain keyword list (mark.js, the
 * RegExp scan): every headword, alias and English rendering we match (en.match !== false).
 * Ours matches the folded patterns built from the same forms (plus traditional variants).
 */
export function surfaceForms(): string[] {
  const file = new URL('../glossary/glossary.json', import.meta.url);
  const g = JSON.parse(readFileSync(file, 'utf8')) as GlossaryJson;
  const forms = new Set<string>();
  for (const e of g.entries) {
    for (const s of [e.zh, ...(e.aliases ?? [])]) forms.add(s.trim());
    if (e.en.match !== false)
      for (const s of [e.en.official, ...(e.en.variants ?? [])]) forms.add(s.trim());
  }
  forms.delete('');
  return [...forms];
}
