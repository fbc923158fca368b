import { readFileSync } from 'node:fs';
import { matchedEnglish } from '../lib/shared/glossary/compile';
import type { GlossaryFile } from '../lib/shared/glossary/schema';

/**
 * The glossary's surface forms, for the peers that take a plain keyword list (mark.js, the
 * RegExp scan): every headword, alias and English rendering we match (matchedEnglish).
 * Ours matches the folded patterns built from the same forms (plus traditional variants).
 */
export function surfaceForms(): string[] {
  const file = new URL('../glossary/glossary.json', import.meta.url);
  // The glossary build validates this file; the bench reads what it validated.
  const g = JSON.parse(readFileSync(file, 'utf8')) as GlossaryFile;
  const forms = new Set<string>();
  for (const e of g.entries) {
    for (const s of [e.zh, ...e.aliases]) forms.add(s.trim());
    for (const s of matchedEnglish(e)) forms.add(s.trim());
  }
  forms.delete('');
  return [...forms];
}
