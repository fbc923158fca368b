import { browser } from 'wxt/browser';
import { OFFSCREEN_COPY } from '../../lib/extension/background/clipboard';
import { onRuntimeMessage } from '../../lib/protocol/listen';

// Chromium's offscreen document (reason CLIPBOARD): writes what the service worker composed.
// It cannot be focused, so navigator.clipboard is refused here; a selection in our own
// document and execCommand('copy') fire their events in this document only, never the page's.
const area = document.getElementById('clip') as HTMLTextAreaElement; // in index.html

onRuntimeMessage((msg, sender) => {
  // Only the service worker (no tab) of this extension asks; content scripts' and our pages'
  // requests to the background reach this document too, and are not for it.
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  if (!msg || typeof msg !== 'object' || !('target' in msg) || msg.target !== OFFSCREEN_COPY) {
    return undefined;
  }
  const text = 'text' in msg && typeof msg.text === 'string' ? msg.text : null;
  if (text === null) return Promise.resolve({ ok: false });
  area.value = text;
  area.select();
  const ok = document.execCommand('copy');
  area.value = '';
  return Promise.resolve({ ok });
});
