import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readTooltip, settledHighlights, type Chromium } from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

// Keyboard commands reach the page as messages from the background (headless Chromium does not
// deliver extension shortcuts, so the test sends what the command handler sends).

let server: FixtureServer;
let browser: Chromium;
let page: Page;

const send = (msg: object) =>
  browser.worker.evaluate(
    async ([u, m]) => {
      const api = (globalThis as unknown as { chrome: SwChrome }).chrome;
      const [tab] = await api.tabs.query({ url: u });
      return api.tabs.sendMessage(tab!.id!, m);
    },
    [page.url(), msg] as const,
  );

interface SwChrome {
  tabs: {
    query(q: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(id: number, m: unknown): Promise<unknown>;
  };
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
  page = await browser.context.newPage();
  await page.goto('http://www.people.cn/cases.html');
  await settledHighlights(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('keyboard commands (Chromium)', () => {
  it('the browser assigned every suggested shortcut', async () => {
    const commands = await browser.worker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
        }
      ).chrome;
      return (await api.commands.getAll()).map((c) => [c.name, c.shortcut]);
    });
    expect(Object.fromEntries(commands)).toMatchObject({
      'scan-page': 'Alt+Shift+L',
      'add-note': 'Alt+Shift+M',
      'toggle-highlights': 'Alt+Shift+H',
      'next-term': '',
      'previous-term': '',
    });
  });

  it('next / previous term opens each tooltip in document order, wrapping around', async () => {
    expect(await send({ type: 'navigate-term', direction: 1 })).toBe(true);
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^新质生产力/);
    expect(await send({ type: 'navigate-term', direction: 1 })).toBe(true);
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^新质生产力/);
    expect(await send({ type: 'navigate-term', direction: 1 })).toBe(true);
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^高质量发展/);
    expect(await send({ type: 'navigate-term', direction: -1 })).toBe(true);
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^新质生产力/);
    await page.keyboard.press('Escape');
    await expect.poll(() => readTooltip(page)).toBeNull();
  });

  it('reveal-term scrolls to the term and opens its explanation', async () => {
    expect(await send({ type: 'reveal-term', termId: 'green-finance' })).toBe(true);
    await expect.poll(async () => (await readTooltip(page))?.text ?? '').toMatch(/^绿色金融/);
    const visible = await page.evaluate(() => {
      const r = document.getElementById('li2')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(visible).toBe(true);
    expect(await send({ type: 'reveal-term', termId: 'no-such-term' })).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('toggle hides every highlight and brings them back', async () => {
    const names = () =>
      page.evaluate(() =>
        [...CSS.highlights.keys()].filter((k) => k.startsWith('policy-lens-term')),
      );
    expect(await send({ type: 'toggle-highlights' })).toBe(false);
    expect(await names()).toEqual([]);
    expect(await send({ type: 'navigate-term', direction: 1 })).toBe(false);
    expect(await send({ type: 'toggle-highlights' })).toBe(true);
    expect(await names()).toEqual(['policy-lens-term']);
  });
});
