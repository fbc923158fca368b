import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DEFAULT_SITES, matchPatternsFor } from './lib/sites';

export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab + scripting: scan any other page on demand without a broad host permission.
    permissions: ['storage', 'activeTab', 'scripting'],
    host_permissions: matchPatternsFor(DEFAULT_SITES),
    commands: {
      'scan-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandScanPage__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'policy-lens@policy-lens.dev', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
