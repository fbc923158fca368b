import { CATEGORIES, type Category } from '../glossary/categories';

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

const DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/;

export interface Settings {
  /** Default sites the reader switched off. */
  disabledSites: string[];
  /** Sites the reader added (their host permission was granted when added). */
  addedSites: string[];
  /** Sites paused from the popup: nothing is scanned there until resumed. */
  pausedSites: string[];
  termStyle: HighlightStyle;
  hiddenCategories: Category[];
  /** Bundled glossary entries the reader does not want highlighted. */
  hiddenTerms: string[];
  tooltipLanguage: TooltipLanguage;
  tooltipDelayMs: number;
  showPinyin: boolean;
  /** Deleted notes are kept this many days in the trash, then purged for good. */
  trashDays: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  disabledSites: [],
  addedSites: [],
  pausedSites: [],
  termStyle: 'soft',
  hiddenCategories: [],
  hiddenTerms: [],
  tooltipLanguage: 'both',
  tooltipDelayMs: 250,
  showPinyin: true,
  trashDays: DEFAULT_TRASH_DAYS,
});

/** A field's value as stored → its checked value, or undefined: not valid, the default stands. */
type Field<T> = (raw: unknown) => T | undefined;

const oneOf =
  <T extends string>(choices: readonly T[]): Field<T> =>
  (raw) =>
    choices.find((c) => c === raw);
const listOf =
  <T>(item: Field<T>): Field<T[]> =>
  (raw) => {
    if (!Array.isArray(raw)) return undefined;
    const out: T[] = [];
    for (const x of raw as unknown[]) {
      const ok = item(x);
      // One bad item invalidates the list: a half-kept list of sites would change what is on.
      if (ok === undefined) return undefined;
      out.push(ok);
    }
    return out;
  };
const intIn =
  (min: number, max: number): Field<number> =>
  (raw) =>
    typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max ? raw : undefined;
const text: Field<string> = (raw) => (typeof raw === 'string' ? raw : undefined);
const domain: Field<string> = (raw) => {
  const d = typeof raw === 'string' ? raw.toLowerCase() : '';
  return DOMAIN.test(d) ? d : undefined;
};

/**
 * Each field's check. Hand-written rather than a schema library's: the script every page loads
 * parses the settings, and building and running a valibot schema there cost every page 5.6 KB
 * of code and its compile (bench, page E).
 */
const FIELDS: { [K in keyof Settings]: Field<Settings[K]> } = {
  disabledSites: listOf(domain),
  addedSites: listOf(domain),
  pausedSites: listOf(domain),
  termStyle: oneOf(HIGHLIGHT_STYLES),
  hiddenCategories: listOf(oneOf(CATEGORIES)),
  hiddenTerms: listOf(text),
  tooltipLanguage: oneOf(TOOLTIP_LANGUAGES),
  tooltipDelayMs: intIn(0, 2000),
  showPinyin: (raw) => (typeof raw === 'boolean' ? raw : undefined),
  trashDays: intIn(1, MAX_TRASH_DAYS),
};

/** Reads whatever is stored; anything invalid falls back to the default for that field. */
export function parseSettings(raw: unknown): Settings {
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(FIELDS) as [keyof Settings, Field<unknown>][]) {
    // Own fields only: an inherited value is not what was stored.
    const ok = Object.hasOwn(given, key) ? check(given[key]) : undefined;
    const fallback = DEFAULT_SETTINGS[key];
    out[key] = ok ?? (Array.isArray(fallback) ? [] : fallback);
  }
  // Every key of Settings was set from FIELDS, which the type above keeps complete.
  return out as unknown as Settings;
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
