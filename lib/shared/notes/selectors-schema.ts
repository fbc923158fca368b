import * as v from 'valibot';
import { MAX_CONTEXT, MAX_INT, MAX_QUOTE, SELECTOR_VERSION } from './limits';

/**
 * Where a note sits (W3C Web Annotation selectors, as hypothesis stores them): the `selectors`
 * field of the note model (model.ts), which every message and import file carries. In a module
 * of its own: the content script parses it in the note frame's events, and must not bundle the
 * rest of the model or the background's note requests with it.
 */

/** A text offset or a revision: a non-negative 31-bit integer. */
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_INT));

export const NoteSelectorsSchema = v.strictObject({
  /** SELECTOR_VERSION at the time of capture. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SELECTOR_VERSION)),
  quote: v.strictObject({
    type: v.literal('TextQuoteSelector'),
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE)),
    prefix: v.pipe(v.string(), v.maxLength(MAX_CONTEXT)),
    suffix: v.pipe(v.string(), v.maxLength(MAX_CONTEXT)),
  }),
  position: v.pipe(
    v.strictObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
    v.check((p) => p.start < p.end, 'position start must be before end'),
  ),
});
