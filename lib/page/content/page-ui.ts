import { browser } from 'wxt/browser';
import type { NotesPort, NotesStartDeps, PageUiModule } from './ports';

/**
 * The on-page UI lives in a script of its own (`page-ui.js`, entrypoints/page-ui.ts), loaded
 * into this content script's isolated world the first time it is needed. It hands itself over
 * on the isolated world's global (the page's scripts have another global and cannot see it).
 */
const KEY = Symbol.for('policy-lens.page-ui');

type Handover = { [KEY]?: PageUiModule };

/** Called by page-ui.js as it runs. */
export function providePageUi(ui: PageUiModule): void {
  (globalThis as Handover)[KEY] = ui;
}

let loading: Promise<PageUiModule> | null = null;

/** The UI module, loaded once (a dynamic import of the extension's own file). */
export function loadPageUi(): Promise<PageUiModule> {
  const have = (globalThis as Handover)[KEY];
  if (have) return Promise.resolve(have);
  loading ??= import(/* @vite-ignore */ browser.runtime.getURL('/page-ui.js')).then(
    () => {
      const ui = (globalThis as Handover)[KEY];
      if (!ui) throw new Error('page-ui.js did not load');
      return ui;
    },
    (e: unknown) => {
      loading = null; // an extension reload under the page: try again next time
      throw e;
    },
  );
  return loading;
}

/**
 * The notes controller, made (with the UI module) on first need and started at once. `loaded`
 * is what exists now, for calls that only matter once notes are on the page.
 */
export class LazyNotes {
  private pending: Promise<NotesPort> | null = null;
  loaded: NotesPort | null = null;
  private active = true;

  constructor(
    private readonly deps: NotesStartDeps,
    private readonly load: () => Promise<PageUiModule> = loadPageUi,
  ) {}

  get(): Promise<NotesPort> {
    this.pending ??= this.load().then((ui) => {
      const notes = ui.notes(this.deps);
      notes.setActive(this.active);
      notes.start(Promise.resolve());
      this.loaded = notes;
      return notes;
    });
    return this.pending;
  }

  setActive(active: boolean): void {
    this.active = active;
    this.loaded?.setActive(active);
  }
}
