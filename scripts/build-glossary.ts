// Builds glossary/generated/{matcher,glossary,nesting}.json from glossary/glossary.json.
// Runs before every build and test (npm run glossary); fails loudly on an invalid glossary.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { compileGlossary } from '../lib/shared/glossary/compile';
import { pageMatcherData } from '../lib/shared/glossary/page-matcher';
import { nestedTerms } from '../lib/shared/glossary/nesting';
import { buildFoldTable, normalizePattern } from '../lib/shared/text/normalize';
import { validateGlossary } from '../lib/shared/glossary/validate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = JSON.parse(readFileSync(join(root, 'glossary/glossary.json'), 'utf8')) as unknown;
const result = validateGlossary(source);
if (!result.ok) {
  console.error(`glossary/glossary.json is invalid:\n  ${result.errors.join('\n  ')}`);
  process.exit(1);
}
const toTraditional = (['tw', 'hk', 't'] as const).map((to) =>
  OpenCC.Converter({ from: 'cn', to }),
);
const phraseVariants = [OpenCC.Converter({ from: 'cn', to: 'twp' })];
const { matcher, glossary } = compileGlossary(result.glossary, {
  toTraditional,
  phraseVariants,
  pinyin: (s) => pinyin(s, { type: 'array', nonZh: 'removed' }),
});
const out = join(root, 'glossary/generated');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'matcher.json'), JSON.stringify(matcher));
// What the script every page loads imports (see page-matcher.ts).
writeFileSync(join(out, 'page-matcher.json'), JSON.stringify(pageMatcherData(matcher)));
writeFileSync(join(out, 'glossary.json'), JSON.stringify(glossary));
// For the reading log (background): the terms inside each term's wording.
const fold = buildFoldTable(matcher.fold);
const heads = glossary.entries.map((e) => normalizePattern(e.zh, fold));
writeFileSync(
  join(out, 'nesting.json'),
  JSON.stringify(nestedTerms(matcher.entryIds, heads, matcher.patterns)),
);
console.log(
  `glossary: ${glossary.entries.length} entries, ${matcher.patterns.length} patterns, ` +
    `${matcher.fold.length / 2} variant characters`,
);
