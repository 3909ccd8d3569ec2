/**
 * The tray's switches and what its menu is drawn from: pause (until an hour, tomorrow, or resumed), start at
 * login, the waiting and refused counts, a full disk, the destinations paused (with why) and the log shortcut. The menu itself is tray-menu.ts; Electron's tray is main/.
 */
import { destinationRows } from '../../shared/learner/destinations';
import { isPaused, pausedUntilAfter, type PauseRequest } from '../../shared/learner/pause';
import type { Destination } from '../../shared/policy';
import type { SettingsStore } from './settings-store';
import type { SyncControl } from './sync-control';
import type { TrayState } from './tray-menu';

export interface TrayServiceDeps {
  store: SettingsStore;
  sync: SyncControl;
  now: () => number;
  /** The configured destinations (the settings' order and names), for the paused ones' lines. */
  destinations?: () => readonly Pick<Destination, 'id' | 'name' | 'origin'>[];
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
    const { store, sync } = this.deps;
    const progress = new Map(sync.destinations.map((d) => [d.state.id, d]));
    const rows = destinationRows(this.deps.destinations?.() ?? [], (id) => progress.get(id));
    const paused = rows.filter((r) => r.status === 'paused');
    return {
      now: this.deps.now(),
      waiting: this.deps.sync.waiting,
      refused: this.deps.sync.refused,
      ...(sync.storageFull ? { storageFull: true } : {}),
      pausedUntil: store.pausedUntil,
      startAtLogin: store.startAtLogin,
      logShortcut,
      ...(paused.length > 0 ? { paused } : {}),
    };
  }
}
