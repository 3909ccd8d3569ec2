// The My learning window's composition root: the shared page (shared/ui/record) over the preload's API,
// loaded again whenever main says the status changed (a sync finished, an item was added).
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import '../../../shared/ui/theme.css';
import '../../../shared/ui/record/record.css';
import '../desktop.css';
import { MyLearning } from '../../../shared/ui/record';
import type { UiApi } from '../../core/contract';
import { uiApi } from '../api';
import { myLearningApi } from './api';

function MyLearningWindow({ ui }: { ui: UiApi }) {
  const api = useMemo(() => myLearningApi(ui), [ui]);
  const [changes, setChanges] = useState(0);
  useEffect(() => ui.onStatusChanged(() => setChanges((n) => n + 1)), [ui]);
  return <MyLearning api={api} refreshKey={changes} />;
}

const root = document.getElementById('app');
if (root) render(<MyLearningWindow ui={uiApi()} />, root);
