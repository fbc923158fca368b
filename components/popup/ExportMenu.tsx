import { useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type { ExportKind } from '../../lib/extension/notes/export';
import type { Note } from '../../lib/shared/notes/model';
import { formatCount } from './format';
import type { PopupServices } from '../../lib/extension/popup/services';
import type { ToastState } from './Toast';
import { errorText } from './use-note-actions';

export interface ExportMenuProps {
  services: PopupServices;
  all: readonly Note[] | null;
  /** The notes the search and filters show; null when nothing narrows the list. */
  shown: readonly Note[] | null;
  termLabel: (id: string) => string | undefined;
  onToast: (t: ToastState | null) => void;
}

/** Export all notes, or the ones shown, as JSON (re-importable), Markdown or CSV. */
export function ExportMenu({ services, all, shown, termLabel, onToast }: ExportMenuProps) {
  const [scope, setScope] = useState<'all' | 'shown'>('all');
  const details = useRef<HTMLDetailsElement>(null);
  const narrowed = shown !== null;
  const notes = narrowed && scope === 'shown' ? shown : all;

  const run = async (kind: ExportKind) => {
    if (!notes) return;
    try {
      // Loaded on demand: papaparse and the writers are not needed to open the popup.
      const x = await import('../../lib/extension/notes/export');
      const now = new Date();
      const text =
        kind === 'json'
          ? x.toJson(notes, now)
          : kind === 'md'
            ? x.toMarkdown(notes, {
                now,
                termLabel,
                labels: {
                  heading: t('popup_mdHeading'),
                  summary: (n, p, d) => t('popup_mdSummary', [formatCount(n), formatCount(p), d]),
                  noted: t('popup_mdNoted'),
                  tags: t('popup_mdTags'),
                  terms: t('popup_mdTerms'),
                  untitled: t('popup_untitled'),
                },
              })
            : x.toCsv(notes, { termLabel });
      services.download(x.exportFilename(kind, now), x.EXPORT_MIME[kind], text);
      onToast({ message: t('popup_exported', formatCount(notes.length)), key: Date.now() });
      if (details.current) details.current.open = false;
    } catch (e) {
      onToast({ message: t('popup_exportFailed', errorText(e)), error: true });
    }
  };

  return (
    <details class="menu" ref={details}>
      <summary class="tool">{t('popup_export')}</summary>
      <div class="menu-body">
        {narrowed ? (
          <fieldset class="scope">
            <legend>{t('popup_exportWhich')}</legend>
            <label>
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'all'}
                onChange={() => setScope('all')}
              />{' '}
              {t('popup_exportAll', formatCount(all?.length ?? 0))}
            </label>
            <label>
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'shown'}
                onChange={() => setScope('shown')}
              />{' '}
              {t('popup_exportShown', formatCount(shown.length))}
            </label>
          </fieldset>
        ) : null}
        <div class="menu-buttons">
          <button type="button" disabled={!notes} onClick={() => void run('json')}>
            JSON
          </button>
          <button type="button" disabled={!notes} onClick={() => void run('md')}>
            Markdown
          </button>
          <button type="button" disabled={!notes} onClick={() => void run('csv')}>
            CSV
          </button>
        </div>
        <p class="hint">{t('popup_exportHint')}</p>
      </div>
    </details>
  );
}
