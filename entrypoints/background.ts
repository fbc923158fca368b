import { browser } from 'wxt/browser';
import glossary from '../glossary/generated/glossary.json';
import type { CompiledGlossary } from '../lib/glossary/compile';
import { makeLookup } from '../lib/glossary/lookup';
import { fromThisExtension, parseBackgroundRequest } from '../lib/messages';

export default defineBackground(() => {
  const lookup = makeLookup(glossary as CompiledGlossary);

  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if (!fromThisExtension(sender, browser.runtime.id)) return undefined;
    const req = parseBackgroundRequest(msg);
    if (!req) return undefined;
    if (req.type === 'get-term') return Promise.resolve(lookup(req.id));
    return undefined;
  });

  // Any page on demand: activeTab grants this tab for this gesture only, no broad permission.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'scan-page' && tab?.id !== undefined) void scanTab(tab.id);
  });
});

async function scanTab(tabId: number): Promise<void> {
  await browser.scripting.insertCSS({
    target: { tabId, allFrames: true },
    files: ['content-scripts/content.css'],
  });
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    files: ['/content-scripts/content.js'],
  });
}
