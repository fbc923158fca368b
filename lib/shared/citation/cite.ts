import { apaDate, apaDay, yearOf } from './dates';
import type { CitationFormat } from './formats';
import { splitOutlet } from './outlets';

/**
 * Citations as text, in four formats, from plain data: a glossary term with the sentence of
 * its source, and a reader's note on a passage of a web page. Pure: the background composes
 * them from data it holds (never from text a page sent), the popup from the note it shows.
 *
 * GB/T 7714-2015: a newspaper read online is [N/OL] with "报纸名, 出版日期(版次)[引用日期]. URL";
 * a web page is [EB/OL] with "(发表日期)[引用日期]. URL"; a work with no named author starts
 * with "佚名" (§8.1.1). APA 7: with no author the title takes the author's place; a page that
 * may change carries "Retrieved <date>, from <URL>".
 */

/** Where a term's quote was published: the glossary's source. */
interface SourceRef {
  /** As the glossary names it: "人民日报 People's Daily". */
  outlet: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** As the glossary gives it: "01 版 (page 1)". */
  page?: string;
  url: string;
}

export interface TermCitation {
  zh: string;
  pinyin: string;
  /** The preferred English rendering. */
  en: string;
  quote?: { text: string; source?: SourceRef };
  /** The day of copying (YYYY-MM-DD): GB/T's 引用日期. */
  accessed: string;
}

export interface NoteCitation {
  /** The passage the note is on, verbatim. */
  passage: string;
  /** The page's title. */
  title: string;
  /** The outlet or site that published it (outletOf). */
  site: string;
  url: string;
  /** The day the reader read it (the note's date, YYYY-MM-DD). */
  read: string;
  /** When the page was published, if known (YYYY-MM-DD). */
  published?: string;
}

/** Markdown's inline specials, escaped so text stays text. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

function mdUrl(url: string): string {
  // encodeURIComponent leaves parentheses as they are.
  return url.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function mdQuote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => `> ${mdEscape(l)}`.trimEnd())
    .join('\n');
}

/** The page number of "01 版 (page 1)": "1". */
function pageNumber(page: string | undefined): string | undefined {
  const m = page ? /\d+/.exec(page) : null;
  return m ? String(Number(m[0])) : undefined;
}

/** A full stop unless the text ends in one already (a title ending "？" needs none). */
function stop(s: string): string {
  return /[.!?。！？]$/.test(s) ? s : `${s}.`;
}

/** APA's short title for an in-text citation: up to the first space or colon. */
function shortTitle(title: string): string {
  return title.split(/[\s:：]/)[0] ?? title;
}

function termLine(c: TermCitation, format: CitationFormat): string {
  switch (format) {
    case 'markdown':
      return `**${mdEscape(c.zh)}** (*${mdEscape(c.pinyin)}*) — ${mdEscape(c.en)}`;
    case 'gbt7714':
      return `${c.zh}（${c.pinyin}；${c.en}）`;
    default:
      return `${c.zh} (${c.pinyin}) — ${c.en}`;
  }
}

/** A glossary term, with its source's sentence when it has one. */
export function citeTerm(c: TermCitation, format: CitationFormat): string {
  const head = termLine(c, format);
  const q = c.quote;
  if (!q) return head;
  const s = q.source;
  switch (format) {
    case 'plain': {
      const where = s
        ? `\n— ${[s.outlet, s.date, s.page].filter(Boolean).join(', ')}. ${s.title}. ${s.url}`
        : '';
      return `${head}\n“${q.text}”${where}`;
    }
    case 'markdown': {
      const where = s
        ? `\n>\n> — ${mdEscape([s.outlet, s.date, s.page].filter(Boolean).join(', '))}: [${mdEscape(s.title)}](${mdUrl(s.url)})`
        : '';
      return `${head}\n\n${mdQuote(q.text)}${where}`;
    }
    case 'gbt7714': {
      const line = `${head}：“${q.text}”`;
      if (!s) return line;
      const paper = splitOutlet(s.outlet).zh || s.outlet;
      const page = pageNumber(s.page);
      return `${line}\n佚名. ${s.title}[N/OL]. ${paper}, ${s.date}${page ? `(${page})` : ''}[${c.accessed}]. ${s.url}`;
    }
    case 'apa': {
      if (!s) return `${head}: “${q.text}”`;
      const paper = splitOutlet(s.outlet).zh || s.outlet;
      const page = pageNumber(s.page);
      return (
        `${head}: “${q.text}” (“${shortTitle(s.title)},” ${yearOf(s.date)})\n\n` +
        `${stop(s.title)} (${apaDate(s.date)}). ${paper}${page ? `, ${page}` : ''}. ${s.url}`
      );
    }
  }
}

/** A note's passage, with the page it is on. */
export function citeNote(c: NoteCitation, format: CitationFormat): string {
  switch (format) {
    case 'plain':
      return `“${c.passage}”\n— ${stop([c.title, c.site, c.published].filter(Boolean).join(', '))} ${c.url} (read ${c.read})`;
    case 'markdown':
      return `${mdQuote(c.passage)}\n>\n> — [${mdEscape(c.title || c.url)}](${mdUrl(c.url)}), ${mdEscape([c.site, c.published].filter(Boolean).join(', '))} (read ${c.read})`;
    case 'gbt7714':
      return (
        `“${c.passage}”\n` +
        `${c.site}. ${c.title || c.url}[EB/OL]. ${c.published ? `(${c.published})` : ''}[${c.read}]. ${c.url}`
      );
    case 'apa': {
      const date = c.published ? apaDate(c.published) : 'n.d.';
      const year = c.published ? yearOf(c.published) : 'n.d.';
      return (
        `“${c.passage}” (${c.site}, ${year})\n\n` +
        `${c.site}. (${date}). ${stop(c.title || c.url)} Retrieved ${apaDay(c.read)}, from ${c.url}`
      );
    }
  }
}
