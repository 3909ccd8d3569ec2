import { describe, expect, it, vi } from 'vitest';
import { SyncLoop } from './sync-loop';

function fakeTimers() {
  const pending: Array<{ fn: () => void; ms: number }> = [];
  return {
    pending,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const t = { fn, ms };
        pending.push(t);
        return t;
      },
      clearTimeout: (h: unknown) => {
        const i = pending.indexOf(h as (typeof pending)[number]);
        if (i >= 0) pending.splice(i, 1);
      },
    },
  };
}

describe('SyncLoop', () => {
  it('runs one pass at a time and one more for requests made meanwhile', async () => {
    let release!: () => void;
    const run = vi.fn(() => new Promise<undefined>((r) => (release = () => r(undefined))));
    const { timers } = fakeTimers();
    const loop = new SyncLoop({ run, now: () => 0, timers });
    const first = loop.request();
    void loop.request(true);
    void loop.request();
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await first;
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    expect(run).toHaveBeenLastCalledWith(true);
    release();
  });

  it('schedules the next pass when asked, never later than the interval, never sooner than 1 s', async () => {
    const { timers, pending } = fakeTimers();
    const loop = new SyncLoop({
      run: () => Promise.resolve(5_000),
      now: () => 1_000,
      timers,
      intervalMs: 60_000,
    });
    await loop.request();
    expect(pending.map((p) => p.ms)).toEqual([4_000]);
    const late = new SyncLoop({
      run: () => Promise.resolve(undefined),
      now: () => 0,
      timers,
      intervalMs: 60_000,
    });
    await late.request();
    expect(pending.at(-1)?.ms).toBe(60_000);
    loop.stop();
    late.stop();
    expect(pending).toEqual([]);
  });
});
