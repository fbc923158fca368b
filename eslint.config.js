import tseslint from 'typescript-eslint';
import { boundaryRules } from './eslint.boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.output-*/**',
      '.tmp/**',
      '.wxt/**',
      'node_modules/**',
      'glossary/generated/**',
      'tests/fixtures/**',
    ],
  },
  // Type-aware: floating and misused promises, unsafe `any`, assertions the types make
  // unnecessary.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Fakes in tests are async to match the interface they stand in for, and pass methods
    // to `expect`/`vi` as values; Vitest's asymmetric matchers (expect.any, stringMatching)
    // are typed `any`; a test's IndexedDB helpers reject with the request's DOMException.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  // Which folder may import which: the runtime contexts (CONTRIBUTING.md, "Layout").
  ...boundaryRules,
);
