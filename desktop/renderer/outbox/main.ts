// The hidden outbox window's page: open the outbox in this origin's IndexedDB and serve main's requests.
import { Outbox } from '../../../shared/outbox';
import { outboxHostApi } from '../api';
import { OutboxHost } from './host';

/** The database of the desktop app's outbox (one per app profile; the partition is persistent). */
export const DESKTOP_OUTBOX_DB = 'trailnote-desktop-outbox';

const api = outboxHostApi();
// Ask the browser not to evict this origin's storage under pressure: the outbox must survive.
void navigator.storage?.persist?.().catch(() => false);
const outbox = Outbox.open(DESKTOP_OUTBOX_DB);
const host = new OutboxHost(outbox, () => Date.now());
api.serve((request) => host.handle(request));
// A database an older version left opens at once; its record is prepared for My learning after, newest first, while
// requests are served (shared/outbox/fill.ts). Stopped part-way, it resumes at the next start.
void outbox.prepareRecord().catch((err: unknown) => {
  console.error("Trailnote: My learning's record could not be prepared:", err);
});
window.addEventListener('online', () => api.networkOnline());
