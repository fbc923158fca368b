import Fuse from 'fuse.js';
import type { Note } from '../../shared/notes/model';
import { renderingsOf } from '../../shared/glossary/renderings';
import { queryTokens } from './fold';
import { stripTones } from './pinyin';
import type { GlossaryIndex } from './glossary-search';

/**
 * Search over every note, kept warm between keystrokes.
 *
 * Measured (tests/browser/popup.test.ts prints the figures): Fuse.js over 10,000 notes with
 * quote and text as keys costs tens of milliseconds per keystroke on a 2-core machine, and its
 * default location window only looks at the first ~60 characters of a field, so long notes
 * would be missed unless `ignoreLocation` makes it slower still. So the work is split:
 * - every note is folded once into one string (title · tags · linked terms in Chinese, pinyin
 *   and English · quote · text · site); a query word matches a note when the string contains
 *   it, or when the word names a glossary term the note is linked to (xzscl, xinzhi, "new
 *   quality"). All words must match. That is a substring scan, a few ms for 10,000 notes.
 * - only when nothing matches exactly, Fuse.js looks for the misspelt word among the distinct
 *   words, titles and tags of all notes (a vocabulary of a few thousand short strings, built
 *   once and kept until the notes change) and maps the near words back to their notes.
 * Results are ranked by where the words were found (title, tags and terms before quote and
 * text), then newest first.
 */

export interface NoteFilters {
  /** Glossary entry id. */
  term?: string | undefined;
  tag?: string | undefined;
  site?: string | undefined;
}

export interface NoteQuery extends NoteFilters {
  text?: string;
}

interface Facet {
  value: string;
  count: number;
}

export interface NoteFacets {
  tags: Facet[];
  sites: Facet[];
  terms: Facet[];
}

interface Doc {
  note: Note;
  /** Folded search text: sections in SECTION order, separated by \u0001. */
  hay: string;
  /** End offset of each section in `hay`. */
  ends: number[];
  /** Index in the newest-first list (set by setNotes). */
  position: number;
}

/** Rank weight of a hit in each section of `hay` (lower is better). */
const SECTION_WEIGHT = [1, 1, 1, 3, 3, 4]; // title, tags, terms, quote, text, site
const TERM_LINK_WEIGHT = 1;
const FUZZY_WEIGHT = 10;
const SEP = '\u0001';

export class NoteIndex {
  /** Newest first. */
  private sorted: Note[] = [];
  /** Prepared search docs, in `sorted` order; null until a query needs them. */
  private docs: Doc[] | null = null;
  private cache = new Map<string, Doc>();
  private vocabulary: Fuse<{ key: string; docs: number[] }> | null = null;
  private facetCache: NoteFacets | null = null;
  private termCache = new Map<string, Set<string>>();
  private termTexts = new Map<string, string>();

  constructor(private readonly glossary: GlossaryIndex) {}

  get size(): number {
    return this.sorted.length;
  }

  /** All notes, newest first. */
  get notes(): readonly Note[] {
    return this.sorted;
  }

  /** Whether the search text of every note is ready (see `warm`). */
  get ready(): boolean {
    return this.docs !== null;
  }

  /**
   * Replaces the indexed notes (a liveQuery result): sorting only. The folded search text is
   * prepared on the first query (or by `warm`), and notes whose id and `updatedAt` did not
   * change keep theirs, so an edit re-folds one note, not ten thousand.
   */
  setNotes(notes: readonly Note[]): void {
    this.sorted = [...notes].sort(
      (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    this.docs = null;
    this.vocabulary = null;
    this.facetCache = null;
  }

  /**
   * Prepares the search text and the typo vocabulary now (call when the browser is idle, before
   * the first keystroke).
   */
  warm(): void {
    this.prepared();
    this.fuzzyIndex();
  }

  search(q: NoteQuery): Note[] {
    const words = queryTokens(this.glossary.fold(q.text ?? '').trim());
    if (words.length === 0) return this.filteredNotes(q);
    const candidates = this.filteredDocs(q);
    const terms = words.map((w) => this.termsFor(w));
    const scored: { doc: Doc; score: number }[] = [];
    for (const doc of candidates) {
      let score = 0;
      for (let i = 0; i < words.length; i++) {
        const s = scoreWord(doc, words[i]!, terms[i]!);
        if (s === null) {
          score = -1;
          break;
        }
        score += s;
      }
      if (score >= 0) scored.push({ doc, score });
    }
    if (scored.length === 0) return this.fuzzy(candidates, words, terms);
    // `candidates` is newest first and Array.prototype.sort is stable: equal scores stay so.
    scored.sort((a, b) => a.score - b.score);
    return scored.map((s) => s.doc.note);
  }

  facets(): NoteFacets {
    if (this.facetCache) return this.facetCache;
    const tags = new Map<string, number>();
    const sites = new Map<string, number>();
    const terms = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const note of this.sorted) {
      for (const t of note.tags) bump(tags, t);
      if (note.site) bump(sites, note.site);
      for (const t of note.termIds) bump(terms, t);
    }
    const list = (m: Map<string, number>) =>
      [...m]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    this.facetCache = { tags: list(tags), sites: list(sites), terms: list(terms) };
    return this.facetCache;
  }

  private prepared(): Doc[] {
    if (this.docs) return this.docs;
    const next = new Map<string, Doc>();
    const docs = this.sorted.map((n, position) => {
      const old = this.cache.get(n.id);
      const d = old && sameNote(old.note, n) ? { ...old, note: n } : this.prepare(n);
      d.position = position;
      next.set(n.id, d);
      return d;
    });
    this.cache = next;
    this.docs = docs;
    return docs;
  }

  private filteredNotes(f: NoteFilters): Note[] {
    if (!f.term && !f.tag && !f.site) return [...this.sorted];
    return this.sorted.filter((note) => matchesFilters(note, f));
  }

  private filteredDocs(f: NoteFilters): Doc[] {
    const docs = this.prepared();
    if (!f.term && !f.tag && !f.site) return docs;
    return docs.filter((d) => matchesFilters(d.note, f));
  }

  private termsFor(word: string): Set<string> {
    let s = this.termCache.get(word);
    if (!s) {
      s = this.glossary.termsFor(word);
      if (this.termCache.size > 500) this.termCache.clear();
      this.termCache.set(word, s);
    }
    return s;
  }

  private prepare(note: Note): Doc {
    const fold = this.glossary.fold;
    const terms = note.termIds.map((id) => this.termText(id)).join(' ');
    // One fold per note (folding is most of the cost of indexing 10,000 notes).
    const folded = fold(
      [note.title, note.tags.join(' '), '', note.selectors.quote.exact, note.text, note.site].join(
        SEP,
      ),
    );
    const sections = folded.split(SEP);
    sections[2] = terms;
    const ends: number[] = [];
    let at = 0;
    for (const s of sections) {
      at += s.length;
      ends.push(at);
      at += SEP.length;
    }
    return { note, hay: sections.join(SEP), ends, position: 0 };
  }

  /** Folded headwords of a linked term: Chinese, pinyin with and without tones, English. */
  private termText(id: string): string {
    let s = this.termTexts.get(id);
    if (s === undefined) {
      const e = this.glossary.get(id);
      s = e
        ? this.glossary.fold(
            [
              e.zh,
              e.pinyin,
              e.pinyin.replace(/\s+/g, ''),
              stripTones(e.pinyin).replace(/\s+/g, ''),
              ...renderingsOf(e).map((r) => r.text),
            ].join(' '),
          )
        : '';
      this.termTexts.set(id, s);
    }
    return s;
  }

  private fuzzyIndex(): Fuse<{ key: string; docs: number[] }> {
    if (this.vocabulary) return this.vocabulary;
    const words = new Map<string, number[]>();
    const add = (w: string, i: number) => {
      const list = words.get(w);
      if (!list) words.set(w, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    this.prepared().forEach((d, i) => {
      const tags = d.hay.slice(d.ends[0]! + SEP.length, d.ends[1]);
      for (const t of tags.split(' ')) if (t.length >= 3) add(t, i);
      for (const m of d.hay.matchAll(/[a-z][a-z0-9']{3,}/g)) add(m[0], i);
    });
    this.vocabulary = new Fuse(
      [...words].map(([key, docs]) => ({ key, docs })),
      { keys: ['key'], threshold: 0.3, includeScore: true },
    );
    return this.vocabulary;
  }

  /** Fallback when no note contains every word: a misspelt word may be near one in the notes. */
  private fuzzy(candidates: Doc[], words: string[], terms: Set<string>[]): Note[] {
    const latin = words.filter((w) => /^[a-z0-9']{4,}$/.test(w));
    if (latin.length === 0) return [];
    const fuse = this.fuzzyIndex();
    const near = new Map<string, Map<number, number>>();
    for (const w of latin) {
      const m = new Map<number, number>();
      for (const r of fuse.search(w, { limit: 50 })) {
        for (const i of r.item.docs) m.set(i, Math.min(m.get(i) ?? 1, r.score ?? 1));
      }
      near.set(w, m);
    }
    const scored: { doc: Doc; score: number }[] = [];
    for (const doc of candidates) {
      let score = 0;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const exact = scoreWord(doc, w, terms[i]!);
        const fz = near.get(w)?.get(doc.position);
        if (exact !== null) score += exact;
        else if (fz !== undefined) score += FUZZY_WEIGHT + fz;
        else {
          score = -1;
          break;
        }
      }
      if (score >= 0) scored.push({ doc, score });
    }
    scored.sort((a, b) => a.score - b.score);
    return scored.map((s) => s.doc.note);
  }
}

function matchesFilters(note: Note, f: NoteFilters): boolean {
  return (
    (!f.term || note.termIds.includes(f.term)) &&
    (!f.tag || note.tags.includes(f.tag)) &&
    (!f.site || note.site === f.site)
  );
}

function scoreWord(doc: Doc, word: string, terms: Set<string>): number | null {
  const at = doc.hay.indexOf(word);
  let best: number | null = null;
  if (at !== -1) {
    let section = 0;
    while (section < doc.ends.length - 1 && at >= doc.ends[section]!) section++;
    best = SECTION_WEIGHT[section]!;
  }
  if (terms.size > 0 && (best === null || best > TERM_LINK_WEIGHT)) {
    for (const t of doc.note.termIds) {
      if (terms.has(t)) return TERM_LINK_WEIGHT;
    }
  }
  return best;
}

function sameNote(a: Note, b: Note): boolean {
  return a.id === b.id && a.updatedAt === b.updatedAt && a.createdAt === b.createdAt;
}
