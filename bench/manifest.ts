/**
 * The built Chromium manifest (POLICY_LENS_OUT/chrome-mv3/manifest.json): what it injects into
 * every page it matches, read from the build so the bench follows whatever the manifest says
 * (a new content script file, a new stylesheet, other sites or frames).
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_BUILD } from '../tests/harness/chromium';

interface ContentScript {
  matches: string[];
  js?: string[];
  css?: string[];
  all_frames?: boolean;
  run_at?: string;
  /** exclude_matches, match_about_blank, world …: copied as they are. */
  [key: string]: unknown;
}

interface Manifest {
  content_scripts?: ContentScript[];
  web_accessible_resources?: (string | { resources: string[] })[];
}

function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as Manifest;
}

export interface BuiltFile {
  /** Path inside the build, as the manifest names it. */
  file: string;
  /** Absolute path. */
  path: string;
  kind: 'js' | 'css';
}

/** Every script and stylesheet the manifest's content_scripts inject (each file once). */
export function injectedFiles(): BuiltFile[] {
  const out = new Map<string, BuiltFile>();
  for (const cs of readManifest().content_scripts ?? []) {
    for (const kind of ['js', 'css'] as const) {
      for (const file of cs[kind] ?? [])
        out.set(file, { file, path: join(CHROME_BUILD, file), kind });
    }
  }
  return [...out.values()];
}

/**
 * Scripts and stylesheets a page may load on demand: the manifest's web-accessible resources
 * (globs expanded over the build), minus what is injected anyway and the HTML pages.
 */
export function onDemandFiles(): BuiltFile[] {
  const patterns = (readManifest().web_accessible_resources ?? []).flatMap((w) =>
    typeof w === 'string' ? [w] : w.resources,
  );
  const res = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*/g, '\u0000')
          .replace(/\*/g, '[^/]*')
          .replace(/\u0000/g, '.*')}$`,
      ),
  );
  const injected = new Set(injectedFiles().map((f) => f.file));
  const out: BuiltFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const file = relative(CHROME_BUILD, path).split('\\').join('/');
      const kind = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
      if (kind && !injected.has(file) && res.some((r) => r.test(file)))
        out.push({ file, path, kind });
    }
  };
  walk(CHROME_BUILD);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * The floor of being installed: an unpacked MV3 extension, written to a temporary directory,
 * whose content scripts match the same sites and frames at the same time as ours (every key of
 * our manifest's content_scripts entries but `js` and `css`) and do nothing; it injects no
 * stylesheet. Returns its directory.
 */
export function writeEmptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-lens-bench-empty-'));
  const content_scripts = (readManifest().content_scripts ?? []).map(
    ({ js: _js, css: _css, ...rest }) => ({ ...rest, js: ['empty.js'] }),
  );
  if (!content_scripts.length) throw new Error('the built manifest has no content_scripts');
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(
      {
        manifest_version: 3,
        name: 'Policy Lens bench: empty content script',
        version: '1.0.0',
        content_scripts,
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'empty.js'),
    '// Does nothing: the cost of a content script by itself.\n',
  );
  return dir;
}

/** Where the highlight styles were found, when the manifest does not inject them. */
const HIGHLIGHT_SOURCE = 'entrypoints/content/highlights.css';

/**
 * Our highlight stylesheet, for the peers to paint with the same styles: the stylesheets the
 * manifest injects when one of them styles `::highlight(policy-lens-term)`; otherwise (styles
 * injected by the script itself, on first need) the source file, and `from` says so.
 */
export function highlightStylesheet(): { css: string; from: string } {
  const css = injectedFiles()
    .filter((f) => f.kind === 'css')
    .map((f) => readFileSync(f.path, 'utf8'))
    .join('\n');
  if (css.includes('::highlight(policy-lens-term)')) return { css, from: 'the manifest' };
  const source = fileURLToPath(new URL(`../${HIGHLIGHT_SOURCE}`, import.meta.url));
  if (existsSync(source)) return { css: readFileSync(source, 'utf8'), from: HIGHLIGHT_SOURCE };
  return { css, from: 'nowhere: the peers paint with the browser default highlight style' };
}
