import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pointOfHighlight,
  readTooltip,
  settledHighlights,
  type Chromium,
} from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

// axe cannot enter the tooltip's closed shadow root, so the test copies the live tooltip's markup
// (read through CDP) with the real tooltip stylesheet into an open page, and checks that.

let server: FixtureServer;
let browser: Chromium;
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
// The real tooltip stylesheet with the font stack it imports inlined, as the build inlines it.
const css = read('../../components/page/tooltip.css').replace(
  "@import '../shared/fonts.css';",
  read('../../components/shared/fonts.css'),
);

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function tooltipHtml(phrase: string, nth: number): Promise<string> {
  const page = await browser.context.newPage();
  await page.goto('http://www.people.cn/cases.html');
  await settledHighlights(page);
  const p = await pointOfHighlight(page, phrase, nth);
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  type N = { nodeId: number; attributes?: string[]; children?: N[]; shadowRoots?: N[] };
  let tip: N | null = null;
  const visit = (n: N) => {
    const a = n.attributes ?? [];
    if (a.includes('role') && a[a.indexOf('role') + 1] === 'tooltip') tip = n;
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) visit(c);
  };
  visit(root);
  const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId: (tip as N | null)!.nodeId });
  await page.close();
  return outerHTML;
}

describe('tooltip accessibility (Chromium)', () => {
  it.each([
    ['light page', '新质生产力', 0],
    ['dark page', '绿色金融', 1],
  ])(
    'the tooltip on a %s has no serious or critical axe violations',
    async (_name, phrase, nth) => {
      const html = await tooltipHtml(phrase, nth);
      expect(html).toContain('role="tooltip"');
      const page = await browser.context.newPage();
      // The copy is static: position it in the flow so axe sees it whole.
      await page.setContent(
        `<!doctype html><html lang="en"><head><title>tooltip</title><style>${css}
       .tip { position: static !important; max-height: none !important; visibility: visible !important; }
       </style></head><body><main>${html}</main></body></html>`,
      );
      const { violations } = await new AxeBuilder({ page }).analyze();
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
      await page.close();
    },
  );
});
