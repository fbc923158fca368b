import type { CitationFormat } from '../../shared/citation/formats';
import type { TermDetailsData } from '../../shared/glossary/lookup';
import type { Note } from '../../shared/notes/model';
import { loadCitationFormat } from '../../shared/settings/store';
import { citationText } from './compose';

/**
 * Copy as citation from our own pages (popup, side panel): they are extension origin, where
 * navigator.clipboard works, so they compose and write the text themselves. No format: the
 * reader's default, as the background's copy-citation does.
 */
export async function copyCitationHere(
  subject: { term: TermDetailsData } | { note: Note },
  format?: CitationFormat,
): Promise<boolean> {
  try {
    const text = citationText(subject, format ?? (await loadCitationFormat()), new Date());
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
