// Fails early, with the fix, when the browser tests have no browser to run in.
import { findChromium, findFirefox, INSTALL_HINT } from '../tests/harness/find-browser';

const missing = [!findChromium() && 'Chromium', !findFirefox() && 'Firefox ESR'].filter(Boolean);
if (missing.length) {
  console.error(
    `The browser tests need ${missing.join(' and ')}, and none was found. ${INSTALL_HINT}`,
  );
  process.exit(1);
}
