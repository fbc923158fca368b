import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { t } from '../../lib/i18n';
import './options.css';
import { requestPersistentStorage } from '../../lib/notes/persist';

// The language of the strings the browser picked from _locales.
document.documentElement.lang = t('popup_lang') === 'zh-CN' ? 'zh-CN' : 'en';
render(<OptionsPage />, document.getElementById('app')!);

// Notes must survive storage pressure: only a window can ask for persistent storage.
void requestPersistentStorage();
