import type { NotesReport } from '../../lib/protocol/to-content';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox, INSTALL_HINT } from './find-browser';
import { startFixtureServer, type FixtureServer } from './fixture-server';

/** Fixed internal UUID, so tests can open moz-extension://…/popup.html (Firefox picks a random one). */
export const FIREFOX_EXTENSION_UUID = '6a2c1d0e-7b3f-4c5a-9e21-5f4b8d9c0a17';
const FIREFOX_EXTENSION_ID = 'policy-lens@policy-lens.dev';

export const FIREFOX_BUILD = resolve(process.env.POLICY_LENS_OUT ?? '.output', 'firefox-mv2');

/**
 * firefox-esr driven by puppeteer-core over WebDriver BiDi, with the built extension installed
 * temporarily. Fixture hosts resolve to loopback through network.dns.localDomains; pages are
 * opened with the server's port (match patterns ignore ports).
 */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(`No Firefox found. ${INSTALL_HINT}`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': 'www.people.cn,www.news.cn,www.example.org',
      'network.proxy.type': 0,
      'extensions.webextensions.uuids': JSON.stringify({
        [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID,
      }),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return browser;
}

/** A new tab on popup.html, where `browser` is the extension API, once that API is there. */
async function openExtensionPage(browser: Browser): Promise<Page> {
  const ext = await browser.newPage();
  // BiDi reports no load event for moz-extension pages: navigate, then wait for the API.
  await ext
    .goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/popup.html`, { timeout: 3000 })
    .catch(() => undefined);
  await ext.waitForFunction(() => 'browser' in globalThis, { timeout: 5000 });
  return ext;
}

/**
 * Asks the content script of the tab at `pageUrl` for its page report, from an extension page
 * (popup.html in a tab of its own, where `browser` is the extension API).
 */
export async function firefoxPageReport(
  browser: Browser,
  pageUrl: string,
): Promise<{ notes?: NotesReport } & Record<string, unknown>> {
  const ext = await openExtensionPage(browser);
  try {
    return await ext.evaluate(async (u) => {
      const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
      // Match patterns ignore ports, and a pattern with one matches nothing: compare URLs.
      const tabs = await api.tabs.query({});
      const tab = tabs.find((t) => t.id !== undefined && t.url?.split('#')[0] === u);
      if (!tab) throw new Error(`no tab for ${u}`);
      return api.tabs.sendMessage(tab.id!, { type: 'page-report' });
    }, pageUrl.split('#')[0]!);
  } finally {
    await ext.close();
  }
}

interface FirefoxApi {
  tabs: {
    query(q: { url?: string }): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, msg: unknown): Promise<{ notes?: NotesReport }>;
  };
}

/** A test file's Firefox: the fixture server, the browser with the extension, its API page. */
export interface FirefoxSession {
  server: FixtureServer;
  browser: Browser;
  /** popup.html in a tab of its own: `browser.*` there is the extension API. */
  ext: Page;
  close(): Promise<void>;
}

export async function startFirefoxSession(): Promise<FirefoxSession> {
  const server = await startFixtureServer();
  const browser = await launchFirefox();
  const ext = await openExtensionPage(browser);
  return {
    server,
    browser,
    ext,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
