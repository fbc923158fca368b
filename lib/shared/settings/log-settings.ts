import * as v from 'valibot';
import { loadStored, onStoredChanged, saveStored } from './stored';

/**
 * The reading log's settings. Kept apart from the reader settings (settings.ts) because every
 * page's content script parses those, and the log costs the page nothing: only the background
 * and our own pages read these. In storage.local, like the log they govern.
 */

/** Days a page stays in the log after it was last seen; 0 keeps it forever. */
export const LOG_RETENTION_CHOICES = [30, 90, 365, 0] as const;

const LogSettingsSchema = v.object({
  /** While paused, pages are not logged (what is logged stays). */
  paused: v.optional(v.boolean(), false),
  retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(36500)), 365),
});
export type LogSettings = v.InferOutput<typeof LogSettingsSchema>;

export const DEFAULT_LOG_SETTINGS: LogSettings = v.parse(LogSettingsSchema, {});

export function parseLogSettings(raw: unknown): LogSettings {
  const r = v.safeParse(LogSettingsSchema, raw ?? {});
  return r.success ? r.output : { ...DEFAULT_LOG_SETTINGS };
}

const KEY = 'readingLog';

export const loadLogSettings = (): Promise<LogSettings> =>
  loadStored('local', KEY, parseLogSettings);

export const saveLogSettings = (patch: Partial<LogSettings>): Promise<LogSettings> =>
  saveStored('local', KEY, parseLogSettings, patch);

export const onLogSettingsChanged = (fn: (s: LogSettings) => void): (() => void) =>
  onStoredChanged('local', KEY, parseLogSettings, fn);
