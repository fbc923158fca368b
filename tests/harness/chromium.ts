import type { PageReport } from '../../lib/protocol/to-content';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium, INSTALL_HINT } from './find-browser';

export const CHROME_BUILD = resolve(process.env.POLICY_LENS_OUT ?? '.output', 'chrome-mv3');
/** Hosts the fixture server answers for: a default site, and one outside the defaults. */
const HOSTS = ['www.people.cn', 'en.people.cn', 'www.example.org', 'www.news.cn', 'www.gov.cn'];

/**
 * The flags every Chromium here runs with (closed network: no background connections), the
 * extension flags when it is loaded, and the fixture hosts mapped to the local server.
 * `extensionDir`: another unpacked extension in its place (the bench's empty content script).
 */
export function chromiumArgs(
  port: number,
  withExtension: boolean,
  extensionDir = CHROME_BUILD,
): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(withExtension
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
  ];
}

export interface Chromium {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** A real Chromium with the built extension loaded, fixture hosts mapped to the local server. */
export async function launchChromium(
  port: number,
  opts: { headless?: boolean } = {},
): Promise<Chromium> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`No Chromium found. ${INSTALL_HINT}`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'policy-lens-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1280, height: 900 },
    args: chromiumArgs(port, true),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PaintedRange {
  name: string;
  text: string;
  /** id of the nearest ancestor element with one: where the range sits in a fixture. */
  where: string | null;
}

/** Every range registered under a policy-lens* highlight name, read from the page. */
export function readHighlights(page: Page): Promise<PaintedRange[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string; where: string | null }[] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('policy-lens')) continue;
      for (const r of h) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const el = r.startContainer.parentElement?.closest('[id]');
        out.push({ name, text: live.toString(), where: el ? el.id : null });
      }
    }
    return out;
  });
}

/** Waits until the painted ranges stop changing (scan and mutation batches done). */
export async function settledHighlights(
  page: Page,
  quietMs = 400,
  timeoutMs = 20_000,
): Promise<PaintedRange[]> {
  const start = Date.now();
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    const now = await readHighlights(page);
    const key = JSON.stringify(now);
    if (key !== last) {
      last = key;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= quietMs && now.length > 0) {
      return now;
    }
    if (Date.now() - start > timeoutMs) return now;
    await page.waitForTimeout(100);
  }
}

/** Asks the tab's content script for its page report, through the service worker. */
export async function pageReport(c: Chromium, page: Page): Promise<PageReportShape> {
  const url = page.url();
  return c.worker.evaluate(async (u) => {
    // Runs in the service worker, where `chrome` is the extension API.
    const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
    const [tab] = await api.tabs.query({ url: u });
    if (!tab?.id) throw new Error(`no tab for ${u}`);
    return api.tabs.sendMessage(tab.id, { type: 'page-report' }) as Promise<PageReportShape>;
  }, url.split('#')[0]!);
}

interface WorkerChrome {
  tabs: {
    query(q: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, msg: unknown): Promise<unknown>;
  };
}

/** What the content script answers (lib/protocol/messages.ts). */
export type PageReportShape = PageReport;

/**
 * The tooltip, read through the closed shadow root with CDP (DOM.getDocument pierces it):
 * null when hidden, else its text and box.
 */
export interface TooltipState {
  text: string;
  /** Computed font-size, letter-spacing and font-family of the tooltip element. */
  style: { fontSize: string; letterSpacing: string; fontFamily: string };
  theme: string | undefined;
  box: { x: number; y: number; width: number; height: number };
}

export async function readTooltip(page: Page): Promise<TooltipState | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type N = {
      nodeId: number;
      nodeName: string;
      attributes?: string[];
      children?: N[];
      shadowRoots?: N[];
    };
    let found: N | null = null;
    const visit = (n: N) => {
      if (found) return;
      const attrs = n.attributes ?? [];
      const role = attrs[attrs.indexOf('role') + 1];
      if (attrs.includes('role') && role === 'tooltip') found = n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) visit(c);
    };
    visit(root);
    const node = found as N | null;
    if (!node) return null;
    const attrs = node.attributes ?? [];
    if (attrs.includes('hidden')) return null;
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId: node.nodeId });
    const text = outerHTML
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    const theme = attrs[attrs.indexOf('data-theme') + 1];
    await cdp.send('CSS.enable');
    const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', {
      nodeId: node.nodeId,
    });
    const prop = (name: string) => computedStyle.find((p) => p.name === name)?.value ?? '';
    const style = {
      fontSize: prop('font-size'),
      letterSpacing: prop('letter-spacing'),
      fontFamily: prop('font-family'),
    };
    return { text, theme, style, box: { x: x1!, y: y1!, width: x3! - x1!, height: y3! - y1! } };
  } finally {
    await cdp.detach();
  }
}

/** Centre of the first painted range whose text is `text` (page coordinates). */
export async function pointOfHighlight(
  page: Page,
  text: string,
  nth = 0,
): Promise<{ x: number; y: number; rect: DOMRectLike }> {
  // Registrations are batched (ViewportRanges), so a range can take a moment to appear.
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await pointOfHighlightOnce(page, text, nth);
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.waitForTimeout(100);
    }
  }
}

async function pointOfHighlightOnce(
  page: Page,
  text: string,
  nth = 0,
): Promise<{ x: number; y: number; rect: DOMRectLike }> {
  const p = await page.evaluate(
    ([t, n]) => {
      let seen = 0;
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('policy-lens')) continue;
        for (const r of h) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          if (live.toString() !== t) continue;
          if (seen++ < n) continue;
          (r.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
          const rect = live.getClientRects()[0]!;
          return {
            x: rect.left + rect.width / 2,
            y: rect.top + rect.height / 2,
            rect: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
          };
        }
      }
      return null;
    },
    [text, nth] as const,
  );
  if (!p) throw new Error(`no highlight "${text}"`);
  return p;
}

export interface DOMRectLike {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
