import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findFirefox, INSTALL_HINT } from './find-browser';

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
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return browser;
}
