import { useEffect, useState } from 'preact/hooks';
import type { PopupServices } from '../../lib/extension/popup/services';
import { preferredRendering } from '../../lib/shared/glossary/renderings';

export interface TermLabel {
  zh: string;
  en: string;
}

/**
 * Headwords for term ids: bundled entries at once; the reader's own terms (custom-…) are asked
 * of the background once and then re-rendered.
 */
export function useTermLabels(
  services: PopupServices,
  ids: readonly string[],
): (id: string) => TermLabel | undefined {
  const [custom, setCustom] = useState<Map<string, TermLabel>>(new Map());
  const missing = ids.filter((id) => !services.glossary.get(id) && !custom.has(id));
  const key = missing.join('\n');
  useEffect(() => {
    if (!missing.length) return;
    let live = true;
    void Promise.all(
      missing.map((id) =>
        services
          .termDetails(id)
          .then(
            (d) =>
              [id, d ? { zh: d.entry.zh, en: preferredRendering(d.entry).text } : null] as const,
          )
          .catch(() => [id, null] as const),
      ),
    ).then((pairs) => {
      if (!live) return;
      setCustom((old) => {
        const next = new Map(old);
        for (const [id, label] of pairs) next.set(id, label ?? { zh: id, en: '' });
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return (id) => {
    const e = services.glossary.get(id);
    return e ? { zh: e.zh, en: preferredRendering(e).text } : custom.get(id);
  };
}
