import { render } from 'preact';
import { NoteFrame } from '../../components/notes/NoteFrame';
import { noteLabels } from '../../lib/shared/notes/labels';
import { t } from '../../lib/shared/i18n';
import type { NoteFrameEvent } from '../../lib/protocol/to-content';
import { sendNoteRequest, sendToBackground } from '../../lib/protocol/send';
import '../../components/page/notes.css';
import '../../components/notes/note-panel.css';
import './frame.css';

// The note frame: an extension page the content script shows inside its closed shadow root.
// Note text lives only here — typed, shown and sent from this origin — so the page's own
// listeners, window.find and DOM reads never see it. `#t=<ticket>&theme=<light|dark>` says
// what to open; each note shown gets a frame of its own.
const app = document.getElementById('app')!;
document.title = t('noteFrameTitle') || 'Policy Lens';

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get('t') ?? '';
if (token) {
  render(
    <NoteFrame
      token={token}
      theme={params.get('theme') === 'dark' ? 'dark' : 'light'}
      labels={noteLabels()}
      send={sendNoteRequest}
      // Relayed by the background to the frame the ticket was made for: Firefox gives an
      // extension frame inside a web page no tabs API of its own.
      tell={(event: NoteFrameEvent) => sendNoteRequest({ type: 'note-frame-event', token, event })}
      // A frame inside a web page may be denied the clipboard by the page's permissions policy:
      // the background composes the citation from the stored note and writes it.
      cite={(noteId) =>
        sendToBackground({ type: 'copy-citation', noteId }).then(
          (r) => r.ok,
          () => false,
        )
      }
    />,
    app,
  );
}
