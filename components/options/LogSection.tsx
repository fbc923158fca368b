import { useMemo } from 'preact/hooks';
import { browserLogClient } from '../../lib/extension/log/client';
import { t } from '../../lib/shared/i18n';
import { LogControls } from '../shared/LogControls';

/** The reading log: pause, how long pages are kept, clear. */
export function LogSection() {
  const log = useMemo(browserLogClient, []);
  return (
    <section aria-labelledby="log-h">
      <h2 id="log-h">{t('log_title')}</h2>
      <p class="hint">{t('log_explain')}</p>
      <LogControls log={log} onMessage={(m) => alertLater(m)} />
      <p id="log-status" class="hint" role="status" />
    </section>
  );
}

/** The options page has no toast: the message goes to its live region. */
function alertLater(message: string) {
  const region = document.getElementById('log-status');
  if (region) region.textContent = message;
}
