/**
 * The import boundaries between folders, as lint rules. Each folder is a runtime context or a
 * layer; data flows one way: entrypoints → components → lib/{page,extension} → lib/protocol →
 * lib/shared. A content script's side (lib/page, components/page, entrypoints/page-core.ts and page-ui.ts) can
 * never reach the notes database: not Dexie, not lib/extension.
 *
 * Matched by regular expressions on the import path as written (relative or a package name).
 */

/** A path segment: `…/name/…`, `../name/…`, `name/…`. */
const seg = (name) => `(^|/)${name}(/|$)`;

const UI = {
  regex: `${seg('components')}|${seg('entrypoints')}`,
  message: 'lib/ is below the UI: pass what it needs in (see lib/page/content/ports.ts).',
};
const PRESENTATION = {
  regex: '^preact($|/)',
  message: 'lib/ holds no UI: Preact belongs in components/.',
};
const DEXIE = { regex: '^dexie($|/)', message: 'Only lib/extension opens a database.' };
const PAGE = {
  regex: seg('page'),
  message: 'Page-side code (the content script) is not for this context.',
};
const EXTENSION = {
  regex: seg('extension'),
  message:
    'lib/extension runs in our origin only (background, popup, options, note frame); the page side must not reach the notes store.',
};
const PROTOCOL = {
  regex: seg('protocol'),
  message: 'lib/shared is below the protocol: the protocol imports it, not the other way.',
};
const ENTRY = {
  regex: seg('entrypoints'),
  message: 'Entry points only wire: nothing imports them.',
};
const OTHER_UI = {
  regex: `${seg('popup')}|${seg('options')}|(^|/)notes/Note`,
  message: "The page UI does not load extension pages' components.",
};

const rule = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map(({ regex, message }) => ({ regex, message })) },
  ],
});

export const boundaryRules = [
  { files: ['components/**'], rules: rule(ENTRY) },
  {
    files: ['components/page/**', 'entrypoints/page-core.ts', 'entrypoints/page-ui.ts'],
    rules: rule(ENTRY, DEXIE, EXTENSION, OTHER_UI),
  },
  // The term card is shown on pages too (the tooltip).
  { files: ['components/terms/**'], rules: rule(ENTRY, DEXIE, EXTENSION) },
  { files: ['lib/extension/**'], rules: rule(UI, PRESENTATION, PAGE) },
  { files: ['lib/page/**'], rules: rule(UI, PRESENTATION, DEXIE, EXTENSION) },
  { files: ['lib/protocol/**'], rules: rule(UI, PRESENTATION, DEXIE, EXTENSION, PAGE) },
  { files: ['lib/shared/**'], rules: rule(UI, PRESENTATION, DEXIE, EXTENSION, PAGE, PROTOCOL) },
];
