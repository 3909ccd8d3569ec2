// The options page's composition root: the browser-backed API in, the App rendered. Nothing else lives here.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../../shared/ui/theme.css';
import { downloadFile } from '../../platform/download';
import { sendToBackground } from '../../platform/send';
import { settingsChanged } from '../../platform/storage';
import { App, type OptionsApi } from './App';
import '../../../shared/ui/frameworks.css';
import './options.css';

const api: OptionsApi = {
  send: sendToBackground,
  download: (filename, text) => downloadFile({ filename, mimeType: 'application/json', text }),
  watch(listener) {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (settingsChanged(changes, area)) listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
};

const root = document.getElementById('app');
if (root) render(<App api={api} />, root);
