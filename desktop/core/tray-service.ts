/**
 * The tray's switches and what its menu is drawn from: pause (until an hour, tomorrow, or resumed), start at
 * login, the waiting and refused counts and the log shortcut. The menu itself is tray-menu.ts; Electron's tray is main/.
 */
import { isPaused, pausedUntilAfter, type PauseRequest } from '../../shared/learner/pause';
import type { SettingsStore } from './settings-store';
import type { SyncControl } from './sync-control';
import type { TrayState } from './tray-menu';

export interface TrayServiceDeps {
  store: SettingsStore;
  sync: SyncControl;
  now: () => number;
}

export class TrayService {
  constructor(private readonly deps: TrayServiceDeps) {}

  /** "Until tomorrow" is the next 06:00 local time, as in the extension (shared/learner/pause.ts). */
  async pause(request: PauseRequest): Promise<void> {
    await this.deps.store.setPausedUntil(pausedUntilAfter(request, this.deps.now()));
    this.deps.sync.notify();
  }

  /** The pause as capture and the media watcher need it: still in force at `now`? */
  pausedAt(now: number): boolean {
    return isPaused(this.deps.store.pausedUntil, now);
  }

  /** The learner's choice, kept; main applies it to the system (login items, XDG autostart). */
  async setStartAtLogin(enabled: boolean): Promise<void> {
    await this.deps.store.setStartAtLogin(enabled);
    this.deps.sync.notify();
  }

  state(logShortcut?: string): TrayState {
    const { store } = this.deps;
    return {
      now: this.deps.now(),
      waiting: this.deps.sync.waiting,
      refused: this.deps.sync.refused,
      pausedUntil: store.pausedUntil,
      startAtLogin: store.startAtLogin,
      logShortcut,
    };
  }
}
