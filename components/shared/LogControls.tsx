import { useEffect, useState } from 'preact/hooks';
import type { LogClient } from '../../lib/extension/log/client';
import { t } from '../../lib/shared/i18n';
import {
  DEFAULT_LOG_SETTINGS,
  LOG_RETENTION_CHOICES,
  type LogSettings,
} from '../../lib/shared/settings/log-settings';

export interface LogControlsProps {
  log: LogClient;
  /** Called after the log was cleared (the view reloads). */
  onCleared?: () => void;
  /** A short message for the reader (the popup's toast); errors too. */
  onMessage?: (message: string, error?: boolean) => void;
}

/** The reading log's switches, in the popup's log view and on the options page alike. */
export function LogControls({ log, onCleared, onMessage }: LogControlsProps) {
  const [s, setS] = useState<LogSettings>(DEFAULT_LOG_SETTINGS);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    void log.settings().then(setS, () => {});
    return log.onSettingsChanged(setS);
  }, []);
  const save = (patch: Partial<LogSettings>) =>
    void log.saveSettings(patch).then(setS, (e: unknown) => onMessage?.(String(e), true));
  const offered: number[] = [...LOG_RETENTION_CHOICES];
  const choices = offered.includes(s.retentionDays) ? offered : [...offered, s.retentionDays];
  return (
    <div class="log-controls">
      <label class="check">
        <input
          type="checkbox"
          checked={s.paused}
          onChange={(e) => save({ paused: e.currentTarget.checked })}
        />{' '}
        {t('log_pause')}
      </label>
      <label class="retention">
        {t('log_keep')}{' '}
        <select
          value={String(s.retentionDays)}
          onChange={(e) => save({ retentionDays: Number(e.currentTarget.value) })}
        >
          {choices.map((d) => (
            <option key={d} value={String(d)}>
              {d === 0 ? t('log_keepForever') : t('log_keepDays', String(d))}
            </option>
          ))}
        </select>
      </label>
      {confirming ? (
        <span class="confirm">
          {t('log_clearConfirm')}{' '}
          <button
            type="button"
            class="tool danger"
            onClick={() => {
              setConfirming(false);
              void log.clear().then(
                () => {
                  onMessage?.(t('log_cleared'));
                  onCleared?.();
                },
                (e: unknown) => onMessage?.(String(e), true),
              );
            }}
          >
            {t('log_clearYes')}
          </button>{' '}
          <button type="button" class="tool" onClick={() => setConfirming(false)}>
            {t('log_clearNo')}
          </button>
        </span>
      ) : (
        <button type="button" class="tool" onClick={() => setConfirming(true)}>
          {t('log_clear')}
        </button>
      )}
    </div>
  );
}
