import glossary from '../../glossary/generated/glossary.json';
import matcher from '../../glossary/generated/matcher.json';
import type { CompiledGlossary } from '../../lib/glossary/compile';
import { makeFolder } from '../../lib/search/fold';
import { GlossaryIndex } from '../../lib/search/glossary-search';
import { NoteIndex } from '../../lib/search/note-index';
import { makeNotes } from '../../tests/browser/popup-seed';
const g = glossary as CompiledGlossary;
const gi = new GlossaryIndex(g.entries, makeFolder(matcher.fold));
const notes = makeNotes(10_000);
for (let k = 0; k < 4; k++) {
  const t = performance.now();
  const idx = new NoteIndex(gi);
  idx.setNotes(notes);
  console.log('index build', (performance.now() - t).toFixed(1));
}
