import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROME_BUILD, chromiumArgs } from '../tests/harness/chromium';
import { findChromium, INSTALL_HINT } from '../tests/harness/find-browser';

export interface BenchBrowser {
  context: BrowserContext;
  /** Our extension's service worker (null in the other browsers). */
  worker: Worker | null;
  /** (Re)starts the extension's service worker if it is not running. */
  wake(): Promise<Worker>;
  version: string;
  close(): Promise<void>;
}

/**
 * The id Chromium gives an unpacked extension: SHA-256 of its absolute path with links
 * resolved, hex digits as a–p.
 */
function extensionIdOf(dir: string): string {
  const path = existsSync(dir) ? realpathSync(dir) : resolve(dir);
  return [...createHash('sha256').update(path).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
    .join('');
}

export const EXTENSION_ID = extensionIdOf(CHROME_BUILD);
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/**
 * Chromium as the browser tests launch it (tests/harness/chromium.ts), with our extension
 * ('ours'), another unpacked one (`{ dir }`: the empty content script, or another build of ours
 * to compare with) or none (null). They differ only in the extension flags, so "with − without"
 * is an extension's cost.
 */
export async function launch(
  port: number,
  extension: 'ours' | { dir: string } | null,
): Promise<BenchBrowser> {
  const withExtension = extension !== null;
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`No Chromium found. ${INSTALL_HINT}`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'policy-lens-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    ...(withExtension ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    viewport: { width: 1280, height: 900 },
    args:
      extension && extension !== 'ours'
        ? chromiumArgs(port, true, extension.dir)
        : chromiumArgs(port, withExtension),
  });
  // tsx compiles with esbuild's keepNames, which wraps inner functions in __name(); functions
  // serialised into the page by Playwright need it defined there.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  // A tab that stays open: CDP for waking the service worker, and the browser never empties.
  const control = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(control);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  const version = product.replace(/^.*\//, '');
  let worker: Worker | null = null;
  // Another build of ours (an A/B of two builds) has its own id.
  const origin =
    extension && extension !== 'ours'
      ? `chrome-extension://${extensionIdOf(extension.dir)}`
      : EXTENSION_ORIGIN;
  const wake = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith(origin));
    if (running) return running;
    // With --no-first-run the extension's service worker is not started at install (seen with
    // Chromium 156), so waiting for it times out; start it through CDP instead.
    const cdp = await context.newCDPSession(control);
    const event = context.waitForEvent('serviceworker', { timeout: 15_000 });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.startWorker', { scopeURL: `${origin}/` });
    const w = context.serviceWorkers().find((x) => x.url().startsWith(origin));
    const started = w ?? (await event);
    event.catch(() => {});
    await cdp.detach();
    return started;
  };
  if (extension === 'ours') worker = await wake();
  return {
    context,
    get worker() {
      return worker;
    },
    wake: async () => {
      worker = await wake();
      return worker;
    },
    version,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
