/**
 * The numbers of the note model (lib/shared/notes/model.ts): how long a note's fields may be.
 * No schema here: the content script imports these at run time, and must not load the model
 * (tests/unit/boundaries.test.ts).
 */

/** Bumped when the meaning of the stored selectors changes (e.g. how page text is built). */
export const SELECTOR_VERSION = 1;

export const MAX_NOTE_TEXT = 1_000_000;
/** A quote can be a whole article; anchoring handles long quotes by their two ends. */
export const MAX_QUOTE = 1_000_000;
/** Prefix and suffix as stored: 32 non-space characters, plus the spaces between them. */
export const MAX_CONTEXT = 1_000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_URL = 8_192;
export const MAX_TITLE = 2_000;
/** A site is a host name (at most 253 characters in DNS). */
export const MAX_SITE = 300;
export const MAX_TERM_IDS = 1_000;
export const MAX_TERM_ID = 200;
/** Text positions are stored as 31-bit integers, and so are revisions. */
export const MAX_INT = 2 ** 31 - 1;
/** The largest epoch-ms a JavaScript Date can hold. */
export const MAX_TIME = 8.64e15;
