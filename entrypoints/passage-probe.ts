import { handOver } from '../lib/page/content/handover';
import { findPassagesFromElsewhere } from '../lib/page/content/passage-probe';

// Notes made elsewhere (lib/page/content/passage-probe.ts), loaded by the content script only
// when the background says some of the reader's notes travel: pages of other readers never load
// it, and page-core.js stays small.
export default defineUnlistedScript(() => {
  handOver('passage-probe.js', findPassagesFromElsewhere);
});
