import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { injectedFiles, onDemandFiles, type BuiltFile } from './manifest';

export interface FileSize {
  /** Path inside the build, as the manifest names it. */
  file: string;
  kind: 'js' | 'css';
  raw: number;
  /** gzip -9, bytes. */
  gzip: number;
}

export interface Sizes {
  /** What the manifest's content_scripts inject into every page they match (js and css). */
  everyPage: FileSize[];
  /** Web-accessible scripts and stylesheets: loaded by a page only when asked for. */
  onDemand: FileSize[];
  /** Store packages from `wxt zip`, bytes, by file name (chrome, firefox, sources). */
  zips: Record<string, number>;
}

const OUT_DIR = resolve(process.env.POLICY_LENS_OUT ?? '.output');

const sizeOf = (f: BuiltFile): FileSize => {
  const bytes = readFileSync(f.path);
  return {
    file: f.file,
    kind: f.kind,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
};

/** Gzipped bytes of every script the manifest injects into every page. */
export const everyPageJsGzip = (s: Sizes) =>
  s.everyPage.filter((f) => f.kind === 'js').reduce((n, f) => n + f.gzip, 0);

/**
 * Sizes of what we ship. `wxt zip` rebuilds into the same output directory (same inputs, same
 * files) and writes the store zips; it runs before any browser is started. The injected files
 * are read from the built manifest, so a new one cannot be missed.
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
  return {
    everyPage: injectedFiles().map(sizeOf),
    onDemand: onDemandFiles().map(sizeOf),
    zips,
  };
}
