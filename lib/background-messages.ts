import * as v from 'valibot';
import { CustomTermsRequest, OpenNoteRequest, ScanTabRequest, TermRequest } from './messages';
import { NOTE_REQUESTS } from './notes/messages';

/** Every request the background answers, validated before it is acted on. */
export const BackgroundRequest = v.variant('type', [
  TermRequest,
  CustomTermsRequest,
  ...NOTE_REQUESTS,
  OpenNoteRequest,
  ScanTabRequest,
]);
export type BackgroundRequest = v.InferOutput<typeof BackgroundRequest>;

export function parseBackgroundRequest(msg: unknown): BackgroundRequest | null {
  const r = v.safeParse(BackgroundRequest, msg);
  return r.success ? r.output : null;
}
