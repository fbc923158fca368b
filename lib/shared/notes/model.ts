/**
 * Note types and limits, free of Dexie so the content script can use them without bundling the
 * database (which it must never open: see schema.ts).
 */

/** Bumped when the meaning of the stored selectors changes (e.g. how page text is built). */
export const SELECTOR_VERSION = 1;

/** Limits shared by the repository and the message schemas. */
export const MAX_NOTE_TEXT = 1_000_000;
/** A quote can be a whole article; anchoring handles long quotes by their two ends. */
export const MAX_QUOTE = 1_000_000;
/** Prefix and suffix as stored: 32 non-space characters, plus the spaces between them. */
export const MAX_CONTEXT = 1_000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_URL = 8_192;
export const MAX_TITLE = 2_000;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Where a note sits on its page (W3C Web Annotation selectors, as hypothesis stores them). */
export interface NoteSelectors {
  /** SELECTOR_VERSION at the time of capture. */
  version: number;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface Note {
  /** UUID (crypto.randomUUID). */
  id: string;
  /** Normalised page URL (lib/shared/notes/url.ts): no fragment, no tracking parameters, canonical. */
  url: string;
  title: string;
  /** Host name of `url`, without a leading "www." or "m.". */
  site: string;
  selectors: NoteSelectors;
  /** Plain text; never rendered as HTML. */
  text: string;
  tags: string[];
  /** Glossary entry ids found inside the quote (or the term the note was made from). */
  termIds: string[];
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /**
   * Revision, 1 when created, +1 on every write. An update names the revision it started from
   * and is refused when the note has moved on, so no edit overwrites another silently.
   */
  rev: number;
}

/** A deleted note, kept so that the delete can be undone. */
export interface TrashedNote extends Note {
  deletedAt: number;
}

/** The shape of a v1 note (for the migration and its test). */
export type NoteV1 = Omit<Note, 'site' | 'rev'>;
/** The shape of a v2 note (before revisions). */
export type NoteV2 = Omit<Note, 'rev'>;

/** "www.people.cn" and "m.people.cn" → "people.cn"; "" for a URL that does not parse. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^(?:www|m|wap)\./, '');
  } catch {
    return '';
  }
}

/** Trimmed, non-empty, de-duplicated (first spelling wins), at most MAX_TAGS. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    const t = raw.trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_LENGTH);
    const key = t.toLowerCase();
    if (!t || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
    if (out.length >= MAX_TAGS) break;
  }
  return out;
}
