import { provideProbe } from '../lib/page/content/probe-loader';
import { probePassages } from '../lib/page/content/passage-probe';

// The test for notes made elsewhere (lib/page/content/passage-probe.ts), loaded by the content
// script only when the background says some notes travel: pages of a reader without such notes
// never load it, and page-core.js stays small.
export default defineUnlistedScript(() => {
  provideProbe(probePassages);
});
