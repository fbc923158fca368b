import {
  citeNote,
  citeTerm,
  type NoteCitation,
  type TermCitation,
} from '../../shared/citation/cite';
import type { CitationFormat } from '../../shared/citation/formats';
import { outletOf } from '../../shared/citation/outlets';
import { isoDay } from '../../shared/citation/dates';
import { preferredRendering } from '../../shared/glossary/renderings';
import type { TermDetailsData } from '../../shared/glossary/lookup';
import type { Note } from '../../shared/notes/model';

/** A term's citation data, from its glossary details (never from what a page sent). */
export function termCitationOf(d: TermDetailsData, now: Date): TermCitation {
  const { entry, source } = d;
  const c: TermCitation = {
    zh: entry.zh,
    pinyin: entry.pinyin,
    en: preferredRendering(entry).text,
    accessed: isoDay(now),
  };
  if (entry.quote) {
    c.quote = source
      ? {
          text: entry.quote.text,
          source: {
            outlet: source.publication,
            title: source.title,
            date: source.date,
            url: source.url,
            ...(source.page ? { page: source.page } : {}),
          },
        }
      : { text: entry.quote.text };
  }
  return c;
}

/** A note's citation data: its passage, page and the day it was written (read). */
function noteCitationOf(n: Pick<Note, 'url' | 'title' | 'selectors' | 'createdAt'>): NoteCitation {
  let host = '';
  try {
    host = new URL(n.url).hostname;
  } catch {
    // A stored note's URL is checked on the way in; an unparsable one cites no site.
  }
  return {
    passage: n.selectors.quote.exact,
    title: n.title,
    site: outletOf(host),
    url: n.url,
    read: isoDay(new Date(n.createdAt)),
  };
}

/** The citation of a term (as of `now`, the access date) or of a note, in `format`. */
export function citationText(
  subject: { term: TermDetailsData } | { note: Note },
  format: CitationFormat,
  now: Date,
): string {
  return 'term' in subject
    ? citeTerm(termCitationOf(subject.term, now), format)
    : citeNote(noteCitationOf(subject.note), format);
}
