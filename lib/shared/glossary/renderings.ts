import type { Entry } from './schema';

/**
 * The one door through which code reads a glossary entry's English renderings. Written over
 * today's schema (`en.official` first, then `en.variants`); the glossary's dated, linked
 * `en.renderings` replace this implementation, with the same exports.
 */
export interface Rendering {
  text: string;
  outlet: string;
  date?: string;
  url?: string;
  /** The Party/State's own translation (Xinhua, Qiushi, State Council, MFA, ...). */
  official?: boolean;
  /** No official rendering was found: our translation, marked as ours. */
  ours?: boolean;
}

type EnOf = Pick<Entry, 'en'>;

/** Preferred first. */
export function renderingsOf(entry: EnOf): readonly Rendering[] {
  const { official, variants, sources } = entry.en;
  const ours = sources.includes('ours');
  const outlets = sources.filter((s) => s !== 'ours').join(', ');
  const first: Rendering = ours
    ? { text: official, outlet: '', ours: true }
    : { text: official, outlet: outlets, official: true };
  // Today's variants carry no outlet of their own: listed without one rather than guessed.
  return [first, ...variants.map((text) => ({ text, outlet: '' }))];
}

export function preferredRendering(entry: EnOf): Rendering {
  return renderingsOf(entry)[0]!;
}
