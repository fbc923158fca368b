// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaryRules } from '../../eslint.boundaries.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// The folder rules of eslint.boundaries.js, on made-up files: each line is a file, an import
// and whether the rules let it through.
const CASES: [file: string, from: string, allowed: boolean][] = [
  ['lib/page/content/x.ts', 'dexie', false],
  ['lib/page/content/x.ts', '../../extension/notes/repository', false],
  ['lib/page/content/x.ts', '../../../components/page/tooltip', false],
  ['lib/page/content/x.ts', 'preact', false],
  ['lib/page/content/x.ts', '../../shared/notes/model', true],
  ['lib/page/content/x.ts', '../../protocol/send', true],
  ['lib/page/anchoring/x.ts', '../../shared/text/normalize', true],
  ['lib/shared/notes/x.ts', '../../protocol/to-content', false],
  ['lib/shared/notes/x.ts', '../../page/anchoring/anchor', false],
  ['lib/shared/notes/x.ts', 'valibot', true],
  ['lib/shared/notes/x.ts', './page-scope', true],
  ['lib/protocol/x.ts', '../extension/notes/service', false],
  ['lib/protocol/x.ts', '../shared/notes/model', true],
  ['lib/extension/notes/x.ts', '../../page/anchoring/anchor', false],
  ['lib/extension/notes/x.ts', 'dexie', true],
  ['lib/extension/notes/x.ts', '../../../components/popup/NotesView', false],
  ['components/page/x.tsx', '../../lib/extension/notes/repository', false],
  ['components/page/x.tsx', 'dexie', false],
  ['components/page/x.tsx', '../popup/NotesView', false],
  ['components/page/x.tsx', '../notes/NoteEditor', false],
  ['components/page/x.tsx', '../../lib/page/content/ports', true],
  ['components/terms/x.tsx', 'dexie', false],
  ['components/popup/x.tsx', '../../lib/extension/notes/repository', true],
  ['components/popup/x.tsx', '../../entrypoints/popup/main', false],
  ['entrypoints/content/x.ts', '../../lib/extension/notes/repository', false],
  ['entrypoints/background.ts', '../lib/extension/notes/repository', true],
];

describe('import boundaries (eslint.boundaries.js)', () => {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
      ...boundaryRules,
    ],
  });

  it.each(CASES)('%s importing %s: allowed %s', async (file, from, allowed) => {
    const [result] = await eslint.lintText(`import x from '${from}';\nexport default x;\n`, {
      filePath: resolve(ROOT, file),
    });
    const hits = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
    expect(hits.length === 0).toBe(allowed);
  });
});

/**
 * By construction, not by rule alone: every module the content script's entry reaches,
 * followed through the source's own import statements, is outside lib/extension and none
 * imports Dexie.
 */
describe('the content script bundle', () => {
  it('reaches neither the notes store nor Dexie', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /(?:import|export)\s[^'"]*?from\s*'([^']+)'|import\('([^']+)'\)/g,
      )) {
        const spec = m[1] ?? m[2]!;
        if (!spec.startsWith('.')) {
          packages.add(spec);
          continue;
        }
        const base = resolve(dirname(file), spec.replace(/\?.*$/, ''));
        const found = [base, `${base}.ts`, `${base}.tsx`].find((f) => {
          try {
            return readFileSync(f) && /\.(ts|tsx)$/.test(f);
          } catch {
            return false;
          }
        });
        if (found) visit(found);
      }
    };
    visit(resolve(ROOT, 'entrypoints/content/index.ts'));
    const files = [...seen].map((f) => relative(ROOT, f));
    expect(files).toContain('lib/page/content/start.ts');
    expect(files.filter((f) => f.startsWith('lib/extension/'))).toEqual([]);
    expect([...packages].filter((p) => /^dexie/.test(p))).toEqual([]);
  });
});
