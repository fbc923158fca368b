import { buildPages } from './pages';
const t0 = performance.now();
const { pages, matcherPatterns } = await buildPages();
console.log(performance.now() - t0, matcherPatterns);
for (const p of pages) console.log(p.key, p.label, p.chars, p.paragraphs, p.textNodes, p.expected, p.feed?.expectedAfter, p.html?.length);
