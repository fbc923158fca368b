import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Sizes {
  contentJs: number;
  contentJsGzip: number;
  contentCssGzip: number;
  /** Store packages from `wxt zip`, bytes, by file name (chrome, firefox, sources). */
  zips: Record<string, number>;
}

const OUT_DIR = resolve(process.env.POLICY_LENS_OUT ?? '.output');

/**
 * Sizes of what we ship. `wxt zip` rebuilds into the same output directory (same inputs, same
 * files) and writes the store zips; it runs before any browser is started.
 */
export function measureSizes(): Sizes {
  const started = Date.now();
  for (const args of [['zip'], ['zip', '-b', 'firefox']]) {
    execFileSync('npx', ['wxt', ...args], { stdio: 'ignore' });
  }
  const zips: Record<string, number> = {};
  for (const f of readdirSync(OUT_DIR)) {
    const p = join(OUT_DIR, f);
    if (f.endsWith('.zip') && statSync(p).mtimeMs >= started - 1000) zips[f] = statSync(p).size;
  }
  const { js, css } = contentScriptFiles();
  const gz = (files: string[]) =>
    files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return {
    contentJs: js.reduce((n, f) => n + statSync(f).size, 0),
    contentJsGzip: gz(js),
    contentCssGzip: gz(css),
    zips,
  };
}

/** The files the manifest injects as content scripts (absolute paths). */
export function contentScriptFiles(): { js: string[]; css: string[] } {
  const dir = join(OUT_DIR, 'chrome-mv3');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
  };
  const js = new Set<string>();
  const css = new Set<string>();
  for (const cs of manifest.content_scripts ?? []) {
    for (const f of cs.js ?? []) js.add(join(dir, f));
    for (const f of cs.css ?? []) css.add(join(dir, f));
  }
  return { js: [...js], css: [...css] };
}
