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
// listeners, window.find and DOM reads never see it. `#<ticket>&theme=<light|dark>` says
// what to open; a new ticket in the fragment opens the next note without a reload.
const app = document.getElementById('app')!;
document.title = t('noteFrameTitle') || 'Policy Lens';

function open(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('t') ?? '';
  render(null, app);
  render(
    <NoteFrame
      key={token}
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
addEventListener('hashchange', open);
open();
