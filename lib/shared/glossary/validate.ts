import * as v from 'valibot';
import { renderingsOf } from './renderings';
import { GlossaryFileSchema, type GlossaryFile } from './schema';

export type ValidationResult =
  { ok: true; glossary: GlossaryFile } | { ok: false; errors: string[] };

const HAN = /\p{Script=Han}/gu;

export function hanCount(s: string): number {
  return s.match(HAN)?.length ?? 0;
}

/**
 * Validates a glossary file: the schema, then what a schema cannot say — unique ids, no surface
 * form (headword or alias) claimed by two entries, no English rendering shared, related ids that
 * resolve, a quote that contains the term, a pinyin override with one syllable per character, and
 * a linked rendering whose url, outlet and date are those recorded in `renderingSources`.
 */
export function validateGlossary(data: unknown): ValidationResult {
  const parsed = v.safeParse(GlossaryFileSchema, data);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`),
    };
  }
  const g = parsed.output;
  const errors: string[] = [];
  const ids = new Map<string, number>();
  const surfaces = new Map<string, string>();
  const english = new Map<string, string>();
  g.entries.forEach((e, i) => {
    if (ids.has(e.id)) errors.push(`entries[${i}] ${e.id}: duplicate id`);
    ids.set(e.id, i);
  });
  for (const e of g.entries) {
    for (const s of [e.zh, ...e.aliases]) {
      const owner = surfaces.get(s);
      if (owner !== undefined && owner !== e.id)
        errors.push(`${e.id}: "${s}" is also claimed by ${owner}`);
      else if (owner === e.id) errors.push(`${e.id}: "${s}" listed twice`);
      surfaces.set(s, e.id);
    }
    for (const s of new Set(renderingsOf(e).map((r) => r.text))) {
      const key = s.toLowerCase().replace(/[-\s]+/g, ' ');
      const owner = english.get(key);
      // The same entry may list spelling variants that fold together ("opening-up"/"opening up").
      if (owner !== undefined && owner !== e.id)
        errors.push(`${e.id}: English "${s}" is also used by ${owner}`);
      english.set(key, e.id);
    }
    for (const r of renderingsOf(e)) {
      if (r.url === undefined) continue;
      const seen = g.renderingSources[r.url];
      if (!seen) errors.push(`${e.id}: "${r.text}" cites ${r.url}, which renderingSources lacks`);
      else if (seen.date !== r.date || seen.outlet !== r.outlet)
        errors.push(
          `${e.id}: "${r.text}" says ${r.outlet} ${r.date ?? ''}, renderingSources says ${seen.outlet} ${seen.date}`,
        );
    }
    for (const r of e.related) {
      if (!ids.has(r)) errors.push(`${e.id}: related id "${r}" does not exist`);
      if (r === e.id) errors.push(`${e.id}: related to itself`);
    }
    if (e.scope === 'speech' && !e.quote)
      errors.push(`${e.id}: a phrase of the speech needs its quote`);
    if (e.quote) {
      if (!g.sources[e.quote.source])
        errors.push(`${e.id}: unknown quote source "${e.quote.source}"`);
      const flat = (s: string) => s.replace(/[、，,]/g, '、');
      if (![e.zh, ...e.aliases].some((s) => flat(e.quote!.text).includes(flat(s)))) {
        errors.push(`${e.id}: the quote does not contain "${e.zh}" or an alias`);
      }
    }
    if (e.pinyin !== undefined) {
      const syllables = e.pinyin.trim().split(/\s+/).length;
      if (syllables !== hanCount(e.zh)) {
        errors.push(`${e.id}: pinyin has ${syllables} syllables for ${hanCount(e.zh)} characters`);
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, glossary: g };
}

/** Removes the hard wraps of the seed speech so quotes can be checked as substrings. */
export function unwrapSpeech(raw: string): string {
  return raw
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+/, '').replace(/\s+$/, ''))
    .join('');
}
