// My learning's composition root: the browser-backed API in, the page rendered. Nothing else lives here.
import { render } from 'preact';
import '../../../shared/ui/theme.css';
import { sendToBackground } from '../../platform/send';
import { Dashboard, type DashboardApi } from './Dashboard';
import '../../../shared/ui/record/record.css';

const api: DashboardApi = {
  send: sendToBackground,
  download({ filename, mimeType, text }) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

const root = document.getElementById('app');
if (root) render(<Dashboard api={api} />, root);
