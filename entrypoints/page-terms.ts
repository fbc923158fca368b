import { handOver } from '../lib/page/content/handover';
import { TermsEngine } from '../lib/page/content/terms-engine';

// The scan and paint, loaded by the content script only where a term may occur in the page's
// text (lib/page/content/terms.ts): pages without terms never compile them.
export default defineUnlistedScript(() => {
  handOver('page-terms.js', { create: (d) => new TermsEngine(d) });
});
