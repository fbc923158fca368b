/**
 * When a save is refused because the note changed elsewhere, the reader chooses: keep theirs,
 * overwrite with mine, or merge — never a silent winner. Merging keeps both texts in full
 * (theirs first, as the newer stored version) for the reader to edit before saving.
 */

export interface NoteVersion {
  text: string;
  tags: readonly string[];
}

export type ConflictChoice = 'theirs' | 'mine' | 'merge';

/** The editor's content after the reader's choice (for 'mine' that is simply mine). */
export function resolveConflict(
  choice: ConflictChoice,
  mine: NoteVersion,
  theirs: NoteVersion,
): { text: string; tags: string[] } {
  if (choice === 'theirs') return { text: theirs.text, tags: [...theirs.tags] };
  if (choice === 'mine') return { text: mine.text, tags: [...mine.tags] };
  const text =
    mine.text === theirs.text || mine.text.trim() === ''
      ? theirs.text
      : theirs.text.trim() === ''
        ? mine.text
        : `${theirs.text}\n\n${mine.text}`;
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const t of [...theirs.tags, ...mine.tags]) {
    const key = t.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(t);
  }
  return { text, tags };
}
