import { MAX_TAG_LENGTH, MAX_TAGS } from './limits';

/** Tags as typed in one field: separated by commas (, ， 、), semicolons or new lines. */
export function parseTags(input: string): string[] {
  return cleanTags(input.split(/[,，、;；\n]+/));
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
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
