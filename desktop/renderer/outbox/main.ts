// The hidden outbox window's page: open the outbox in this origin's IndexedDB and serve main's requests.
import { Outbox } from '../../../shared/outbox';
import { outboxHostApi } from '../api';
import { OutboxHost } from './host';

/** The database of the desktop app's outbox (one per app profile; the partition is persistent). */
export const DESKTOP_OUTBOX_DB = 'trailnote-desktop-outbox';

const api = outboxHostApi();
// Ask the browser not to evict this origin's storage under pressure: the outbox must survive.
void navigator.storage?.persist?.().catch(() => false);
const host = new OutboxHost(Outbox.open(DESKTOP_OUTBOX_DB), () => Date.now());
api.serve((request) => host.handle(request));
window.addEventListener('online', () => api.networkOnline());
