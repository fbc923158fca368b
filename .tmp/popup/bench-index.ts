import glossary from '../../glossary/generated/glossary.json';
import matcher from '../../glossary/generated/matcher.json';
import type { CompiledGlossary } from '../../lib/glossary/compile';
import { makeFolder } from '../../lib/search/fold';
import { GlossaryIndex } from '../../lib/search/glossary-search';
import { NoteIndex } from '../../lib/search/note-index';
import { makeNotes } from '../../tests/browser/popup-seed';
import Fuse from 'fuse.js';

const g = glossary as CompiledGlossary;
const gi = new GlossaryIndex(g.entries, makeFolder(matcher.fold));
const notes = makeNotes(10_000);
let t = performance.now();
const idx = new NoteIndex(gi);
idx.setNotes(notes);
console.log('index build', (performance.now() - t).toFixed(1));
t = performance.now();
idx.setNotes(notes.map((n) => ({ ...n })));
console.log('index rebuild (cached)', (performance.now() - t).toFixed(1));
const queries = ['p', 'pr', 'pro', 'prod', 'produ', 'product', 'productivity', '新', '新质', '新质生', 'xzscl', 'xin zhi', 'innovaton', 'carbon 经济', 'zzzz'];
for (const q of queries) {
  const times: number[] = [];
  let n = 0;
  for (let k = 0; k < 5; k++) {
    const s = performance.now();
    n = idx.search({ text: q }).length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify(q), n, 'median', times[2]!.toFixed(2), 'max', times[4]!.toFixed(2));
}
t = performance.now();
idx.warm();
console.log('warm vocab', (performance.now() - t).toFixed(1));
// Plain Fuse over all fields, for comparison.
const docs = notes.map((n) => ({ title: n.title, quote: n.selectors.quote.exact, text: n.text, tags: n.tags }));
t = performance.now();
const fuse = new Fuse(docs, { keys: ['title', 'quote', 'text', 'tags'], threshold: 0.3 });
console.log('fuse build', (performance.now() - t).toFixed(1));
for (const q of ['pro', 'productivity', '新质', 'innovaton']) {
  const s = performance.now();
  const r = fuse.search(q);
  console.log('fuse', q, r.length, (performance.now() - s).toFixed(1));
}
const fuse2 = new Fuse(docs, { keys: ['title', 'quote', 'text', 'tags'], threshold: 0.3, ignoreLocation: true });
for (const q of ['pro', 'productivity', '新质', 'innovaton']) {
  const s = performance.now();
  const r = fuse2.search(q);
  console.log('fuse ignoreLocation', q, r.length, (performance.now() - s).toFixed(1));
}
console.log('json size', JSON.stringify(notes).length / 1e6, 'MB');
