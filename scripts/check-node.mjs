// Runs before `npm install`'s postinstall, `npm start` and `npm test`. On a Node older than
// package.json's engines.node, stop at once with one line instead of failing later inside a
// dependency. Plain JavaScript so that it runs before anything is installed. Understands the
// range forms engines.node uses: `^X.Y.Z` (that major, at least X.Y.Z) and `>=X`, joined by `||`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const range = JSON.parse(readFileSync(new URL('../package.json', import.meta.url))).engines.node;
const parse = (v) =>
  v
    .replace(/^[\^>=v\s]+/, '')
    .split('.')
    .map(Number);
const atLeast = (a, b) => a[0] - b[0] || (a[1] || 0) - (b[1] || 0) || (a[2] || 0) - (b[2] || 0);
const have = parse(process.versions.node);
const ok = range.split('||').some((part) => {
  const want = parse(part.trim());
  if (part.trim().startsWith('^') && have[0] !== want[0]) return false;
  return atLeast(have, want) >= 0;
});
if (!ok) {
  console.error(
    `Policy Lens needs Node ${range}; this is Node ${process.versions.node}. See .nvmrc.`,
  );
  process.exit(1);
}

// `npm start` and `npm test` on a fresh clone: install the locked dependencies first, so that
// these two commands are all a newcomer types.
if (
  process.argv.includes('--install') &&
  !existsSync(new URL('../node_modules/.bin/wxt', import.meta.url))
) {
  console.log('First run: installing the locked dependencies (npm ci) …');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
