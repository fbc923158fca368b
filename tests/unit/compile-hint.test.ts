import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHint } from '../../scripts/compile-hint';

type Bundle = Record<string, { type: 'chunk' | 'asset'; fileName: string; code?: string }>;

function run(bundle: Bundle): Bundle {
  const plugin = compileHint((f) => f === 'page-core.js');
  const hook = plugin.generateBundle as unknown as (o: unknown, b: Bundle) => void;
  hook.call({}, {}, bundle);
  return bundle;
}

describe('compileHint', () => {
  it.each([
    ['the content script gets the hint on its first line', 'page-core.js', 'chunk', true],
    ['another script does not', 'background.js', 'chunk', false],
    ['an asset is left alone', 'page-core.js', 'asset', false],
  ] as const)('%s', (_name, fileName, type, hinted) => {
    const out = run({ x: { type, fileName, code: 'var a=1;' } });
    expect(out.x!.code).toBe(hinted ? `${COMPILE_HINT}var a=1;` : 'var a=1;');
  });

  it('adds it once', () => {
    const bundle: Bundle = {
      x: { type: 'chunk', fileName: 'page-core.js', code: 'f()' },
    };
    run(bundle);
    run(bundle);
    expect(bundle.x!.code).toBe(`${COMPILE_HINT}f()`);
  });

  it('is the magic comment V8 reads: a line comment of its own', () => {
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });
});
