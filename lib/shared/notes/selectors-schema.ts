import * as v from 'valibot';
import { MAX_CONTEXT, MAX_QUOTE, SELECTOR_VERSION } from './model';

/**
 * Where a note sits (W3C selectors), as every message and import file carries it. In a module of
 * its own: the content script parses it in the note frame's events, and must not bundle the
 * background's note requests with it.
 */

const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));

export const NoteSelectorsSchema = v.strictObject({
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
