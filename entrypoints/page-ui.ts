import { NotesUi } from '../components/page/notes-ui';
import { Tooltip } from '../components/page/tooltip';
import { startInteractive } from '../lib/page/content/interactive';
import { handOver } from '../lib/page/content/handover';
import { noteLabels } from '../lib/shared/notes/labels';

// The on-page UI, loaded by the content script when first needed (lib/page/content/page-ui.ts):
// the hover with its tooltip, the notes controller with its button and panel, the answers to
// the extension's requests (checked in full), and Preact with them.
export default defineUnlistedScript(() => {
  handOver('page-ui.js', {
    start: (deps) =>
      startInteractive(deps, {
        tooltip: (doc, host) => new Tooltip(doc, host),
        notesView: (doc, host) => new NotesUi(doc, host, noteLabels),
      }),
  });
});
