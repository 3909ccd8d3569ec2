// The desktop media watcher: `createMediaWatcher(process.platform, options)` (README.md in this folder).
// Linux watches MPRIS players over D-Bus; other systems get a watcher that says it is not supported yet.
import { MprisWatcher } from './mpris';
import { UNSUPPORTED_REASON, type MediaWatcher, type WatcherOptions, type WatcherStatus } from './types';

export type * from './types';
export { DEFAULT_INACTIVITY_MS, UNSUPPORTED_REASON } from './types';
export { finishSession, captureAllowed, type FinishOutcome } from './finish';
export { isBrowserPlayer, mediaKindFor } from './players';

/** `platform` is `process.platform` (`linux`, `win32`, `darwin`...). */
export function createMediaWatcher(platform: string, options: WatcherOptions): MediaWatcher {
  if (platform === 'linux') return new MprisWatcher(options);
  return new UnsupportedWatcher(options);
}

/** Windows (SMTC) and macOS (MediaRemote) have no public watcher yet: say so, capture nothing. */
class UnsupportedWatcher implements MediaWatcher {
  private readonly current: WatcherStatus = {
    state: 'unsupported',
    message: UNSUPPORTED_REASON,
    players: [],
  };

  constructor(private readonly options: WatcherOptions) {}

  start(): Promise<{ supported: false; reason: string }> {
    this.options.onStatus?.(this.status());
    return Promise.resolve({ supported: false, reason: UNSUPPORTED_REASON });
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  status(): WatcherStatus {
    return { ...this.current, players: [] };
  }
}
