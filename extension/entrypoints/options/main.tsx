// The options page's composition root: the browser-backed API in, the App rendered. Nothing else lives here.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../../shared/ui/theme.css';
import { sendToBackground } from '../../platform/send';
import { App, type OptionsApi } from './App';
import '../../../shared/ui/frameworks.css';
import './options.css';

const api: OptionsApi = {
  send: sendToBackground,
  download(filename, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  watch(listener) {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || (area === 'local' && 'learnerSettings' in changes)) listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
};

const root = document.getElementById('app');
if (root) render(<App api={api} />, root);
