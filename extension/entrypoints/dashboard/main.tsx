// My learning's composition root: the browser-backed API in, the page rendered. Nothing else lives here.
import { render } from 'preact';
import '../../../shared/ui/theme.css';
import { downloadFile } from '../../platform/download';
import { sendToBackground } from '../../platform/send';
import { Dashboard, type DashboardApi } from './Dashboard';
import '../../../shared/ui/record/record.css';

const api: DashboardApi = {
  send: sendToBackground,
  download: downloadFile,
};

const root = document.getElementById('app');
if (root) render(<Dashboard api={api} />, root);
