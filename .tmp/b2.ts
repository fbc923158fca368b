import data from '../glossary/generated/matcher.json';
import { buildFoldTable } from '../lib/text/normalize';
import { Automaton } from '../lib/match/automaton';
for (let i = 0; i < 3; i++) {
  let t = performance.now(); buildFoldTable((data as any).fold); const a = performance.now() - t;
  t = performance.now(); Automaton.build((data as any).patterns.map(([text, term]: [string, number]) => ({ text, term }))); const b = performance.now() - t;
  console.log(a.toFixed(2), b.toFixed(2));
}
