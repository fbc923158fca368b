import { render } from 'preact';
import { browser } from 'wxt/browser';
import { NoteFrame } from '../../components/NoteFrame';
import { noteLabels } from '../../components/note-labels';
import { t } from '../../lib/i18n';
import type { NoteFrameEvent } from '../../lib/messages';
import { sendNoteRequest } from '../../lib/protocol/send';
import '../content/notes.css';
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
      tell={(tabId, frameId, event: NoteFrameEvent) =>
        void browser.tabs
          .sendMessage(tabId, { type: 'note-frame-event', token, event }, { frameId })
          .catch(() => {})
      }
    />,
    app,
  );
}
