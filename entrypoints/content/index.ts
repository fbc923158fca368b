import { DEFAULT_SITES, matchPatternsFor } from '../../lib/shared/sites';
import { startPolicyLens } from '../../lib/page/content/app';
import './highlights.css';

// Injected twice when a page on a default site is also scanned on demand; run once per frame.
const RUNNING = Symbol.for('policy-lens.running');

export default defineContentScript({
  matches: matchPatternsFor(DEFAULT_SITES),
  allFrames: true,
  runAt: 'document_idle',
  main() {
    const g = globalThis as { [RUNNING]?: boolean };
    if (g[RUNNING]) return;
    g[RUNNING] = true;
    startPolicyLens(window);
  },
});
