import data from '../glossary/generated/matcher.json';
const pats = (data as any).patterns as [string, number][];
let t = performance.now();
const children: Map<number, number>[] = [new Map()];
for (const [p] of pats) { let s = 0; for (let i = 0; i < p.length; i++) { const c = p.charCodeAt(i); let n = children[s]!.get(c); if (n === undefined) { n = children.length; children.push(new Map()); children[s]!.set(c, n); } s = n; } }
console.log('trie', (performance.now() - t).toFixed(2), children.length, pats.reduce((a, [p]) => a + p.length, 0));
t = performance.now();
const r = new Int32Array(0x10000); console.log('alloc', (performance.now() - t).toFixed(2));
