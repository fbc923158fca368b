import * as v from 'valibot';

/**
 * The glossary's source format (glossary/entries.json), validated in full by the build step and
 * by the unit tests. Anything derived (pinyin when not overridden, traditional forms, the
 * matcher's patterns) is computed at build time, never written by hand.
 */

import { CATEGORIES } from './categories';

export { type Category } from './categories';

/**
 * Publications whose English renderings we cite. The Party/State's own translators (Xinhua,
 * Qiushi, the State Council and its Information Office, the ministries, the NPC) publish
 * `official` renderings; the rest are state media whose English is usage, not the official text.
 */
const OFFICIAL_OUTLETS = [
  'Xinhua',
  'Qiushi',
  'State Council',
  'SCIO',
  'MFA',
  'NPC',
  'NDRC',
  'IDCPC',
  "People's Daily",
  /** China Keywords, the official glossary of the China International Communication Group. */
  'China.org.cn',
  /** Publisher of the official translation of Xi Jinping: The Governance of China. */
  'Foreign Languages Press',
] as const;

const OUTLETS = [
  ...OFFICIAL_OUTLETS,
  'China Daily',
  'CGTN',
  'CCTV',
  'Global Times',
  'China Today',
  'Beijing Review',
  'ECNS',
  'Shanghai Daily',
] as const;

/** The outlet of a rendering marked `ours`: no official rendering was found. */
export const OUR_OUTLET = 'Policy Lens';

const id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case kebab-case ASCII'),
);
const han = v.pipe(v.string(), v.minLength(2), v.regex(/\p{Script=Han}/u, 'must contain Chinese'));
const english = v.pipe(
  v.string(),
  v.minLength(3),
  // Quotes and brackets as official texts print them: "'dual carbon' goals", "(CPC)".
  v.regex(/^['"‘“A-Za-z0-9][A-Za-z0-9 '’‘“”",.()-]*[A-Za-z0-9)'"’”]$/, 'plain English words'),
);

/** YYYY-MM or YYYY-MM-DD: as precise as the page we saw shows. */
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;

const RenderingSchema = v.pipe(
  v.strictObject({
    text: english,
    outlet: v.picklist([...OUTLETS, OUR_OUTLET]),
    /** When the page at `url` published this rendering. */
    date: v.optional(v.pipe(v.string(), v.regex(DATE, 'dates are YYYY-MM or YYYY-MM-DD'))),
    /** A page where we saw this rendering (recorded in the file's renderingSources). */
    url: v.optional(v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'http(s) urls only'))),
    official: v.optional(v.boolean()),
    ours: v.optional(v.boolean()),
  }),
  v.check(
    (r) => (r.url === undefined) === (r.date === undefined),
    'a rendering with a url needs its date, and a date needs its url',
  ),
  v.check(
    (r) =>
      r.ours === true ? r.outlet === OUR_OUTLET && !r.url && !r.official : r.outlet !== OUR_OUTLET,
    `a rendering is either ours (outlet "${OUR_OUTLET}", no url, not official) or published by an outlet`,
  ),
  v.check(
    (r) => !r.official || (OFFICIAL_OUTLETS as readonly string[]).includes(r.outlet),
    `only ${OFFICIAL_OUTLETS.join(', ')} publish official renderings`,
  ),
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
    /**
     * The English renderings, preferred first: an official one when there is one, else ours.
     * Read them through renderings.ts, never directly.
     */
    renderings: v.pipe(
      v.array(RenderingSchema),
      v.minLength(1),
      v.check(
        (rs) => !rs.some((r) => r.official) || rs[0]?.official === true,
        'the preferred (first) rendering must be an official one when there is one',
      ),
      v.check(
        (rs) => !rs.some((r) => r.ours) || !rs.some((r) => r.official),
        'an entry with an official rendering cannot also carry one marked ours',
      ),
    ),
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

/** What we saw at a rendering's url: the evidence behind it, kept in the file, never shipped. */
const RenderingSourceSchema = v.strictObject({
  outlet: v.picklist(OUTLETS),
  date: v.pipe(v.string(), v.regex(DATE, 'dates are YYYY-MM or YYYY-MM-DD')),
  /** A short excerpt of the page showing the rendering (and its date, where the page shows it). */
  seen: v.pipe(v.string(), v.minLength(10)),
});

export const GlossaryFileSchema = v.strictObject({
  format: v.literal('policy-lens-glossary'),
  version: v.literal(1),
  sources: v.record(v.string(), SourceSchema),
  /** Keyed by url: where each dated, linked rendering came from. */
  renderingSources: v.record(v.string(), RenderingSourceSchema),
  entries: v.pipe(v.array(EntrySchema), v.minLength(1)),
});
export type GlossaryFile = v.InferOutput<typeof GlossaryFileSchema>;
