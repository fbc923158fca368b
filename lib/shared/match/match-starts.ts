import { DROP, SPACE, buildFoldTable, foldOf, isWordChar, type FoldTable } from '../text/normalize';

/**
 * The source of a RegExp that finds where a pattern may start: a first character of some
 * pattern, followed by a second character of some pattern (or by whitespace, which folding may
 * remove), with the characters that fold to them. English first characters only count at the
 * start of a word. It may find starts where nothing matches (the trie then says no), but never
 * misses one. The browser's regex engine runs it in native code from the first call, which is
 * what makes a page without terms cheap: the script's own code there is still interpreted.
 * Computed by the glossary build, and again when the reader adds terms.
 */
/** Matcher data with its start regex computed (tests, and data built at run time). */
export function withStarts<T extends { fold: string; patterns: [string, number][] }>(
  data: T,
): T & { starts: string } {
  const starts = matchStartsSource(
    data.patterns.map(([text]) => text),
    buildFoldTable(data.fold),
  );
  return { ...data, starts };
}

export function matchStartsSource(patterns: readonly string[], fold: FoldTable): string {
  const { gap, word, moved } = foldFacts(fold);
  const forms = (c: number) => (fold[c] === 0 ? [c, ...(moved.get(c) ?? [])] : []);
  // Chinese and English starts apart: English ones also need the start of a word.
  const kinds = [false, true].map((english) => ({
    english,
    /** First characters of one-character patterns (nothing needs to follow). */
    alone: [] as number[],
    /** First characters of longer patterns, and what may follow them. */
    first: [] as number[],
    second: [...gap],
  }));
  for (const p of patterns) {
    if (p.length === 0) continue;
    const kind = kinds[isWordChar(p.charCodeAt(0)) ? 1 : 0]!;
    if (p.length === 1) kind.alone.push(...forms(p.charCodeAt(0)));
    else {
      kind.first.push(...forms(p.charCodeAt(0)));
      kind.second.push(...forms(p.charCodeAt(1)));
    }
  }
  const alternatives: string[] = [];
  for (const { english, alone, first, second } of kinds) {
    const before = english ? `(?<!${charClass(word)})` : '';
    if (alone.length) alternatives.push(before + charClass(alone));
    if (first.length) alternatives.push(`${before}${charClass(first)}(?=${charClass(second)})`);
  }
  return alternatives.length ? alternatives.join('|') : '(?!)';
}

/**
 * The same regex without the start-of-word test on English starts: for text whose word
 * boundaries are not those of the page (its text nodes concatenated across blocks, see
 * mayMatch), where "GDP" may follow the previous paragraph's last letter. Derived from a source
 * built above, whose classes hold only escaped units, so `]` closes each one.
 */
export function withoutWordStarts(source: string): string {
  return source.replace(/\(\?<!\[[^\]]*\]\)/g, '');
}

/** A character class of UTF-16 code units, ranges merged, every unit escaped. */
function charClass(units: readonly number[]): string {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  const hex = (c: number) => '\\u' + c.toString(16).padStart(4, '0');
  let out = '';
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out += j > i ? `${hex(sorted[i]!)}-${hex(sorted[j]!)}` : hex(sorted[i]!);
    i = j + 1;
  }
  return `[${out}]`;
}

interface FoldFacts {
  /** Code units folded to whitespace or dropped: what may sit inside a match. */
  gap: number[];
  /** Code units folded to a word character (for the start-of-word test). */
  word: number[];
  /** Folded unit → the other units that fold to it (upper case, full width, variants). */
  moved: Map<number, number[]>;
}

const factsOf = new WeakMap<FoldTable, FoldFacts>();

/** One pass over all 64K folds per table, kept for the next call. */
function foldFacts(fold: FoldTable): FoldFacts {
  let facts = factsOf.get(fold);
  if (facts) return facts;
  facts = { gap: [], word: [], moved: new Map() };
  for (let c = 0; c < 0x10000; c++) {
    const f = foldOf(fold, c);
    if (f === SPACE || f === DROP) facts.gap.push(c);
    if (isWordChar(f)) facts.word.push(c);
    if (f !== c) {
      const list = facts.moved.get(f);
      if (list) list.push(c);
      else facts.moved.set(f, [c]);
    }
  }
  factsOf.set(fold, facts);
  return facts;
}
