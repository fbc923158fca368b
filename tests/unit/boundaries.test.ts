// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
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
  ['entrypoints/page-core.ts', '../lib/extension/notes/repository', false],
  ['entrypoints/page-ui.ts', '../lib/extension/notes/repository', false],
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
 * By construction, not by rule alone: the modules the content script's entry loads at run time
 * (type-only imports are erased), followed through the source's own import statements.
 */
function runtimeGraph(entry: string): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const imports =
      /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s*'([^']+)'|import\s*'([^']+)'|import\('([^']+)'\)/g;
    for (const m of text.matchAll(imports)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec.replace(/\?.*$/, ''));
      const found = [`${base}.ts`, `${base}.tsx`, base].find(
        (f) => /\.(ts|tsx)$/.test(f) && existsSync(f),
      );
      if (found) visit(found);
    }
  };
  visit(resolve(ROOT, entry));
  return { files: [...seen].map((f) => relative(ROOT, f)), packages: [...packages] };
}

describe('the content script bundle', () => {
  const { files, packages } = runtimeGraph('entrypoints/page-core.ts');

  it('is followed from its entry', () => {
    expect(files).toContain('lib/page/content/start.ts');
    expect(files).toContain('lib/protocol/to-content.ts');
  });

  it('reaches neither the notes store nor Dexie', () => {
    expect(files.filter((f) => f.startsWith('lib/extension/'))).toEqual([]);
    expect(packages.filter((p) => /^dexie/.test(p))).toEqual([]);
  });

  it('loads no UI: the tooltip, the note UI and Preact come with page-ui.js, on need', () => {
    expect(files.filter((f) => f.startsWith('components/'))).toEqual([]);
    expect(packages.filter((p) => /^preact/.test(p))).toEqual([]);
    expect(files).not.toContain('lib/page/content/notes.ts');
  });

  it('leaves the UI to page-ui.js, which reaches neither the notes store nor Dexie', () => {
    const ui = runtimeGraph('entrypoints/page-ui.ts');
    expect(ui.files).toContain('components/page/tooltip.tsx');
    expect(ui.files.filter((f) => f.startsWith('lib/extension/'))).toEqual([]);
    expect(ui.packages.filter((p) => /^dexie/.test(p))).toEqual([]);
  });

  it('leaves the scan and paint to page-terms.js, loaded where a term may occur', () => {
    // A page without terms runs the check (terms.ts) and never compiles these (bench, page E).
    for (const f of [
      'lib/page/content/terms-engine.ts',
      'lib/page/scan/scanner.ts',
      'lib/page/highlight/layer.ts',
      'lib/page/highlight/viewport-ranges.ts',
      'lib/page/scan/mutations.ts',
    ]) {
      expect(files).not.toContain(f);
      expect(runtimeGraph('entrypoints/page-terms.ts').files).toContain(f);
    }
  });

  it('builds the one matcher of a page: page-terms.js is handed it and bundles no builder', () => {
    expect(files).toContain('lib/page/match/load.ts');
    expect(runtimeGraph('entrypoints/page-terms.ts').files).not.toContain('lib/page/match/load.ts');
  });

  it('loads no note schema and no background request schema (types only)', () => {
    // The model's and the background's schemas are for our own pages; the content script
    // checks what it receives (to-content.ts) and sends what the background checks.
    for (const f of ['lib/shared/notes/model.ts', 'lib/protocol/to-background.ts']) {
      expect(files).not.toContain(f);
    }
  });
});
