/**
 * Pinyin keys for search. The glossary's `pinyin` is tone-marked and space-separated
 * ("xīn zhì shēng chǎn lì"); readers type it with or without tones, with tone numbers
 * ("xin1zhi4"), with v for ü ("lvse" → lǜsè), or as initials ("xzscl").
 */

/** Tone marks removed: NFD splits ǚ into u + two combining marks, which are dropped. */
export function stripTones(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

export interface PinyinKeys {
  /** Tone-marked, lower case, no spaces: "xīnzhìshēngchǎnlì". */
  toned: string;
  /** Without tones or spaces: "xinzhishengchanli". */
  plain: string;
  /** Offsets in `plain` where a syllable starts (for "starts at a syllable" ranking). */
  starts: number[];
  /** First letter of each syllable: "xzscl". */
  initials: string;
}

export function pinyinKeys(pinyin: string): PinyinKeys {
  const syllables = pinyin
    .normalize('NFC')
    .toLowerCase()
    .split(/[\s'’-]+/)
    .filter(Boolean);
  const plainSyllables = syllables.map(stripTones);
  const starts: number[] = [];
  let at = 0;
  for (const s of plainSyllables) {
    starts.push(at);
    at += s.length;
  }
  return {
    toned: syllables.join(''),
    plain: plainSyllables.join(''),
    starts,
    initials: plainSyllables.map((s) => s[0] ?? '').join(''),
  };
}

export interface PinyinQuery {
  /** The query as typed, lower case, NFC, without spaces, apostrophes or tone digits. */
  toned: string;
  /** Whether the reader typed tone marks (then `toned` must match tone for tone). */
  hasTones: boolean;
  /** Without tones; v stands for ü. */
  plain: string;
}

/** null when the query cannot be pinyin (anything but Latin letters, tone marks, digits 1–5). */
export function pinyinQuery(q: string): PinyinQuery | null {
  const s = q
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s'’-]+/g, '');
  if (!s || !/^[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ1-5]+$/u.test(s)) return null;
  // Tone numbers become tone marks ("xin1" → "xīn"): then they must match, like typed marks.
  const marked = s.replace(/([a-zü]+)([1-5])/g, (_, syl: string, d: string) =>
    markTone(syl, Number(d)),
  );
  const noDigits = marked.replace(/[1-5]/g, '');
  if (!noDigits) return null;
  const plain = stripTones(noDigits).replace(/v/g, 'u');
  return { toned: noDigits, hasTones: TONED.test(noDigits), plain };
}

const MARKS: Record<string, string> = {
  a: 'āáǎà',
  e: 'ēéěè',
  i: 'īíǐì',
  o: 'ōóǒò',
  u: 'ūúǔù',
  ü: 'ǖǘǚǜ',
};

/** Puts tone `tone` (1–4; 5 = neutral) on the syllable's vowel by the standard rule. */
export function markTone(syllable: string, tone: number): string {
  const syl = syllable.replace(/v/g, 'ü');
  if (tone < 1 || tone > 4) return syl;
  let at = syl.search(/[ae]/);
  if (at < 0) at = syl.indexOf('ou');
  if (at < 0) {
    for (let i = syl.length - 1; i >= 0; i--) {
      if ('iouü'.includes(syl[i]!)) {
        at = i;
        break;
      }
    }
  }
  if (at < 0) return syl;
  const v = syl[at]!;
  return syl.slice(0, at) + MARKS[v]![tone - 1]! + syl.slice(at + 1);
}

const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/u;

/** How a pinyin query meets an entry's pinyin, best first; null when it does not. */
export type PinyinHit = 'exact' | 'prefix' | 'syllable' | 'inner';

/**
 * Where `q` occurs in `keys.plain`. Letters the reader typed with a tone mark must carry the
 * same tone in the entry; letters typed without one match any tone. Toned and plain strings
 * are aligned character for character (NFC tone-marked vowels are single code points).
 */
export function matchPinyin(keys: PinyinKeys, q: PinyinQuery): PinyinHit | null {
  let best: PinyinHit | null = null;
  for (let i = keys.plain.indexOf(q.plain); i !== -1; i = keys.plain.indexOf(q.plain, i + 1)) {
    if (q.hasTones && !tonesAgree(keys.toned, i, q.toned)) continue;
    const hit: PinyinHit =
      i === 0
        ? q.plain.length === keys.plain.length
          ? 'exact'
          : 'prefix'
        : keys.starts.includes(i)
          ? 'syllable'
          : 'inner';
    if (best === null || RANK[hit] < RANK[best]) best = hit;
    if (best === 'exact' || best === 'prefix') break;
  }
  return best;
}

const RANK: Record<PinyinHit, number> = { exact: 0, prefix: 1, syllable: 2, inner: 3 };

function tonesAgree(toned: string, at: number, q: string): boolean {
  for (let j = 0; j < q.length; j++) {
    const c = q[j]!;
    if (TONED.test(c) && toned[at + j] !== c) return false;
  }
  return true;
}
