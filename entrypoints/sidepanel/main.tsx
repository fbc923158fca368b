import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import { t } from '../../lib/shared/i18n';
import { panelServices } from '../../lib/extension/side-panel/services';
import './panel.css';

// The popup's views beside the page (Chromium's side panel, Firefox's sidebar), following the
// tab the reader looks at. One panel for every tab of a window (the manifest's default path):
// it shows whichever tab is active, so it stays open, with its search and scroll, across them.
document.documentElement.lang = t('popup_lang') === 'zh-CN' ? 'zh-CN' : 'en';
render(
  <PopupApp services={panelServices(new URLSearchParams(location.search))} />,
  document.getElementById('app')!,
);
