import type { Page } from 'playwright-core';
import glossary from '../../glossary/generated/glossary.json';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { DB_NAME } from '../../lib/extension/notes/db';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';

/**
 * Synthetic notes for the popup's scale tests and benchmarks: N notes on N/10 people.cn pages,
 * quotes taken from the glossary's speech sentences (so they link real terms), texts mixing
 * Chinese and English, 30 tags. Deterministic for a given seed.
 *
 * `seedNotes(page, notes)` writes them in one IndexedDB transaction from an extension page
 * (popup.html), straight into the notes database the popup reads; reload the popup afterwards
 * (its liveQuery only hears writes made through Dexie).
 */

const g = glossary as CompiledGlossary;
const QUOTES = g.entries.flatMap((e) => (e.quote ? [e.quote.text] : []));
const TAGS = [
  'economy',
  'innovation',
  'green',
  'reform',
  'talent',
  'industry',
  'finance',
  'rural',
  'digital',
  'security',
  '经济',
  '科技',
  '改革',
  '人才',
  '绿色',
  '开放',
  '制造业',
  '数字经济',
  '新质生产力',
  '质量',
  'translation',
  'follow-up',
  'quote',
  'question',
  'compare-2023',
  'Qiushi',
  'Xinhua',
  'thesis',
  'teaching',
  'later',
];
const WORDS_EN = [
  'productivity',
  'innovation',
  'industrial',
  'upgrading',
  'structural',
  'investment',
  'manufacturing',
  'technology',
  'breakthrough',
  'consumption',
  'governance',
  'environmental',
  'carbon',
  'emissions',
  'education',
  'talent',
  'market',
  'reform',
  'opening',
  'compare',
  'translation',
  'wording',
  'speech',
  'emphasis',
  'priority',
];
const WORDS_ZH = ['注意', '对比', '提法', '翻译', '重点', '背景', '政策', '变化', '首次', '强调'];
const TITLES = [
  '习近平在中共中央政治局第十一次集体学习时强调',
  '加快发展新质生产力 扎实推进高质量发展',
  '人民日报评论员：牢牢把握高质量发展这个首要任务',
  '以科技创新引领现代化产业体系建设',
  '全面深化改革开放 持续增强发展内生动力',
  'Xi stresses new quality productive forces',
  '推动绿色低碳发展 促进人与自然和谐共生',
  '健全要素参与收入分配机制',
];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeNotes(n: number, seed = 1, start = Date.UTC(2024, 1, 2, 8)): Note[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const notes: Note[] = [];
  for (let i = 0; i < n; i++) {
    const page = Math.floor(i / 10);
    const sentence = pick(QUOTES);
    const from = Math.floor(r() * Math.max(1, sentence.length - 30));
    const exact = sentence.slice(from, from + 20 + Math.floor(r() * 40));
    const termIds = g.entries.filter((e) => exact.includes(e.zh)).map((e) => e.id);
    const words = Array.from({ length: 6 + Math.floor(r() * 14) }, () =>
      r() < 0.6 ? pick(WORDS_EN) : pick(WORDS_ZH),
    );
    const tags = [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => pick(TAGS)))];
    const createdAt = start + i * 60_000;
    const url = `http://www.people.cn/n1/2024/0202/c${1000 + page}-${40000 + page}.html`;
    notes.push({
      id: `00000000-0000-4000-8000-${String(seed * 1_000_000 + i).padStart(12, '0')}`,
      url,
      title: `${pick(TITLES)} (${page + 1})`,
      site: 'people.cn',
      rev: 1,
      selectors: {
        version: SELECTOR_VERSION,
        quote: {
          type: 'TextQuoteSelector',
          exact,
          prefix: sentence.slice(Math.max(0, from - 32), from),
          suffix: sentence.slice(from + exact.length, from + exact.length + 32),
        },
        position: { type: 'TextPositionSelector', start: from, end: from + exact.length },
      },
      text: `${words.join(' ')} #${i}`,
      tags,
      termIds,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return notes;
}

/** Writes `notes` into the extension's notes database from an extension page, one transaction. */
export async function seedNotes(page: Page, notes: readonly Note[]): Promise<number> {
  return page.evaluate(
    async ({ name, notes }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('notes', 'readwrite');
        const store = tx.objectStore('notes');
        for (const n of notes) store.put(n);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return performance.now() - t0;
    },
    { name: DB_NAME, notes: notes as Note[] },
  );
}

/** Every note in the database, sorted by id (to compare two profiles). */
export function readAllNotes(page: Page): Promise<Note[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<Note[]>((resolve, reject) => {
      const req = db.transaction('notes').objectStore('notes').getAll();
      req.onsuccess = () => resolve(req.result as Note[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all.sort((a, b) => (a.id < b.id ? -1 : 1));
  }, DB_NAME);
}

/**
 * Types each query into the popup's search box one character every 120 ms (then Escape), after
 * letting the idle-time index preparation run, and returns the popup's own per-keystroke
 * measures: input → DOM updated (`commit`) and input → next frame (`frame`).
 */
export async function measureSearchKeystrokes(
  popup: Page,
  queries: readonly string[],
): Promise<{ commit: number[]; frame: number[] }> {
  await popup.waitForTimeout(1500);
  await popup.evaluate(() => performance.clearMeasures());
  await popup.getByRole('searchbox').focus();
  for (const q of queries) {
    await popup.keyboard.type(q, { delay: 120 });
    await popup.waitForTimeout(200);
    await popup.keyboard.press('Escape');
    await popup.waitForTimeout(200);
  }
  return popup.evaluate(() => ({
    commit: performance.getEntriesByName('policy-lens:search').map((e) => e.duration),
    frame: performance.getEntriesByName('policy-lens:search-frame').map((e) => e.duration),
  }));
}
