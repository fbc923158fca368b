import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/shared/i18n';

interface Command {
  name?: string;
  description?: string;
  shortcut?: string;
}

export function ShortcutsSection() {
  const [commands, setCommands] = useState<Command[]>([]);
  useEffect(() => {
    void browser.commands.getAll().then(setCommands);
  }, []);
  const isFirefox = browser.runtime.getURL('').startsWith('moz-extension:');
  const openSettings = () =>
    void browser.tabs.create({
      url: isFirefox ? 'about:addons' : 'chrome://extensions/shortcuts',
    });
  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">{t('options_shortcuts')}</h2>
      <table class="keys">
        <tbody>
          {commands
            .filter((c) => c.description)
            .map((c) => (
              <tr key={c.name}>
                <td>
                  {c.shortcut ? (
                    <kbd>{c.shortcut}</kbd>
                  ) : (
                    <span class="muted">{t('options_not_set')}</span>
                  )}
                </td>
                <td>{c.description}</td>
              </tr>
            ))}
          <tr>
            <td>
              <kbd>Esc</kbd>
            </td>
            <td>{t('options_escape')}</td>
          </tr>
        </tbody>
      </table>
      <p class="hint">
        {t(isFirefox ? 'options_shortcuts_hint_firefox' : 'options_shortcuts_hint')}{' '}
        <button type="button" class="link" onClick={openSettings}>
          {t('options_shortcuts_change')}
        </button>
      </p>
    </section>
  );
}
