import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { browser } from 'wxt/browser';
import './options.css';

document.documentElement.lang = browser.i18n.getUILanguage().startsWith('zh') ? 'zh-CN' : 'en';
render(<OptionsPage />, document.getElementById('app')!);
