import { t } from '../../lib/shared/i18n';
import { TRASH_DAY_CHOICES, type Settings } from '../../lib/shared/settings/settings';

interface Props {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
}

/** How long deleted notes stay in the popup's trash before they are deleted for good. */
export function NotesSection({ settings, update }: Props) {
  // A value stored by another version stays selectable.
  const offered: number[] = [...TRASH_DAY_CHOICES];
  const choices = offered.includes(settings.trashDays)
    ? offered
    : [...offered, settings.trashDays].sort((a, b) => a - b);
  return (
    <section aria-labelledby="notes-h">
      <h2 id="notes-h">{t('options_notes')}</h2>
      <div class="row">
        <label for="trash-days">{t('options_trashDays')}</label>
        <select
          id="trash-days"
          value={String(settings.trashDays)}
          onChange={(e) => void update({ trashDays: Number(e.currentTarget.value) })}
        >
          {choices.map((d) => (
            <option key={d} value={String(d)}>
              {t('options_trashDaysValue', String(d))}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">{t('options_trashHint')}</p>
    </section>
  );
}
