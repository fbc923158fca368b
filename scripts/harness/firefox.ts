import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findFirefox, INSTALL_HINT } from './find-browser';

/** Fixed internal UUID, so tests can open moz-extension://…/popup.html (Firefox picks a random one). */
export const FIREFOX_EXTENSION_UUID = '6a2c1d0e-7b3f-4c5a-9e21-5f4b8d9c0a17';
export const FIREFOX_EXTENSION_ID = 'policy-lens@policy-lens.dev';

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
      'network.dns.localDomains': 'www.people.cn,www.example.org',
      'network.proxy.type': 0,
      'extensions.webextensions.uuids': JSON.stringify({
        [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID,
      }),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return browser;
}
