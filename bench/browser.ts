import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROME_BUILD, HOSTS } from '../scripts/harness/chromium';
import { findChromium, INSTALL_HINT } from '../scripts/harness/find-browser';

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's service worker (null in the browser without the extension). */
  worker: Worker | null;
  version: string;
  close(): Promise<void>;
}

/**
 * Chromium as the browser tests launch it (scripts/harness/chromium.ts), with or without the
 * extension. The two differ only in the extension flags, so "with − without" is our cost. The
 * harness always loads the extension, hence this copy of its flags.
 */
export async function launch(port: number, withExtension: boolean): Promise<BenchBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`No Chromium found. ${INSTALL_HINT}`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'policy-lens-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    ...(withExtension ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(withExtension
        ? [`--disable-extensions-except=${CHROME_BUILD}`, `--load-extension=${CHROME_BUILD}`]
        : []),
      `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
    ],
  });
  // tsx compiles with esbuild's keepNames, which wraps inner functions in __name(); functions
  // serialised into the page by Playwright need it defined there.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const worker = withExtension
    ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')))
    : null;
  const page = await context.newPage();
  const version = await page.evaluate(() => navigator.userAgent.replace(/.*Chrome\/(\S+).*/, '$1'));
  await page.close();
  return {
    context,
    worker,
    version,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
