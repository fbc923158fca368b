import { render } from 'preact';
import { PopupApp, type View } from '../../components/popup/PopupApp';
import { t } from '../../lib/shared/i18n';
import { browserServices } from '../../lib/extension/popup/browser-services';
import './popup.css';
import { requestPersistentStorage } from '../../lib/extension/notes/persist';

const params = new URLSearchParams(location.search);
// The language of the strings the browser picked from _locales (not getUILanguage(), which can
// differ from it): dates, numbers and the lang attribute follow the words on screen.
document.documentElement.lang = t('popup_lang') === 'zh-CN' ? 'zh-CN' : 'en';
const services = browserServices(params);
// Opened as a page (a tab, or ?tab= from tests): lay out wider than the toolbar popup.
document.documentElement.classList.toggle('as-page', !services.inPopupWindow);
const view = params.get('view');
const initialView: View =
  view === 'notes' || view === 'glossary' || view === 'page' || view === 'log' ? view : 'page';
render(
  <PopupApp
    services={services}
    initialView={params.has('import') ? 'notes' : initialView}
    startImport={params.has('import')}
  />,
  document.getElementById('app')!,
);

// Notes must survive storage pressure: only a window can ask for persistent storage.
void requestPersistentStorage();
