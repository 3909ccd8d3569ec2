import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../shared/policy';
import { createMediaWatcher, UNSUPPORTED_REASON, type WatcherOptions, type WatcherStatus } from './index';

function options(over: Partial<WatcherOptions> = {}): WatcherOptions & { statuses: WatcherStatus[] } {
  const statuses: WatcherStatus[] = [];
  return {
    getSettings: () => ({ settings: resolveSettings().settings }),
    onFinished: () => undefined,
    onStatus: (status) => statuses.push(status),
    statuses,
    ...over,
  };
}

describe('createMediaWatcher', () => {
  it.each(['win32', 'darwin'])('%s: not supported yet, said in plain words', async (platform) => {
    const opts = options();
    const watcher = createMediaWatcher(platform, opts);
    await expect(watcher.start()).resolves.toEqual({ supported: false, reason: UNSUPPORTED_REASON });
    expect(watcher.status()).toEqual({ state: 'unsupported', message: UNSUPPORTED_REASON, players: [] });
    expect(opts.statuses.at(-1)?.state).toBe('unsupported');
    await watcher.stop();
  });

  it('linux with an unreachable session bus: a clear message, no crash, no throw', async () => {
    const logs: string[] = [];
    const opts = options({
      busAddress: 'unix:path=/nonexistent/trailnote-test-bus',
      log: (m) => logs.push(m),
    });
    const watcher = createMediaWatcher('linux', opts);
    const started = await watcher.start();
    expect(started).toMatchObject({ supported: true, watching: false });
    expect(started.reason).toMatch(/session bus \(D-Bus\) could not be reached.*ENOENT/);
    expect(watcher.status().state).toBe('unavailable');
    expect(opts.statuses.at(-1)?.message).toBe(started.reason);
    expect(logs).toContain(started.reason);
    await watcher.stop();
    expect(watcher.status().state).toBe('stopped');
  });

  it('linux with no bus address at all: the same, naming the missing variable', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    try {
      const watcher = createMediaWatcher('linux', options());
      const started = await watcher.start();
      expect(started).toMatchObject({ supported: true, watching: false });
      expect(started.reason).toMatch(/DBUS_SESSION_BUS_ADDRESS is not set/);
    } finally {
      if (saved !== undefined) process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});
