import { matchStartsSource } from '../match/match-starts';
import { buildFoldTable, normalizePattern } from '../text/normalize';
import { renderingsOf } from './renderings';
import type { Entry, GlossaryFile, Source } from './schema';
import { hanCount } from './validate';

/** What the content script ships: patterns already folded, entry ids, the fold pairs. */
export interface MatcherData {
  /** Fold pairs as one string: "發发質质…" (traditional, simplified) pairs. */
  fold: string;
  entryIds: string[];
  /** Category of each entry, by index: lets the reader switch categories off. */
  categories: string[];
  /** [folded pattern, entry index] */
  patterns: [string, number][];
  /** Source of the RegExp that finds where patterns may start (see matchStartsSource). */
  starts: string;
}

/** One entry as the tooltip and the popup show it. */
export interface GlossaryEntry extends Omit<Entry, 'pinyin'> {
  pinyin: string;
  /** Traditional forms of the headword (Taiwan, Hong Kong), for display and matching. */
  traditional: string[];
  /** A term the reader added (options page), not part of the bundled glossary. */
  custom?: boolean;
}

export interface CompiledGlossary {
  sources: Record<string, Source>;
  entries: GlossaryEntry[];
}

export interface CompileTools {
  /** Character-level simplified → traditional converters (opencc-js cn→tw, cn→hk, cn→t). */
  toTraditional: ((s: string) => string)[];
  /**
   * Phrase-level converters (opencc-js cn→twp: 网络 → 網路, 对象 → 物件). Their output is added
   * as whole patterns, never aligned character by character: 物 is not a form of 对.
   */
  phraseVariants?: ((s: string) => string)[];
  /** Tone-marked pinyin syllables of the Chinese characters of `s`. */
  pinyin: (s: string) => string[];
}

/** Character pairs (traditional → simplified) found by aligning same-length conversions. */
/**
 * English renderings of more than this many words are clauses (a thesis sentence as Xinhua put
 * it), not terms: cards show them, the matcher does not take them. English pages paraphrase
 * such sentences rather than reproduce them, and every pattern is paid for by every page.
 */
const MAX_MATCHED_ENGLISH_WORDS = 8;

/** The English forms of an entry that the matcher looks for on pages. */
export function matchedEnglish(e: Pick<Entry, 'en'>): string[] {
  if (e.en.match === false) return [];
  return renderingsOf(e)
    .map((r) => r.text)
    .filter((t) => t.split(/\s+/).length <= MAX_MATCHED_ENGLISH_WORDS);
}

export function variantPairs(words: readonly string[], tools: CompileTools): Map<string, string> {
  const pairs = new Map<string, string>();
  const simplified = new Set(words.join(''));
  for (const w of words) {
    for (const conv of tools.toTraditional) {
      const t = conv(w);
      if ([...t].length !== [...w].length) continue; // phrase-level rewrites are added as patterns
      const ws = [...w];
      [...t].forEach((tc, i) => {
        const sc = ws[i]!;
        // A traditional form that is itself one of our simplified characters must stay as is.
        if (tc === sc || simplified.has(tc) || tc.length !== 1 || sc.length !== 1) return;
        if (!pairs.has(tc)) pairs.set(tc, sc);
      });
    }
  }
  return pairs;
}

export function compileGlossary(
  file: GlossaryFile,
  tools: CompileTools,
): { matcher: MatcherData; glossary: CompiledGlossary } {
  const zhForms = file.entries.flatMap((e) => [e.zh, ...e.aliases]);
  const pairs = variantPairs(zhForms, tools);
  const fold = [...pairs].map(([t, s]) => t + s).join('');
  const table = buildFoldTable(fold);
  const patterns: [string, number][] = [];
  const entries: GlossaryEntry[] = file.entries.map((e, index) => {
    const seen = new Set<string>();
    const add = (s: string) => {
      const p = normalizePattern(s, table);
      if (p.length < 2 || seen.has(p)) return;
      seen.add(p);
      patterns.push([p, index]);
    };
    const traditional = new Set<string>();
    for (const s of [e.zh, ...e.aliases]) {
      add(s);
      for (const conv of [...tools.toTraditional, ...(tools.phraseVariants ?? [])]) {
        const t = conv(s);
        if (t !== s) {
          if (s === e.zh) traditional.add(t);
          add(t); // phrase-level variants such as 網路 for 网络 need their own pattern
        }
      }
    }
    for (const s of matchedEnglish(e)) add(s);
    const pinyin = e.pinyin ?? tools.pinyin(e.zh).join(' ');
    const { pinyin: _override, ...rest } = e;
    void _override;
    return { ...rest, pinyin, traditional: [...traditional] };
  });
  // Sorted: the content script builds its trie fastest from sorted patterns (trie.ts).
  patterns.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    matcher: {
      fold,
      entryIds: file.entries.map((e) => e.id),
      categories: file.entries.map((e) => e.category),
      patterns,
      starts: matchStartsSource(
        patterns.map(([p]) => p),
        table,
      ),
    },
    glossary: { sources: file.sources, entries },
  };
}

export function pinyinMatchesHeadword(e: GlossaryEntry): boolean {
  return e.pinyin.split(/\s+/).filter(Boolean).length === hanCount(e.zh);
}
