import { useEffect, useState } from 'preact/hooks';
import {
  CITATION_FORMAT_LABELS,
  CITATION_FORMATS,
  type CitationFormat,
} from '../../lib/shared/citation/formats';
import { t } from '../../lib/shared/i18n';
import { loadCitationFormat, saveCitationFormat } from '../../lib/shared/settings/store';

/** What one click on "Cite" copies (the tooltip, the popup); the menu beside it has the rest. */
export function CitationFormatChoice() {
  const [format, setFormat] = useState<CitationFormat | null>(null);
  useEffect(() => {
    void loadCitationFormat().then(setFormat);
  }, []);
  return (
    <fieldset>
      <legend>{t('options_citationFormat')}</legend>
      <div class="choices">
        {CITATION_FORMATS.map((f) => (
          <label key={f} class="check">
            <input
              type="radio"
              name="citation"
              checked={format === f}
              onChange={() => {
                setFormat(f);
                void saveCitationFormat(f);
              }}
            />
            {t(CITATION_FORMAT_LABELS[f])}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
