import HK from 'opencc-js/dict/HKVariants';
import ST from 'opencc-js/dict/STCharacters';
import TS from 'opencc-js/dict/TSCharacters';
import TW from 'opencc-js/dict/TWVariants';

/**
 * The simplified and traditional forms of a passage, character by character (opencc-js's
 * character dictionaries; its phrase dictionaries, 1 MB, are not worth it here: a reprint that
 * changes a word, not a character, is not the same passage). The background fingerprints every
 * form, so the page side needs no conversion table at all: it only folds what the matcher
 * folds, and a traditional reprint matches the passage's traditional form.
 */

type CharMap = Map<string, string>;

/** "a b c|d e" → a→b, d→e: the first (most common) rendering of each character. */
function parse(dict: string, into: CharMap = new Map()): CharMap {
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1) into.set(from, to);
  }
  return into;
}

let maps: { s2t: CharMap; t2s: CharMap; tw: CharMap; hk: CharMap } | null = null;

function tables() {
  maps ??= { s2t: parse(ST), t2s: parse(TS), tw: parse(TW), hk: parse(HK) };
  return maps;
}

function convert(s: string, ...chain: CharMap[]): string {
  let out = '';
  for (const ch of s) {
    let c = ch;
    for (const m of chain) c = m.get(c) ?? c;
    out += c;
  }
  return out;
}

/** The passage as written, its simplified form, and its traditional forms (OpenCC, Taiwan, Hong Kong). */
export function scriptVariants(s: string): string[] {
  const m = tables();
  const simplified = convert(s, m.t2s);
  const forms = [
    s,
    simplified,
    convert(simplified, m.s2t),
    convert(simplified, m.s2t, m.tw),
    convert(simplified, m.s2t, m.hk),
  ];
  return [...new Set(forms)];
}
