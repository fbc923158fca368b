import { cleanTags } from './model';

/** Tags as typed in one field: separated by commas (, ， 、), semicolons or new lines. */
export function parseTags(input: string): string[] {
  return cleanTags(input.split(/[,，、;；\n]+/));
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}
