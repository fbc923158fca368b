import { citeNote, citeTerm } from '../../shared/citation/cite';
import type { CitationFormat } from '../../shared/citation/formats';
import type { TermDetailsData } from '../../shared/glossary/lookup';
import type { Note } from '../../shared/notes/model';
import { noteCitationOf, termCitationOf } from './compose';

/**
 * Copy as citation from our own pages (popup, side panel): they are extension origin, where
 * navigator.clipboard works, so they compose and write the text themselves.
 */
export async function copyCitationHere(
  subject: { term: TermDetailsData } | { note: Note },
  format: CitationFormat,
): Promise<boolean> {
  const text =
    'term' in subject
      ? citeTerm(termCitationOf(subject.term, new Date()), format)
      : citeNote(noteCitationOf(subject.note), format);
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
