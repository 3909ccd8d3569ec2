/**
 * When the outbox window syncs (issue 5, part 4): on an interval, when something was queued, when the network
 * returns, and at the moment the last pass asked for (backoff, a hold expiring). One pass at a time; a request
 * during a pass runs one more pass after it. Timers are injected so tests use a fake clock.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncLoopOptions {
  /** One pass; resolves to when the next is wanted, if at all. */
  run: (force: boolean) => Promise<number | undefined>;
  now: () => number;
  timers: Timers;
  /** The regular pass, whatever happened (default 5 min). */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export class SyncLoop {
  private running: Promise<void> | undefined;
  private again: { force: boolean } | undefined;
  private timer: unknown;
  private stopped = false;

  constructor(private readonly options: SyncLoopOptions) {}

  /** Run now (or right after the pass in progress). `force`: ignore backoff (send now, network back). */
  request(force = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = { force: force || (this.again?.force ?? false) };
      return this.running;
    }
    this.running = this.pass(force).finally(() => {
      this.running = undefined;
      const again = this.again;
      this.again = undefined;
      if (again) void this.request(again.force);
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async pass(force: boolean): Promise<void> {
    let next: number | undefined;
    try {
      next = await this.options.run(force);
    } catch (error) {
      this.options.onError?.(error);
    }
    this.schedule(next);
  }

  private schedule(wanted: number | undefined): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    const interval = this.options.intervalMs ?? 300_000;
    const now = this.options.now();
    // Never sooner than a second (a past time means "now"), never later than the regular interval.
    const delay = wanted === undefined ? interval : Math.min(interval, Math.max(1_000, wanted - now));
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      void this.request(false);
    }, delay);
  }
}
