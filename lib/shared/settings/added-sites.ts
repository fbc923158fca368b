import { PAGE_CORE, PAGE_CSS } from '../page-scripts';
import { browser } from 'wxt/browser';
import { matchPatternsFor } from '../sites';

// Sites the reader added in the options page: their host permission is requested there (in the
// click), and the content script is registered for them here, in the background.

const SCRIPT_ID = 'policy-lens-added-sites';

export function originsFor(domain: string): string[] {
  return matchPatternsFor([domain]);
}

/** Registers the content script for every added site whose permission is granted. */
export async function syncAddedSites(domains: readonly string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const d of domains) {
    if (await browser.permissions.contains({ origins: originsFor(d) })) granted.push(d);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: granted.flatMap(originsFor),
        js: [`/${PAGE_CORE}`],
        css: [`/${PAGE_CSS}`],
        allFrames: true,
        runAt: 'document_idle',
      },
    ]);
  }
  return granted;
}
