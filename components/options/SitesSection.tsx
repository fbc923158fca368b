import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/shared/i18n';
import { originsFor } from '../../lib/shared/settings/added-sites';
import type { Settings } from '../../lib/shared/settings/settings';
import { DEFAULT_SITES } from '../../lib/shared/sites';

interface Props {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
}

const DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/;

/** "https://www.Example.com/path" → "example.com"; null when it is not a domain. */
export function domainFromInput(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  try {
    if (/^[a-z]+:\/\//.test(s)) s = new URL(s).hostname;
  } catch {
    return null;
  }
  s = s
    .replace(/\/.*$/, '')
    .replace(/^\*\./, '')
    .replace(/^www\./, '');
  return DOMAIN.test(s) ? s : null;
}

export function SitesSection({ settings, update }: Props) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  const toggle = (domain: string, on: boolean) => {
    const disabled = new Set(settings.disabledSites);
    const paused = new Set(settings.pausedSites);
    if (on) {
      disabled.delete(domain);
      paused.delete(domain);
    } else disabled.add(domain);
    void update({ disabledSites: [...disabled], pausedSites: [...paused] });
  };

  const add = async (e: Event) => {
    e.preventDefault();
    const domain = domainFromInput(input);
    if (!domain) {
      setMessage({ kind: 'error', text: t('options_sites_invalid') });
      return;
    }
    if (
      (DEFAULT_SITES as readonly string[]).includes(domain) ||
      settings.addedSites.includes(domain)
    ) {
      setMessage({ kind: 'error', text: t('options_sites_already', domain) });
      return;
    }
    // Must run inside the click: browsers only ask for permissions on a user gesture.
    const granted = await browser.permissions
      .request({ origins: originsFor(domain) })
      .catch(() => false);
    if (!granted) {
      setMessage({ kind: 'error', text: t('options_sites_denied', domain) });
      return;
    }
    await update({ addedSites: [...settings.addedSites, domain] });
    setInput('');
    setMessage({ kind: 'ok', text: t('options_sites_added', domain) });
  };

  const remove = async (domain: string) => {
    await update({ addedSites: settings.addedSites.filter((d) => d !== domain) });
    await browser.permissions.remove({ origins: originsFor(domain) }).catch(() => false);
  };

  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">{t('options_sites')}</h2>
      <p class="hint">{t('options_sites_hint')}</p>
      <ul class="sites">
        {DEFAULT_SITES.map((d) => {
          const on = !settings.disabledSites.includes(d) && !settings.pausedSites.includes(d);
          return (
            <li key={d}>
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  onChange={(e) => toggle(d, (e.target as HTMLInputElement).checked)}
                />
                <span>{d}</span>
              </label>
              {settings.pausedSites.includes(d) ? (
                <span class="tag">{t('options_sites_paused')}</span>
              ) : null}
            </li>
          );
        })}
        {settings.addedSites.map((d) => (
          <li key={d}>
            <label class="switch">
              <input
                type="checkbox"
                role="switch"
                checked={!settings.disabledSites.includes(d) && !settings.pausedSites.includes(d)}
                onChange={(e) => toggle(d, (e.target as HTMLInputElement).checked)}
              />
              <span>{d}</span>
            </label>
            <span class="tag">{t('options_sites_yours')}</span>
            <button type="button" class="link" onClick={() => void remove(d)}>
              {t('options_remove')}
              <span class="sr-only"> {d}</span>
            </button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={(e) => void add(e)}>
        <label for="add-site">{t('options_sites_add_label')}</label>
        <input
          id="add-site"
          type="text"
          inputMode="url"
          placeholder="example.com"
          value={input}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
        />
        <button type="submit">{t('options_sites_add')}</button>
      </form>
      {message ? (
        <p class={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
