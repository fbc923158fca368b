import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DEFAULT_SITES, matchPatternsFor } from './lib/shared/sites';
import { compileHint } from './scripts/compile-hint';
import { PAGE_CORE, PAGE_CSS } from './lib/shared/page-scripts';

export default defineConfig({
  // POLICY_LENS_OUT lets parallel work build and test without overwriting each other's build.
  outDir: process.env.POLICY_LENS_OUT ?? '.output',
  // The sources package AMO asks for: everything needed to rebuild (npm ci && npm run
  // build:firefox), including the hand-written glossary the build compiles.
  zip: {
    includeSources: ['glossary/glossary.json', 'glossary/NOTES.md'],
    excludeSources: ['.tmp/**', '.output*/**', 'glossary/generated/**', 'bench/results.json'],
  },
  // POLICY_LENS_UNMINIFIED=1: readable function names in CPU profiles (bench/profile.ts).
  vite: () => ({
    // page-terms.js and page-ui.js are loaded when they are needed at once: their code is
    // compiled as it loads (see the plugin). Not page-core.js: most pages run only its check,
    // and compiled lazily it costs them less (page E, bench/own-tasks.ts: compile 2.2 → 1.1–1.5
    // ms; JS heap over the empty script 0.254 → 0.229 MB, 5 loads; CPU within the noise).
    plugins: [preact(), compileHint((file) => file === 'page-terms.js' || file === 'page-ui.js')],
    ...(process.env.POLICY_LENS_UNMINIFIED ? { build: { minify: false } } : {}),
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab + scripting: scan any other page on demand without a broad host permission.
    // contextMenus: "Add note to selection"; unlimitedStorage: the notes database is not evicted.
    // clipboardWrite (+ Chromium's offscreen document): "Cite" copies from our own origin, on
    // plain-http pages too, without the page hearing a copy event.
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'contextMenus',
      'unlimitedStorage',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: matchPatternsFor(DEFAULT_SITES),
    // The every-page script, an unlisted script of ours rather than WXT's content script (whose
    // runtime, unused here, cost every page 1.2 KB gzipped). Frames included: policy texts are
    // often framed on portals.
    content_scripts: [
      {
        matches: matchPatternsFor(DEFAULT_SITES),
        js: [PAGE_CORE],
        css: [PAGE_CSS],
        all_frames: true,
        run_at: 'document_idle',
      },
    ],
    // Asked for one site at a time, when the reader adds it in the options page.
    optional_host_permissions: ['*://*/*'],
    commands: {
      'scan-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandScanPage__',
      },
      'add-note': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandAddNote__',
      },
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandToggleHighlights__',
      },
      // Browsers allow four suggested keys; these two are bound in the browser's shortcut page.
      'next-term': { description: '__MSG_commandNextTerm__' },
      'previous-term': { description: '__MSG_commandPreviousTerm__' },
    },
    // The note frame: an extension page the content script shows in its shadow root, so note
    // text is typed and shown in our origin, not the page's. Chromium: only through the
    // per-session dynamic URL, so a page cannot probe for it; Firefox's origin is a per-install
    // UUID already.
    // page-terms.js: the scan and paint, put into the frame by the background where a term may
    // occur (imported by the content script if that fails);
    // page-ui.js: the on-page UI, which the content script imports when first needed;
    // passage-probe.js: notes made elsewhere, imported when some of the reader's notes travel.
    web_accessible_resources:
      browser === 'firefox'
        ? ['note-frame.html', 'page-terms.js', 'page-ui.js', 'passage-probe.js']
        : [
            {
              resources: ['note-frame.html', 'page-terms.js', 'page-ui.js', 'passage-probe.js'],
              matches: ['<all_urls>'],
              use_dynamic_url: true,
            },
          ],
    ...(browser === 'firefox'
      ? {
          // 140: the CSS Custom Highlight API. Policy Lens collects and sends no data:
          // data_collection_permissions says so (Firefox's built-in consent, AMO requires it);
          // Firefox for Android reads that key from 142 on.
          browser_specific_settings: {
            gecko: {
              id: 'policy-lens@policy-lens.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
