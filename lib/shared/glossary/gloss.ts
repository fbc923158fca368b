/**
 * A one-line gloss for the tooltip's first level, derived from an entry's definition: its first
 * sentence, shortened at a clause boundary when long, and only as a last resort at a word
 * boundary (then marked with "…"). Never cut mid-word.
 */

const EN_MAX = 100;
const EN_MIN = 24;
const ZH_MAX = 40;
const ZH_MIN = 8;
/** Words a phrase should not end on when cut at a word boundary. */
const DANGLING =
  /\s+(?:a|an|the|and|or|of|to|in|on|at|by|for|with|from|as|that|which|its|their|is|are|but)$/i;

function firstSentenceEn(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (m ? m[0] : text.trim()).replace(/[.!?]$/, '');
}

/** What opens a clause after a comma ("…, when he joined", "…, elected by", "…, such as"). */
const CLAUSE =
  /^(?:which|who|whose|when|where|while|as|with|without|often|usually|mainly|especially|including|such|so|since|from|in|at|by|for|and\s(?:is|are|was|were)|\w+ed\s|\w+ing\s)/;

const words = (t: string) => t.trim().split(/\s+/).length;

/**
 * Whether the comma at `at` separates items of a list: a short item beside it, or the list's
 * last pair ("…, distribution and consumption") right after it.
 */
function inList(s: string, at: number): boolean {
  const next = s.slice(at + 2).split(/[,;:]/)[0]!;
  const before = s.slice(0, at).split(', ').slice(1);
  return words(next) <= 4 || /\s(?:and|or)\s/.test(next) || before.some((item) => words(item) <= 4);
}

/** The English gloss. */
export function glossEn(definition: string): string {
  const s = firstSentenceEn(definition);
  if (s.length <= EN_MAX) return s;
  // A clause ends at a colon, semicolon, dash or opening parenthesis: the phrase before it
  // stands on its own ("A principle stressed since …: plan development and security …").
  const strong = /\s*(?:[:;(]|\s—\s|\s–\s)/g;
  for (let m = strong.exec(s); m; m = strong.exec(s)) {
    if (m.index >= EN_MIN && m.index <= EN_MAX) return s.slice(0, m.index);
    if (m.index > EN_MAX) break;
  }
  // Else the last comma that leaves a phrase long enough to say something, unless it sits in
  // an enumeration ("big data, artificial intelligence, …"): a list cut short misleads.
  const head = s.slice(0, EN_MAX + 1);
  for (let c = head.lastIndexOf(', '); c >= EN_MIN; c = head.lastIndexOf(', ', c - 1)) {
    if (!inList(s, c) && CLAUSE.test(s.slice(c + 2))) return s.slice(0, c);
  }
  let cut = head.slice(0, head.lastIndexOf(' '));
  for (let prev = ''; prev !== cut;) {
    prev = cut;
    cut = cut.replace(/[\s,;:]+$/, '').replace(DANGLING, '');
  }
  return `${cut}…`;
}

/** The Chinese gloss: the first clause, without the defining "指". */
export function glossZh(definition: string): string {
  const first = definition
    .trim()
    .split(/[。；：！？]/)[0]!
    .replace(/^指/, '');
  if ([...first].length <= ZH_MAX) return first;
  const chars = [...first];
  const head = chars.slice(0, ZH_MAX + 1).join('');
  // Only at a full comma outside brackets: a cut at 、 would end the gloss mid-list.
  const open = head.indexOf('（');
  const comma = head.lastIndexOf('，', open >= 0 ? open : undefined);
  if (comma >= ZH_MIN) return head.slice(0, comma);
  if (open >= ZH_MIN) return head.slice(0, open);
  return `${chars.slice(0, ZH_MAX).join('')}…`;
}

/** The gloss in the reader's tooltip language ('both': the English, under the English rendering). */
export function glossOf(
  definition: { zh: string; en: string },
  language: 'both' | 'zh' | 'en',
): { text: string; lang: 'zh-CN' | 'en' } {
  return language === 'zh'
    ? { text: glossZh(definition.zh), lang: 'zh-CN' }
    : { text: glossEn(definition.en), lang: 'en' };
}
