import { browser } from 'wxt/browser';
import type { PassageProbe } from './passage-probe';
import type { PageUiModule } from './page-ui';
import type { TermsModule } from './terms';

/**
 * Scripts of ours that the content script loads into its isolated world on need: each hands
 * its module over on the isolated world's global, which the page's scripts (another global)
 * cannot see, under one registered symbol (each script is a bundle of its own).
 */
interface Modules {
  /** The scan and paint (entrypoints/page-terms.ts): only where a term may occur. */
  'page-terms.js': TermsModule;
  /** The on-page UI (entrypoints/page-ui.ts). */
  'page-ui.js': PageUiModule;
  /** Notes made elsewhere (entrypoints/passage-probe.ts): only for readers whose notes travel. */
  'passage-probe.js': PassageProbe;
}

const KEY = Symbol.for('policy-lens.modules');

type Global = { [KEY]?: Partial<Modules> };

/** Called by each on-need script as it runs. */
export function handOver<F extends keyof Modules>(file: F, module: Modules[F]): void {
  const g = globalThis as Global;
  (g[KEY] ??= {})[file] = module;
}

/** The module of `file`, imported the first time. */
export async function loadOnNeed<F extends keyof Modules>(file: F): Promise<Modules[F]> {
  const g = globalThis as Global;
  if (!g[KEY]?.[file]) await import(/* @vite-ignore */ browser.runtime.getURL(`/${file}`));
  const module = g[KEY]?.[file];
  if (!module) throw new Error(`${file} did not load`);
  return module;
}
