/**
 * Sync control: the outbox window's summary (the tray's waiting count and a full disk, checked), one sync pass on request, and
 * telling main that something the tray or an open window shows has changed. When to sync is the SyncLoop's
 * call (sync-loop.ts); this only runs a pass and asks for one.
 */
import type { RefusedView } from '../../shared/record';
import type { OutboxLink, OutboxSummary } from './contract';

export interface SyncControlDeps {
  outbox: OutboxLink;
  /** Read the policy again and hand the outbox window its configuration ("Send now" does so first). */
  reconfigure: () => Promise<void>;
  /** A sync was asked for (new item, network back, send now); main's SyncLoop runs it. */
  requestSync?: (force: boolean) => void;
  /** Something the tray or an open status window shows changed. */
  onChange?: () => void;
}

export class SyncControl {
  /** Items not yet sent everywhere, as the last summary said (the tray's count). */
  private waitingCount = 0;

  constructor(private readonly deps: SyncControlDeps) {}

  /** Items an LRS refused and the first one's message, as the last summary said (the tray's "N refused"). */
  private refusedNote: { count: number; message?: string } | undefined;
  /** The refused items listed with their messages (the status window), as the last summary said. */
  private refusedList: RefusedView | undefined;
  /** Each configured destination's state and what waits for it, as the last summary said (the tray's problems). */
  private destinationList: OutboxSummary['destinations'] = [];
  /** The outbox refuses new items for a full disk, as the last summary said (the tray and the status window). */
  private full = false;

  get waiting(): number {
    return this.waitingCount;
  }

  get refused(): { count: number; message?: string } | undefined {
    return this.refusedNote;
  }

  get refusedItems(): RefusedView | undefined {
    return this.refusedList;
  }

  get destinations(): OutboxSummary['destinations'] {
    return this.destinationList;
  }

  get storageFull(): boolean {
    return this.full;
  }

  /** One sync pass in the outbox window; returns when it wants the next (backoff or a hold expiring). */
  async run(force = false): Promise<number | undefined> {
    const { nextRunAt } = await this.deps.outbox.request({ op: 'sync', force });
    await this.refresh();
    return nextRunAt;
  }

  /** "Send now": the policy file again (and the outbox window's configuration with it), then a forced pass. */
  async sendNow(): Promise<void> {
    await this.deps.reconfigure();
    this.deps.requestSync?.(true);
  }

  /** The outbox changed: ask for a pass if something new may go out, and refresh the tray's count. */
  changed(syncNow: boolean): void {
    if (syncNow) this.deps.requestSync?.(false);
    void this.refresh().catch(() => undefined);
  }

  /** Only what is shown changed (a pause, a switch): tell main, no outbox round trip. */
  notify(): void {
    this.deps.onChange?.();
  }

  /** The outbox window's summary (checked by the link); keeps the waiting count for the tray. */
  async summary(): Promise<OutboxSummary> {
    const summary = await this.deps.outbox.request({ op: 'summary' });
    // Still opening (an older version's upgrade): nothing is known yet; what the tray shows stays as it was.
    if (summary.opening !== undefined) return summary;
    this.waitingCount = summary.waiting;
    // The LRS's message only while something is refused: no second round trip otherwise.
    const view = summary.refused > 0 ? await this.deps.outbox.request({ op: 'refused' }) : null;
    const message = view?.items[0]?.message;
    this.refusedList = summary.refused > 0 && view ? view : undefined;
    this.destinationList = summary.destinations;
    this.full = summary.storageFullSince !== undefined;
    this.refusedNote =
      summary.refused > 0 ? { count: summary.refused, ...(message ? { message } : {}) } : undefined;
    return summary;
  }

  private async refresh(): Promise<void> {
    await this.summary();
    this.deps.onChange?.();
  }
}
