/**
 * Limits on the reader's glossary as a whole (a module of their own: the content script reads
 * them, and must not bundle the CSV parser custom.ts imports). Every page the content script scans builds its
 * matcher from the bundled patterns plus these (custom-matcher.ts), so their number is paid on
 * every page: 100,000 aliases on one term were once accepted. The bundled glossary has a few
 * hundred patterns; these leave room for a large personal glossary and no more.
 */
export const MAX_CUSTOM_TERMS = 2_000;
export const MAX_ALIASES = 20;
/** Terms, aliases and English renderings together, saved and imported. */
export const MAX_CUSTOM_PATTERNS = 10_000;
