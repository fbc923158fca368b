import * as v from 'valibot';

/**
 * The message protocol between contexts. Every message is parsed here before it is acted on;
 * senders other than this extension are refused (see `fromThisExtension`).
 */

export const PageReportRequest = v.strictObject({ type: v.literal('page-report') });
export const TermRequest = v.strictObject({
  type: v.literal('get-term'),
  id: v.pipe(v.string(), v.maxLength(200)),
});

export const ContentRequest = v.variant('type', [PageReportRequest]);
export const BackgroundRequest = v.variant('type', [TermRequest]);
export type ContentRequest = v.InferOutput<typeof ContentRequest>;
export type BackgroundRequest = v.InferOutput<typeof BackgroundRequest>;

export interface PageReport {
  url: string;
  title: string;
  terms: { termId: string; count: number }[];
  scan: { ms: number; busyMs: number; chars: number; textNodes: number; longestSliceMs: number };
  highlights: number;
}

export function parseContentRequest(msg: unknown): ContentRequest | null {
  const r = v.safeParse(ContentRequest, msg);
  return r.success ? r.output : null;
}

export function parseBackgroundRequest(msg: unknown): BackgroundRequest | null {
  const r = v.safeParse(BackgroundRequest, msg);
  return r.success ? r.output : null;
}

/** Only our own extension's pages, worker and content scripts may talk to us. */
export function fromThisExtension(sender: { id?: string } | undefined, ownId: string): boolean {
  return sender?.id === ownId;
}
