import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type { TrashedNote } from '../../lib/shared/notes/model';
import { daysLeft } from '../../lib/extension/notes/trash';
import { DEFAULT_TRASH_DAYS } from '../../lib/shared/settings/settings';
import { useLiveQuery } from '../shared/use-live-query';
import { formatCount, formatDateTime } from './format';
import type { PopupServices } from '../../lib/extension/popup/services';
import type { ToastState } from './Toast';
import { errorText } from './use-note-actions';

/** Characters of a quote or a note shown per trashed note (the whole text is in the note). */
const EXCERPT = 160;

/**
 * Deleted notes, most recently deleted first: restore one, delete one for good, or empty the
 * trash (after a confirmation). "For good" means gone from IndexedDB. Notes older than the
 * retention setting are purged on their own (lib/extension/notes/trash.ts). Everything is shown as text.
 */
export function TrashView({
  services,
  onClose,
  onToast,
}: {
  services: PopupServices;
  onClose: () => void;
  onToast: (t: ToastState | null) => void;
}) {
  const trash = useLiveQuery<TrashedNote[] | null>(() => services.repo.listTrash(), [], null);
  const [days, setDays] = useState(DEFAULT_TRASH_DAYS);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    void services
      .loadSettings()
      .then((s) => setDays(s.trashDays))
      .catch(() => {});
  }, []);

  /** Runs a write; a failure shows in the alert (and nothing changed: one transaction each). */
  const run = async (work: () => Promise<string>) => {
    setError(null);
    try {
      onToast({ message: await work(), key: Date.now() });
    } catch (e) {
      setError(t('popup_trashFailed', errorText(e)));
    }
  };

  const restore = (n: TrashedNote) =>
    run(async () => {
      await services.repo.restore(n.id);
      return t('popup_trashRestored');
    });
  const forget = (n: TrashedNote) =>
    run(async () => {
      await services.repo.deleteForever(n.id);
      return t('popup_trashDeletedForever');
    });
  const empty = () =>
    run(async () => {
      const count = await services.repo.emptyTrash();
      setConfirming(false);
      return t('popup_trashEmptied', formatCount(count));
    });

  const now = Date.now();
  return (
    <section class="trash" aria-labelledby="trash-heading">
      <div class="trash-head">
        <h2 id="trash-heading" ref={heading} tabIndex={-1}>
          {t('popup_trashTitle')}
          {trash ? <span class="muted"> · {formatCount(trash.length)}</span> : null}
        </h2>
        <button type="button" class="tool" onClick={onClose}>
          {t('popup_trashBack')}
        </button>
      </div>
      <p class="hint">{t('popup_trashHint', formatCount(days))}</p>
      {error ? (
        <p class="import-error" role="alert">
          {error}
        </p>
      ) : null}
      {trash === null ? (
        <p class="empty">{t('popup_loading')}</p>
      ) : trash.length === 0 ? (
        <p class="empty">{t('popup_trashEmpty')}</p>
      ) : (
        <>
          <div class="trash-actions">
            {confirming ? (
              <>
                <span>{t('popup_trashConfirm', formatCount(trash.length))}</span>
                <button type="button" class="tool danger" onClick={() => void empty()}>
                  {t('popup_trashEmptyNow')}
                </button>
                <button type="button" class="tool" onClick={() => setConfirming(false)}>
                  {t('popup_cancel')}
                </button>
              </>
            ) : (
              <button type="button" class="tool danger" onClick={() => setConfirming(true)}>
                {t('popup_trashEmptyAll')}
              </button>
            )}
          </div>
          <ul class="trash-list" aria-label={t('popup_trashTitle')}>
            {trash.map((n) => (
              <TrashItem
                key={n.id}
                note={n}
                left={daysLeft(n.deletedAt, days, now)}
                onRestore={() => void restore(n)}
                onForget={() => void forget(n)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function TrashItem({
  note,
  left,
  onRestore,
  onForget,
}: {
  note: TrashedNote;
  left: number;
  onRestore: () => void;
  onForget: () => void;
}) {
  const title = note.title.trim() || t('popup_untitled');
  return (
    <li class="trash-item">
      <p class="trash-page">
        <strong>{excerpt(title)}</strong> <span class="muted">{note.site}</span>
      </p>
      <blockquote class="note-quote">{excerpt(note.selectors.quote.exact)}</blockquote>
      {note.text.trim() ? <p class="note-text">{excerpt(note.text)}</p> : null}
      <p class="trash-meta muted">
        {t('popup_trashDeletedAt', formatDateTime(note.deletedAt))} ·{' '}
        {t('popup_trashPurgedIn', formatCount(left))}
      </p>
      <div class="note-actions">
        <button
          type="button"
          aria-label={`${t('popup_trashRestore')}: ${excerpt(title, 60)}`}
          onClick={onRestore}
        >
          {t('popup_trashRestore')}
        </button>
        <button
          type="button"
          class="danger"
          aria-label={`${t('popup_trashDeleteForever')}: ${excerpt(title, 60)}`}
          onClick={onForget}
        >
          {t('popup_trashDeleteForever')}
        </button>
      </div>
    </li>
  );
}

function excerpt(s: string, max = EXCERPT): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
