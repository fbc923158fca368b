import { browser } from 'wxt/browser';

/** The offscreen document's page and the one message it answers (entrypoints/offscreen). */
const OFFSCREEN_PAGE = '/offscreen.html';
export const OFFSCREEN_COPY = 'offscreen-clipboard-write';

/**
 * Writes text to the clipboard from the extension's own origin, never the page's: a copy made
 * in the page's document fires events the page hears (it would learn the text, and could
 * replace it). Chromium's service worker has no DOM: an offscreen document (reason CLIPBOARD)
 * does the write. Firefox's background page can write itself (clipboardWrite).
 */
export async function writeClipboard(text: string): Promise<void> {
  const offscreen = (browser as Partial<typeof browser>).offscreen;
  if (!offscreen) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // One offscreen document per extension; a second create fails, so check first (and a
  // concurrent create from a double click lands in the catch).
  if (!(await offscreen.hasDocument())) {
    await offscreen
      .createDocument({
        url: OFFSCREEN_PAGE,
        reasons: ['CLIPBOARD'],
        justification: 'Copy a citation the reader asked for',
      })
      .catch(async (e: unknown) => {
        if (!(await offscreen.hasDocument())) throw e;
      });
  }
  const r: unknown = await browser.runtime.sendMessage({ target: OFFSCREEN_COPY, text });
  if (!(r && typeof r === 'object' && 'ok' in r && r.ok === true)) {
    throw new Error('the clipboard refused the text');
  }
}
