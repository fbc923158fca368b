import data from '../glossary/generated/matcher.json';
import { Automaton } from '../lib/match/automaton';
const pats = (data as any).patterns.map(([text, term]: [string, number]) => ({ text, term }));
const zh = pats.filter((p: any) => !/[a-z]/.test(p.text));
const en = pats.filter((p: any) => /[a-z]/.test(p.text));
for (const [name, set] of [['zh', zh], ['en', en], ['all', pats]] as const) {
  const t = performance.now(); Automaton.build(set); console.log(name, set.length, (performance.now() - t).toFixed(2));
}
