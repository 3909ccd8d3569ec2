// The popup's composition root: the browser-backed API in, the App rendered. Nothing else lives here.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../../shared/ui/theme.css';
import { keepStorage } from '../../platform/persist';
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

void keepStorage(); // the outbox must not be evicted (platform/persist.ts)
const root = document.getElementById('app');
if (root) render(<App api={api} />, root);
