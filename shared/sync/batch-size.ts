/**
 * How many statements go in one request (docs/xapi-profile.md § Sending). LRSs differ: Learning Locker takes
 * 100 at a time about as fast as more, while ADL's reference LRS hashes the password on every request, so
 * there bigger batches pay. The sizer climbs: after a full batch it doubles the size while the cost per
 * statement (the request's time over its statements) falls at all: a bigger batch costs little (its time on the
 * wire; a 413 or a timeout halves it again), while stopping too early, misled by one noisy request on a busy
 * machine, costs every later batch. The first step that does not pay takes it back to the size before, where it
 * stays, trying one step up again every REPROBE full batches (an LRS's costs drift as its store fills). A 413 or
 * a timeout halves it. Always within MIN_BATCH..max.
 * Times come from the engine's clock: a clock that does not move (tests) teaches nothing, so the size stays.
 */
export const MIN_BATCH = 25;
export const MAX_BATCH = 500;
/** Full batches at a settled size before one step up is tried again. */
const REPROBE = 32;

export class BatchSizer {
  /** The size to claim next. */
  size: number;
  private readonly min: number;
  private readonly max: number;
  /** The last cost per statement measured at each size, ms. */
  private readonly cost = new Map<number, number>();
  /** While climbing: the size this step came from. */
  private from: number | undefined;
  private settledFor = 0;

  constructor(start: number, max = MAX_BATCH) {
    this.max = Math.max(1, max, start);
    this.min = Math.min(MIN_BATCH, start);
    this.size = clamp(start, this.min, this.max);
    this.from = this.size; // the first full batch starts the climb
  }

  /** The size to claim while a batch of `size` is on the wire: the next step of a climb, in case it pays. */
  get ahead(): number {
    return this.from === undefined ? this.size : Math.min(this.max, this.size * 2);
  }

  /** A batch of `count` statements claimed at `requested` was accepted in `ms`. */
  accepted(count: number, requested: number, ms: number): void {
    // A partial batch (the end of the queue) or a size not asked for says nothing about this size.
    if (count !== requested || requested !== this.size || ms <= 0) return;
    const perStatement = ms / count;
    this.cost.set(count, perStatement);
    if (this.from !== undefined) {
      const before = this.cost.get(this.from);
      if (this.from === count || (before !== undefined && perStatement < before)) {
        this.step(count);
        return;
      }
      this.settle(this.from);
      return;
    }
    if (++this.settledFor >= REPROBE) this.step(count);
  }

  /**
   * The LRS or a proxy refused the size (413: a hard limit, which may lie below MIN_BATCH), or a request of it
   * timed out: halve, and stay there.
   */
  tooBig(count: number): void {
    this.settle(Math.max(1, Math.min(this.size, Math.floor(count / 2))));
  }

  private step(from: number): void {
    if (from >= this.max) return this.settle(from);
    this.from = from;
    this.size = Math.min(this.max, from * 2);
  }

  private settle(size: number): void {
    this.from = undefined;
    this.settledFor = 0;
    this.size = size;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
