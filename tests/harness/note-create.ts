import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { BackgroundRequestOf } from '../../lib/protocol/to-background';

/**
 * The request our pages send to save a note on the passage `exact` of the page at `url` (the
 * whole quote, no context around it): how tests and the bench put notes in through the
 * background's one write path. Sent from an extension page's world, so it is built here and
 * passed in.
 */
export function noteCreateRequest(n: {
  exact: string;
  url: string;
  title: string;
  text: string;
}): BackgroundRequestOf<'note-create'> {
  return {
    type: 'note-create',
    note: {
      url: n.url,
      title: n.title,
      selectors: {
        version: SELECTOR_VERSION,
        quote: { type: 'TextQuoteSelector', exact: n.exact, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: n.exact.length },
      },
      text: n.text,
      tags: [],
      termIds: [],
    },
  };
}
