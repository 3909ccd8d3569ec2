/**
 * "Send my earlier record to <destination> (N items)" on the desktop (docs/policy.md § New destinations and the
 * earlier record): the settings window asks how many items a destination's earlier record holds, and the learner
 * chooses to send it. The outbox window decides which items (shared/outbox/earlier.ts) from its configuration.
 */
import type { EarlierRecordResult, EarlierRecordView } from '../../shared/ui/record/EarlierRecord';
import type { OutboxLink } from './contract';
import type { SyncControl } from './sync-control';

export class EarlierRecordService {
  constructor(private readonly deps: { outbox: OutboxLink; sync: SyncControl }) {}

  count(destinationId: string): Promise<EarlierRecordView> {
    return this.deps.outbox.request({ op: 'earlierCount', destinationId });
  }

  /** Queued items go out with the next pass, asked for at once. */
  async send(destinationId: string): Promise<EarlierRecordResult> {
    try {
      const result = await this.deps.outbox.request({ op: 'queueEarlier', destinationId });
      if (result.ok && (result.queued ?? 0) > 0) this.deps.sync.changed(true);
      return result;
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
