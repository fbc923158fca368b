import matcher from '../../glossary/generated/matcher.json';
import { startPolicyLens } from '../../lib/page/content/start';
import type { MatcherData } from '../../lib/shared/glossary/compile';
import { DEFAULT_SITES, matchPatternsFor } from '../../lib/shared/sites';
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
    // The build writes the matcher in this shape (scripts/build-glossary.ts).
    startPolicyLens(window, matcher as MatcherData);
  },
});
