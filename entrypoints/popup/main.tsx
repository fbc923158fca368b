import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type View } from '../../components/popup/PopupApp';
import { browserServices } from './services';
import './popup.css';

const params = new URLSearchParams(location.search);
const lang = browser.i18n.getUILanguage();
document.documentElement.lang = lang.startsWith('zh') ? 'zh-CN' : 'en';
const services = browserServices(params);
// Opened as a page (a tab, or ?tab= from tests): lay out wider than the toolbar popup.
document.documentElement.classList.toggle('as-page', !services.inPopupWindow);
const view = params.get('view');
const initialView: View =
  view === 'notes' || view === 'glossary' || view === 'page' ? view : 'page';
render(
  <PopupApp
    services={services}
    initialView={params.has('import') ? 'notes' : initialView}
    startImport={params.has('import')}
  />,
  document.getElementById('app')!,
);
