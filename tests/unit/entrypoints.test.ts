// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 150;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

// Entry points only wire (CONTRIBUTING.md): their logic lives in lib/, their UI in components/.
describe('entry points', () => {
  const files = sources(resolve(ROOT, 'entrypoints'));

  it('are found', () => {
    expect(files.map((f) => relative(ROOT, f))).toContain('entrypoints/page-core.ts');
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))(`%s is at most ${MAX_LINES} lines`, (_, f) => {
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(MAX_LINES);
  });
});
