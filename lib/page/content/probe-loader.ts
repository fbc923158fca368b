import { browser } from 'wxt/browser';
import type { PassageFilter } from '../../protocol/to-background';

/**
 * passage-probe.js (entrypoints/passage-probe.ts), imported into this content script's isolated
 * world when notes travel, like page-ui.js (page-ui.ts): it hands itself over on the isolated
 * world's global, which the page's scripts (another global) cannot see.
 */
type Probe = (doc: Document, foldPairs: string, f: PassageFilter) => number[];

const KEY = Symbol.for('policy-lens.passage-probe');

type Handover = { [KEY]?: Probe };

/** Called by passage-probe.js as it runs. */
export function provideProbe(probe: Probe): void {
  (globalThis as Handover)[KEY] = probe;
}

export async function loadProbe(): Promise<Probe> {
  const g = globalThis as Handover;
  if (!g[KEY]) await import(/* @vite-ignore */ browser.runtime.getURL('/passage-probe.js'));
  const probe = g[KEY];
  if (!probe) throw new Error('passage-probe.js did not load');
  return probe;
}
