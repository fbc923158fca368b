import * as v from 'valibot';
import { CATEGORIES } from '../glossary/categories';

/**
 * Reader settings, kept in storage.sync so they follow the browser profile (notes stay local).
 * Few options, good defaults (10ten's rule: every option must earn its place).
 */

export const DEFAULT_TRASH_DAYS = 30;
const MAX_TRASH_DAYS = 3650;
/** What the options page offers (any stored value in range is kept). */
export const TRASH_DAY_CHOICES = [7, 30, 90, 365] as const;

export const HIGHLIGHT_STYLES = ['soft', 'underline', 'dotted'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
export const TOOLTIP_LANGUAGES = ['both', 'zh', 'en'] as const;
export type TooltipLanguage = (typeof TOOLTIP_LANGUAGES)[number];

const domain = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain such as people.cn'),
);

const SettingsSchema = v.object({
  /** Default sites the reader switched off. */
  disabledSites: v.optional(v.array(domain), []),
  /** Sites the reader added (their host permission was granted when added). */
  addedSites: v.optional(v.array(domain), []),
  /** Sites paused from the popup: nothing is scanned there until resumed. */
  pausedSites: v.optional(v.array(domain), []),
  termStyle: v.optional(v.picklist(HIGHLIGHT_STYLES), 'soft'),
  hiddenCategories: v.optional(v.array(v.picklist(CATEGORIES)), []),
  /** Bundled glossary entries the reader does not want highlighted. */
  hiddenTerms: v.optional(v.array(v.string()), []),
  tooltipLanguage: v.optional(v.picklist(TOOLTIP_LANGUAGES), 'both'),
  tooltipDelayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)), 250),
  showPinyin: v.optional(v.boolean(), true),
  /** Deleted notes are kept this many days in the trash, then purged for good. */
  trashDays: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TRASH_DAYS)),
    DEFAULT_TRASH_DAYS,
  ),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** Reads whatever is stored; anything invalid falls back to the default for that field. */
export function parseSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_SETTINGS };
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const one = v.safeParse(SettingsSchema, { [key]: (raw as Record<string, unknown>)[key] });
    if (one.success) out[key] = one.output[key];
  }
  return out as Settings;
}

/** The site key of a host: its domain among `domains` (default or added), else the host itself. */
export function siteKey(host: string, domains: readonly string[]): string {
  const h = host.toLowerCase().replace(/^www\./, '');
  return domains.find((d) => h === d || h.endsWith(`.${d}`)) ?? h;
}

/** Whether Policy Lens should scan a page on `host`. */
export function isActiveOn(host: string, s: Settings, defaults: readonly string[]): boolean {
  const domains = [...defaults, ...s.addedSites];
  const key = siteKey(host, domains);
  if (s.pausedSites.includes(key)) return false;
  return !s.disabledSites.includes(key);
}
