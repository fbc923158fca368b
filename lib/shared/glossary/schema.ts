import * as v from 'valibot';

/**
 * The glossary's source format (glossary/entries.json), validated in full by the build step and
 * by the unit tests. Anything derived (pinyin when not overridden, traditional forms, the
 * matcher's patterns) is computed at build time, never written by hand.
 */

import { CATEGORIES } from './categories';

export { type Category } from './categories';

/** Publications whose English renderings we cite. 'ours' = no official rendering was found. */
const EN_SOURCES = [
  'Xinhua',
  'China Daily',
  'Qiushi',
  'State Council',
  "People's Daily",
  'CGTN',
  'Global Times',
  'ours',
] as const;

const id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case kebab-case ASCII'),
);
const han = v.pipe(v.string(), v.minLength(2), v.regex(/\p{Script=Han}/u, 'must contain Chinese'));
const english = v.pipe(
  v.string(),
  v.minLength(3),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9 '’,.-]*[A-Za-z0-9]$/, 'plain English words'),
);

const QuoteSchema = v.object({
  /** The sentence of the speech, verbatim (hard wraps removed), that contains the term. */
  text: v.pipe(v.string(), v.minLength(4)),
  /** Key into glossary/sources.json. */
  source: v.string(),
});

const EntrySchema = v.strictObject({
  id,
  zh: han,
  /** Tone-marked pinyin, syllables separated by spaces; only when pinyin-pro gets it wrong. */
  pinyin: v.optional(v.string()),
  category: v.picklist(CATEGORIES),
  /** 'speech' = a phrase of the seed speech (quote required); 'context' = related vocabulary. */
  scope: v.picklist(['speech', 'context']),
  en: v.strictObject({
    /** The official rendering, as published; first of the list shown in the tooltip. */
    official: english,
    /** Other renderings official and major-media English actually uses. */
    variants: v.array(english),
    /** Where `official` (and variants) were published; ['ours'] when it is our translation. */
    sources: v.pipe(v.array(v.picklist(EN_SOURCES)), v.minLength(1)),
    /** Set false when the English is too generic to highlight on English pages. */
    match: v.optional(v.boolean()),
  }),
  definition: v.strictObject({
    zh: v.pipe(v.string(), v.minLength(20)),
    en: v.pipe(v.string(), v.minLength(40)),
  }),
  quote: v.optional(QuoteSchema),
  related: v.array(id),
  /** Real-world variants of the headword (abbreviations, punctuation variants). */
  aliases: v.array(han),
});
export type Entry = v.InferOutput<typeof EntrySchema>;

const SourceSchema = v.strictObject({
  publication: v.string(),
  date: v.pipe(v.string(), v.isoDate()),
  title: v.string(),
  page: v.optional(v.string()),
  url: v.pipe(v.string(), v.url()),
});
export type Source = v.InferOutput<typeof SourceSchema>;

export const GlossaryFileSchema = v.strictObject({
  format: v.literal('policy-lens-glossary'),
  version: v.literal(1),
  sources: v.record(v.string(), SourceSchema),
  entries: v.pipe(v.array(EntrySchema), v.minLength(1)),
});
export type GlossaryFile = v.InferOutput<typeof GlossaryFileSchema>;
