import Fuse from 'fuse.js';
import type { GlossaryEntry } from '../../shared/glossary/compile';
import { renderingsOf } from '../../shared/glossary/renderings';
import { hasHan, makeFolder, type Folder } from './fold';
import { matchPinyin, pinyinKeys, pinyinQuery, type PinyinKeys } from './pinyin';

/**
 * Search over the glossary (118 entries: everything is precomputed once, a query is a loop).
 * Chinese matches the headword, its aliases and traditional forms; Latin input is tried as
 * pinyin (with or without tones, tone digits, v for ü), as initials (xzscl → 新质生产力) and as
 * English (every rendering, official or not). Fuse.js adds typo-tolerant English matches after
 * the exact ones ("producitve forces").
 */

interface Doc {
  entry: GlossaryEntry;
  index: number;
  zh: string[];
  pinyin: PinyinKeys;
  en: string[];
}

export interface GlossaryHit {
  entry: GlossaryEntry;
  /** Lower is better; for tests and debugging. */
  score: number;
}

export class GlossaryIndex {
  private readonly docs: Doc[];
  private readonly byId: Map<string, GlossaryEntry>;
  private readonly fuse: Fuse<Doc>;

  constructor(
    readonly entries: readonly GlossaryEntry[],
    readonly fold: Folder = makeFolder(),
  ) {
    this.docs = entries.map((entry, index) => ({
      entry,
      index,
      zh: [entry.zh, ...entry.aliases, ...entry.traditional].map(fold),
      pinyin: pinyinKeys(entry.pinyin),
      en: [...new Set(renderingsOf(entry).map((r) => r.text))].map(fold),
    }));
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.fuse = new Fuse(this.docs, {
      keys: ['en'],
      threshold: 0.34,
      ignoreLocation: true,
      includeScore: true,
    });
  }

  get(id: string): GlossaryEntry | undefined {
    return this.byId.get(id);
  }

  /** Every entry for an empty query (glossary order), else the matches, best first. */
  search(query: string): GlossaryHit[] {
    const q = this.fold(query).trim().replace(/\s+/g, ' ');
    if (!q) return this.docs.map((d) => ({ entry: d.entry, score: 0 }));
    const scored: { doc: Doc; score: number }[] = [];
    for (const doc of this.docs) {
      const s = this.scoreDoc(doc, q);
      if (s !== null) scored.push({ doc, score: s });
    }
    // Typos ("producitve"): only when nothing matched exactly, or "xinzhi" would also bring
    // "Xinhua" in.
    if (scored.length === 0 && !hasHan(q) && q.length >= 4) {
      const seen = new Set(scored.map((s) => s.doc.index));
      for (const r of this.fuse.search(q)) {
        if (seen.has(r.refIndex)) continue;
        scored.push({ doc: r.item, score: 10 + (r.score ?? 1) });
      }
    }
    scored.sort(
      (a, b) =>
        a.score - b.score ||
        a.doc.entry.zh.length - b.doc.entry.zh.length ||
        a.doc.index - b.doc.index,
    );
    return scored.map(({ doc, score }) => ({ entry: doc.entry, score }));
  }

  /**
   * Ids of the entries a word of a note search stands for: exact or prefix matches only (a
   * word in the middle of a headword or of an English phrase is found by substring search).
   */
  termsFor(word: string): Set<string> {
    const out = new Set<string>();
    const q = this.fold(word).trim();
    if (!q) return out;
    for (const doc of this.docs) {
      const s = this.scoreDoc(doc, q);
      if (s !== null && s < 3) out.add(doc.entry.id);
    }
    return out;
  }

  /**
   * Score of one entry for a folded query; null when it does not match. Tiers:
   * 0 exact (any form), 1 prefix / initials, 2 at a syllable or word start, 3–4 inside.
   */
  private scoreDoc(doc: Doc, q: string): number | null {
    let best: number | null = null;
    const take = (s: number) => {
      if (best === null || s < best) best = s;
    };
    if (hasHan(q)) {
      for (const z of doc.zh) {
        if (z === q) take(0);
        else if (z.startsWith(q)) take(1);
        else if (z.includes(q)) take(3);
      }
      return best;
    }
    for (const [i, e] of doc.en.entries()) {
      const variant = i === 0 ? 0 : 0.25;
      if (e === q) take(0 + variant);
      else if (e.startsWith(q)) take(1 + variant);
      else if (wordStart(e, q)) take(2 + variant);
      else if (e.includes(q)) take(4 + variant);
    }
    const pq = pinyinQuery(q);
    if (pq) {
      if (!pq.hasTones && pq.plain.length >= 2 && /^[a-z]+$/.test(pq.plain)) {
        if (doc.pinyin.initials === pq.plain) take(0.5);
        else if (doc.pinyin.initials.startsWith(pq.plain) && pq.plain.length >= 3) take(1.5);
      }
      const hit = matchPinyin(doc.pinyin, pq);
      if (hit === 'exact') take(0);
      else if (hit === 'prefix') take(1);
      else if (hit === 'syllable') take(2.5);
      else if (hit === 'inner' && pq.plain.length >= 3) take(3.5);
    }
    return best;
  }
}

function wordStart(s: string, q: string): boolean {
  for (let i = s.indexOf(q); i !== -1; i = s.indexOf(q, i + 1)) {
    if (i === 0 || /[\s'’(/]/.test(s[i - 1]!)) return true;
  }
  return false;
}
