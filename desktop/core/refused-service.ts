/**
 * Items an LRS refused, on the desktop (issue 11 point 4): My learning's and the tray's "Send again". The outbox
 * window requeues them (shared/record/refused.ts, as in the extension); a pass is asked for at once.
 */
import { NOTHING_REFUSED } from '../../shared/record';
import type { OutboxLink } from './contract';
import type { SyncControl } from './sync-control';
import type { ActionResult } from './ui-contract';

export class RefusedService {
  constructor(private readonly deps: { outbox: OutboxLink; sync: SyncControl }) {}

  /** One item (by id) or every refused item back in the queue, then a sync. */
  async resend(id?: string): Promise<ActionResult> {
    try {
      const { requeued } = await this.deps.outbox.request({
        op: 'resend',
        ...(id === undefined ? {} : { id }),
      });
      if (requeued === 0) return { ok: false, error: NOTHING_REFUSED };
      this.deps.sync.changed(true);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
