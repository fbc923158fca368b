import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';

/**
 * The `i`th note of a test: a note on the speech's thesis sentence as people.cn reported it,
 * a minute after the one before; `over` replaces any field.
 */
export function sampleNote(i: number, over: Partial<Note> = {}): Note {
  const t = Date.UTC(2024, 1, 2, 8) + i * 60_000;
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    url: 'http://www.people.cn/n1/2024/0202/c1001-40000.html',
    title: '加快发展新质生产力 扎实推进高质量发展',
    site: 'people.cn',
    rev: 1,
    selectors: {
      version: SELECTOR_VERSION,
      quote: {
        type: 'TextQuoteSelector',
        exact: '发展新质生产力是推动高质量发展的内在要求',
        prefix: '习近平指出，',
        suffix: '和重要着力点',
      },
      position: { type: 'TextPositionSelector', start: 120, end: 140 },
    },
    text: 'Compare the 2023 wording.',
    tags: ['economy', '经济'],
    termIds: ['new-quality-productive-forces'],
    createdAt: t,
    updatedAt: t,
    ...over,
  };
}
