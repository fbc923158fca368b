import { t } from '../../lib/shared/i18n';
import { AppearanceSection } from './AppearanceSection';
import { GlossarySection } from './GlossarySection';
import { LogSection } from './LogSection';
import { NotesSection } from './NotesSection';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';
import { useSettings } from './use-settings';

export function OptionsPage() {
  const [settings, update, loaded] = useSettings();
  return (
    <main class="options" aria-busy={!loaded}>
      <header>
        <h1>
          Policy Lens <span class="sub">{t('options_title')}</span>
        </h1>
        <p class="lead">{t('options_lead')}</p>
      </header>
      <SitesSection settings={settings} update={update} />
      <AppearanceSection settings={settings} update={update} />
      <GlossarySection settings={settings} update={update} />
      <NotesSection settings={settings} update={update} />
      <LogSection />
      <ShortcutsSection />
    </main>
  );
}
