// The settings/status window's composition root.
import { render } from 'preact';
import '../../../shared/ui/theme.css';
import '../../../shared/ui/frameworks.css';
import '../desktop.css';
import { uiApi } from '../api';
import { Settings } from './Settings';

const root = document.getElementById('app');
if (root) render(<Settings api={uiApi()} />, root);
