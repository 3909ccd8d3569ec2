/**
 * How many statements go in one request (docs/xapi-profile.md § Sending). LRSs differ: Learning Locker is
 * fastest per statement at a few hundred (bench/results/scale.json's bulk probe: 250 or 500, by up to 20 %),
 * while ADL's reference LRS hashes the password on every request, so there the biggest batches pay. The sizer
 * climbs: after a full batch it doubles the size while the cost per statement (the request's time over its
 * statements) falls at all: a bigger batch costs little (its time on the wire; a 413 or a timeout halves it
 * again), while stopping too early, misled by one noisy request on a busy machine, costs every later batch, and
 * a short queue is sent before a slower climb got anywhere. The first step that does not pay takes it back to
 * the size before, where it stays, trying a finer step away (×1.5) every REPROBE full batches, down and up in
 * turn (an LRS's costs drift as its store fills, and the best size may lie between two doublings or below
 * where noisy times stopped the climb); a probe that pays goes on in its direction. A 413 or a timeout halves
 * it. Always within MIN_BATCH..max.
 * Times come from the engine's clock: a clock that does not move (tests) teaches nothing, so the size stays.
 */
export const MIN_BATCH = 25;
export const MAX_BATCH = 500;
/** Full batches at a settled size before one step away is tried again. */
const REPROBE = 32;

type Direction = 'up' | 'down';

export class BatchSizer {
  /** The size to claim next. */
  size: number;
  private readonly min: number;
  private readonly max: number;
  /** The last cost per statement measured at each size, ms. */
  private readonly cost = new Map<number, number>();
  /** While probing: the size this step came from, and which way it went. */
  private from: number | undefined;
  private direction: Direction = 'up';
  private settledFor = 0;
  /** The direction of the next re-probe. */
  private nextProbe: Direction = 'down';
  /** Until the first settling: the first climb, by doubling. */
  private climbing = true;

  constructor(start: number, max = MAX_BATCH) {
    this.max = Math.max(1, max, start);
    this.min = Math.min(MIN_BATCH, start);
    this.size = clamp(start, this.min, this.max);
    this.from = this.size; // the first full batch starts the climb
  }

  /** The size to claim while a batch of `size` is on the wire: the next step of a probe, in case it pays. */
  get ahead(): number {
    return this.from === undefined ? this.size : this.stepFrom(this.size, this.direction);
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
        this.step(count, this.direction);
        return;
      }
      this.settle(this.from);
      return;
    }
    if (++this.settledFor >= REPROBE) {
      const direction = this.nextProbe;
      this.nextProbe = direction === 'up' ? 'down' : 'up';
      this.step(count, direction);
    }
  }

  /**
   * The LRS or a proxy refused the size (413: a hard limit, which may lie below MIN_BATCH), or a request of it
   * timed out: halve, and stay there.
   */
  tooBig(count: number): void {
    this.settle(Math.max(1, Math.min(this.size, Math.floor(count / 2))));
  }

  /** One step away from `size` (×2 on the first climb, else ×1.5 or ÷1.5), in multiples of 25, within the bounds. */
  private stepFrom(size: number, direction: Direction): number {
    const factor = this.climbing ? 2 : 1.5;
    const next = direction === 'up' ? size * factor : size / factor;
    return clamp(Math.round(next / 25) * 25, this.min, this.max);
  }

  private step(from: number, direction: Direction): void {
    const to = this.stepFrom(from, direction);
    if (to === from) return this.settle(from);
    this.from = from;
    this.direction = direction;
    this.size = to;
  }

  private settle(size: number): void {
    this.climbing = false;
    this.from = undefined;
    this.settledFor = 0;
    this.size = size;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
