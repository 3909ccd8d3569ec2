// Linux: watches MPRIS media players on the D-Bus session bus (npm dbus-next) and feeds tracker.ts.
//
// Event-driven only: players are found with ListNames at start and `NameOwnerChanged` after; a player's changes
// arrive as `PropertiesChanged` and `Seeked`. `Position` is read only when something changes (MPRIS never
// signals it), so nothing runs while a player plays, pauses or sits idle, except one one-shot inactivity timer
// per paused item. One player process may own several names (mpv: `...mpv` and `...mpv.instance<pid>`): players
// are keyed by their unique connection name, so each is watched once.
//
// The bus itself (match rules, method calls, losing it) is session-bus.ts; this file is the players: who appears
// and leaves, what they signal, and the tracker's finished items handed to the app.
import { isBrowserPlayer, microsToSeconds, MPRIS_PREFIX } from './players';
import { BROWSER_PLAYER, PlayerWatch } from './player-watch';
import {
  asError,
  DBUS,
  MPRIS_PATH,
  PLAYER_IFACE,
  PROPS_IFACE,
  SessionBus,
  type BusSignal,
} from './session-bus';
import {
  DEFAULT_INACTIVITY_MS,
  type FinishedMedia,
  type MediaWatcher,
  type WatcherOptions,
  type WatcherStart,
  type WatcherState,
  type WatcherStatus,
} from './types';

/** Wall-clock ms that follows the monotonic clock (a clock change is not played time). */
export function monotonicWallClock(): () => number {
  const wall = Date.now();
  const mono = performance.now();
  return () => Math.floor(wall + (performance.now() - mono));
}

export class MprisWatcher implements MediaWatcher {
  private readonly now: () => number;
  private readonly inactivityMs: number;
  private bus: SessionBus | undefined;
  /** By unique connection name. */
  private readonly players = new Map<string, PlayerWatch>();
  private current: WatcherStatus = { state: 'stopped', players: [] };
  private stopping = false;
  /** `onFinished` calls not yet settled: `stop()` waits for them, so quitting does not drop an item. */
  private readonly deliveries = new Set<Promise<void>>();

  constructor(private readonly options: WatcherOptions) {
    this.now = options.now ?? monotonicWallClock();
    this.inactivityMs = options.inactivityMs ?? DEFAULT_INACTIVITY_MS;
  }

  status(): WatcherStatus {
    return { ...this.current, players: [...this.players.values()].map((player) => player.view()) };
  }

  async start(): Promise<WatcherStart> {
    if (this.bus !== undefined) return { supported: true, watching: true };
    this.stopping = false;
    this.setState('starting');
    const bus = new SessionBus({
      busAddress: this.options.busAddress,
      timeoutMs: this.options.connectTimeoutMs ?? 5000,
      onSignal: (signal) => {
        try {
          this.signal(signal);
        } catch (error) {
          this.log(`Ignored a D-Bus message: ${asError(error).message}`);
        }
      },
      onLost: (error) => this.busLost(error),
    });
    this.bus = bus;
    try {
      const names = await bus.open();
      this.setState('watching');
      for (const name of names) {
        const owner = await bus.ownerOf(name);
        if (owner !== undefined) this.nameChanged(name, '', owner);
      }
      return { supported: true, watching: true };
    } catch (error) {
      const reason =
        `Desktop media players cannot be watched: the session bus (D-Bus) could not be reached ` +
        `(${asError(error).message}). Media played in desktop apps is not captured; browser capture is not affected.`;
      this.log(reason);
      this.disconnect();
      this.setState('unavailable', reason);
      return { supported: true, watching: false, reason };
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const players = [...this.players.values()];
    await Promise.all(players.map((player) => player.enqueue(() => player.apply({ type: 'finish' }))));
    for (const player of players) player.forget();
    this.players.clear();
    this.disconnect();
    // The items finished above (and any finished just before) are only safe once the app has queued them.
    await Promise.all([...this.deliveries]);
    this.setState('stopped');
  }

  // ---- signals

  private signal(message: BusSignal): void {
    const { body } = message;
    if (message.interface === DBUS && message.member === 'NameOwnerChanged') {
      const [name, oldOwner, newOwner] = body;
      if (typeof name === 'string' && name.startsWith(MPRIS_PREFIX)) {
        this.nameChanged(name, asText(oldOwner), asText(newOwner));
      }
      return;
    }
    if (message.path !== MPRIS_PATH) return;
    const player = this.players.get(message.sender);
    if (player === undefined || player.skipped !== undefined) return;
    if (message.interface === PROPS_IFACE && message.member === 'PropertiesChanged') {
      const [iface, changed, invalidated] = body;
      if (iface !== PLAYER_IFACE) return;
      void player.enqueue(() => player.propertiesChanged(this.connected(), changed, invalidated));
    } else if (message.interface === PLAYER_IFACE && message.member === 'Seeked') {
      const seconds = microsToSeconds(body[0]);
      if (seconds === undefined) return;
      void player.enqueue(() => player.apply({ type: 'seeked', position: seconds }));
    }
  }

  // ---- players appearing and leaving

  private nameChanged(name: string, oldOwner: string, newOwner: string): void {
    if (oldOwner !== '') {
      const player = this.players.get(oldOwner);
      if (player !== undefined) {
        player.names.delete(name);
        if (player.names.size === 0) this.leave(player);
      }
    }
    if (newOwner !== '') {
      const existing = this.players.get(newOwner);
      if (existing !== undefined) {
        existing.names.add(name);
        return;
      }
      this.appear(name, newOwner);
    }
  }

  private appear(busName: string, owner: string): void {
    const player = new PlayerWatch(busName, owner, {
      now: this.now,
      inactivityMs: this.inactivityMs,
      getSettings: () => this.options.getSettings(),
      deliver: (item) => this.deliver(item),
      stopping: () => this.stopping,
      changed: () => this.publish(),
      log: (message) => this.log(message),
    });
    this.players.set(owner, player);
    if (isBrowserPlayer(player.info)) {
      player.skip(BROWSER_PLAYER);
      return;
    }
    void player.enqueue(() => player.read(this.connected()));
  }

  private leave(player: PlayerWatch): void {
    player.gone = true;
    void player.enqueue(() => {
      player.apply({ type: 'finish' });
      player.forget();
      this.players.delete(player.owner);
      this.publish();
    });
  }

  // ---- finished items, the bus, the status

  /** Hand an item that counts to the app; `stop()` waits for what it has not settled yet. */
  private deliver(item: FinishedMedia): void {
    try {
      const done = this.options.onFinished(item);
      if (done instanceof Promise) {
        const delivery = done.then(
          () => undefined,
          (error: unknown) => this.finishFailed(item.title, error),
        );
        this.deliveries.add(delivery);
        void delivery.finally(() => this.deliveries.delete(delivery));
      }
    } catch (error) {
      this.finishFailed(item.title, error);
    }
  }

  private finishFailed(title: string, error: unknown): void {
    this.log(`Could not queue "${title}": ${asError(error).message}`);
  }

  private connected(): SessionBus {
    if (this.bus === undefined) throw new Error('not connected to the session bus');
    return this.bus;
  }

  private busLost(error: Error): void {
    if (this.current.state !== 'watching') return;
    const reason = `Lost the connection to the session bus (D-Bus): ${error.message}. Desktop media is no longer watched.`;
    this.log(reason);
    // Open items finish where they were (estimated): what was played is not lost with the bus.
    for (const player of this.players.values()) {
      player.apply({ type: 'finish' });
      player.forget();
    }
    this.players.clear();
    this.setState('unavailable', reason);
  }

  private disconnect(): void {
    this.bus?.disconnect();
    this.bus = undefined;
  }

  private setState(state: WatcherState, message?: string): void {
    this.current = { state, ...(message === undefined ? {} : { message }), players: [] };
    this.publish();
  }

  private publish(): void {
    try {
      this.options.onStatus?.(this.status());
    } catch (error) {
      this.log(`status listener failed: ${asError(error).message}`);
    }
  }

  private log(message: string): void {
    try {
      this.options.log?.(message);
    } catch {
      // a failing logger must not stop the watcher
    }
  }
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
