import { useEffect, useState } from 'preact/hooks';
import type { SightingView } from '../../lib/protocol/to-background';
import type { PopupServices } from '../../lib/extension/popup/services';
import { t } from '../../lib/shared/i18n';
import { formatCount, formatDay } from './format';

/** Rows shown before "Show all": the popup stays a glance. */
const FIRST = 12;

/**
 * "Seen on N pages": the pages of the reading log where a term was found, last seen first.
 * A row opens its page in a new tab.
 */
export function SeenOnPages({
  services,
  termId,
  onTrends,
}: {
  services: PopupServices;
  termId: string;
  onTrends: (termId: string) => void;
}) {
  const [pages, setPages] = useState<SightingView[] | null>(null);
  const [all, setAll] = useState(false);
  useEffect(() => {
    let live = true;
    setPages(null);
    void services.log.sightings(termId).then(
      (s) => live && setPages(s),
      () => live && setPages([]),
    );
    return () => {
      live = false;
    };
  }, [termId]);
  if (!pages) return null;
  return (
    <section class="entry-where seen-on" aria-labelledby="seen-on-h">
      <div class="seen-head">
        <p id="seen-on-h">{t('log_seenOnPages', formatCount(pages.length))}</p>
        {pages.length > 0 ? (
          <button type="button" class="tool" onClick={() => onTrends(termId)}>
            {t('log_trends')}
          </button>
        ) : null}
      </div>
      {pages.length > 0 ? (
        <ul class="seen-list">
          {(all ? pages : pages.slice(0, FIRST)).map((p) => (
            <li key={p.url}>
              <button
                type="button"
                class="seen-row"
                title={p.url}
                onClick={() => services.log.openPage(p.url)}
              >
                <span class="seen-title">{p.title || p.url}</span>
                <span class="seen-meta">
                  <span class="seen-site">{p.site}</span>
                  <span>{formatDay(p.lastSeen)}</span>
                  <span class="seen-count">×{formatCount(p.count)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!all && pages.length > FIRST ? (
        <button type="button" class="tool seen-more" onClick={() => setAll(true)}>
          {t('log_showAll', formatCount(pages.length))}
        </button>
      ) : null}
    </section>
  );
}
