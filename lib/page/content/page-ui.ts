import { browser } from 'wxt/browser';
import type { Interactive, InteractiveDeps } from './interactive';

/**
 * The on-page UI lives in a script of its own (`page-ui.js`, entrypoints/page-ui.ts), loaded
 * into this content script's isolated world the first time it is needed: the first hover on a
 * term, a selection, notes on the page, a request from the extension. It hands itself over on
 * the isolated world's global, which the page's scripts (another global) cannot see.
 */
export interface PageUiModule {
  start(d: InteractiveDeps): Interactive;
}

const KEY = Symbol.for('policy-lens.page-ui');

type Handover = { [KEY]?: PageUiModule };

/** Called by page-ui.js as it runs. */
export function providePageUi(ui: PageUiModule): void {
  (globalThis as Handover)[KEY] = ui;
}

function importPageUi(): Promise<PageUiModule> {
  const have = (globalThis as Handover)[KEY];
  if (have) return Promise.resolve(have);
  return import(/* @vite-ignore */ browser.runtime.getURL('/page-ui.js')).then(() => {
    const ui = (globalThis as Handover)[KEY];
    if (!ui) throw new Error('page-ui.js did not load');
    return ui;
  });
}

/** The UI, loaded and started once; `loaded` is what exists now. */
export class LazyUi {
  private pending: Promise<Interactive> | null = null;
  loaded: Interactive | null = null;

  constructor(
    private readonly deps: () => InteractiveDeps,
    private readonly load: () => Promise<PageUiModule> = importPageUi,
  ) {}

  get(): Promise<Interactive> {
    this.pending ??= this.load().then(
      (mod) => {
        const started = mod.start(this.deps());
        this.loaded = started;
        return started;
      },
      (e: unknown) => {
        this.pending = null; // the extension was reloaded under the page: try again next time
        throw e;
      },
    );
    return this.pending;
  }
}
