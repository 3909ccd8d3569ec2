// The quick-log window's composition root.
import { render } from 'preact';
import '../../../shared/ui/theme.css';
import '../desktop.css';
import { uiApi } from '../api';
import { QuickLog } from './QuickLog';

const root = document.getElementById('app');
if (root) render(<QuickLog api={uiApi()} />, root);
