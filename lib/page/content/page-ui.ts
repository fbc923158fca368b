import { loadOnNeed } from './handover';
import type { Interactive, InteractiveDeps } from './interactive';

/**
 * The on-page UI lives in a script of its own (`page-ui.js`, entrypoints/page-ui.ts), loaded
 * into this content script's isolated world the first time it is needed: the first hover on a
 * term, a selection, notes on the page, a request from the extension (handover.ts).
 */
export interface PageUiModule {
  start(d: InteractiveDeps): Interactive;
}

/** The UI, loaded and started once; `loaded` is what exists now. */
export class LazyUi {
  private pending: Promise<Interactive> | null = null;
  loaded: Interactive | null = null;

  constructor(
    private readonly deps: () => InteractiveDeps,
    private readonly load: () => Promise<PageUiModule> = () => loadOnNeed('page-ui.js'),
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
