import type { NoteLabels } from '../../lib/shared/notes/labels';
import { siteOf } from '../../lib/shared/notes/url';
import { webUrl } from '../../lib/shared/notes/url';

/** "From <site>" over a note made on another page, linking to where it was made. */
export function NoteFrom({ url, labels }: { url: string; labels: NoteLabels }) {
  // Only http(s) links (a note's URL is checked when stored; checked again where it is a link).
  const href = webUrl(url)?.href;
  const label = labels.fromSite(siteOf(url));
  return (
    <p class="note-from">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" title={url}>
          {label}
        </a>
      ) : (
        label
      )}
    </p>
  );
}
