// The popup's composition root: the browser-backed API in, the App rendered. Nothing else lives here.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../../shared/ui/theme.css';
import { sendToBackground } from '../../platform/send';
import { App, type PopupApi } from './App';
import './popup.css';

const api: PopupApi = {
  async activeTabId() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },
  send: sendToBackground,
};

const root = document.getElementById('app');
if (root) render(<App api={api} />, root);
