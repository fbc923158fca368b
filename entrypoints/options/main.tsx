import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { t } from '../../lib/shared/i18n';
import './options.css';
import { requestPersistentStorage } from '../../lib/extension/notes/persist';
import { notesRepository } from '../../lib/extension/notes/repository';
import { purgeExpiredTrash } from '../../lib/extension/notes/trash';
import { loadSettings } from '../../lib/shared/settings/store';

// The language of the strings the browser picked from _locales.
document.documentElement.lang = t('popup_lang') === 'zh-CN' ? 'zh-CN' : 'en';
render(<OptionsPage />, document.getElementById('app')!);

// Notes must survive storage pressure: only a window can ask for persistent storage.
void requestPersistentStorage();

// Deleted notes past the retention setting go for good whenever the options page opens.
void loadSettings()
  .then((s) => purgeExpiredTrash(notesRepository(), s, Date.now()))
  .catch(() => {});
