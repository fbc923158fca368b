import { NotesUi } from '../components/page/notes-ui';
import { Tooltip } from '../components/page/tooltip';
import { NotesController } from '../lib/page/content/notes';
import { providePageUi } from '../lib/page/content/page-ui';
import { noteLabels } from '../lib/shared/notes/labels';

// The on-page UI, loaded by the content script when first needed (lib/page/content/page-ui.ts):
// the tooltip, the notes controller with its button and panel, and Preact with them.
export default defineUnlistedScript(() => {
  providePageUi({
    tooltip: (doc, host) => new Tooltip(doc, host),
    notes: (deps) =>
      new NotesController({ ...deps, ui: new NotesUi(deps.doc, deps.host, noteLabels) }),
  });
});
