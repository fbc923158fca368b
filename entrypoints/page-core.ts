import matcher from '../glossary/generated/page-matcher.json';
import { whenReadable } from '../lib/page/content/frame-size';
import { startPolicyLens } from '../lib/page/content/start';

// The content script every page of the sites we run on loads (declared in wxt.config.ts's
// manifest, with highlights.css): the terms, the hover probe, the notes gate. The UI comes
// later, on need (page-ui.js).

// Injected twice when a page on a default site is also scanned on demand; run once per frame.
const RUNNING = Symbol.for('policy-lens.running');

export default defineUnlistedScript(() => {
  const g = globalThis as { [RUNNING]?: boolean };
  if (g[RUNNING]) return;
  g[RUNNING] = true;
  whenReadable(window, () => startPolicyLens(window, matcher));
});
