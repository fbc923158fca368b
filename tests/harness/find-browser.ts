import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Chromium: CHROME_PATH, then PATH, then Debian's location. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROME_PATH,
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .flatMap((d) => ['chromium', 'chromium-browser', 'google-chrome'].map((b) => join(d, b))),
    '/usr/bin/chromium',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export function findFirefox(): string | null {
  const candidates = [
    process.env.FIREFOX_PATH,
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .flatMap((d) => ['firefox-esr', 'firefox'].map((b) => join(d, b))),
    '/usr/bin/firefox-esr',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export const INSTALL_HINT =
  'Install one with: sudo apt-get install -y chromium fonts-wqy-zenhei firefox-esr ' +
  '(or set CHROME_PATH / FIREFOX_PATH to a browser binary).';
