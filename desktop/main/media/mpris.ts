// Linux: watches MPRIS media players on the D-Bus session bus (npm dbus-next) and feeds tracker.ts.
//
// Event-driven only: players are found with ListNames at start and `NameOwnerChanged` after; a player's changes
// arrive as `PropertiesChanged` and `Seeked`. `Position` is read only when something changes (MPRIS never
// signals it), so nothing runs while a player plays, pauses or sits idle, except one one-shot inactivity timer
// per paused item. One player process may own several names (mpv: `...mpv` and `...mpv.instance<pid>`): players
// are keyed by their unique connection name, so each is watched once.
//
// The three signals are subscribed with bus-wide match rules, added (and awaited) before the first read, and
// routed by sender. Per-player proxies would subscribe only after a player appeared, asynchronously, and lose
// the changes a player sends right after it starts (mpv sends its tags ~0.1 s after its file name).
import type * as DBusNext from 'dbus-next';
import type { Message, MessageBus } from 'dbus-next';
import type { MediaKind } from '../../../shared/capture';
import { captureAllowed, finishSession } from './finish';
import {
  isBrowserPlayer,
  mediaKindFor,
  microsToSeconds,
  MPRIS_PREFIX,
  parseMetadata,
  playerName,
  unwrap,
  type PlayerNames,
  type TrackFacts,
} from './players';
import {
  createPlayerTrack,
  observe,
  type Observation,
  type PlaybackStatus,
  type PlayerTrack,
} from './tracker';
import {
  DEFAULT_INACTIVITY_MS,
  type MediaWatcher,
  type WatchedPlayer,
  type WatcherOptions,
  type WatcherStart,
  type WatcherState,
  type WatcherStatus,
} from './types';

const MPRIS_PATH = '/org/mpris/MediaPlayer2';
const PLAYER_IFACE = 'org.mpris.MediaPlayer2.Player';
const ROOT_IFACE = 'org.mpris.MediaPlayer2';
const PROPS_IFACE = 'org.freedesktop.DBus.Properties';
const DBUS = 'org.freedesktop.DBus';

const MATCH_RULES = [
  `type='signal',sender='${DBUS}',interface='${DBUS}',member='NameOwnerChanged',arg0namespace='org.mpris.MediaPlayer2'`,
  `type='signal',interface='${PROPS_IFACE}',member='PropertiesChanged',path='${MPRIS_PATH}',arg0='${PLAYER_IFACE}'`,
  `type='signal',interface='${PLAYER_IFACE}',member='Seeked',path='${MPRIS_PATH}'`,
];

type DBusModule = typeof DBusNext;

interface Player {
  owner: string;
  names: Set<string>;
  info: PlayerNames;
  name: string;
  skipped?: string;
  /** Playback as the tracker sees it (tracker.ts). */
  track: PlayerTrack;
  /** Observations are applied one at a time, in arrival order, though reading the position is async. */
  queue: Promise<void>;
  inactivity?: ReturnType<typeof setTimeout>;
  gone: boolean;
}

/** Wall-clock ms that follows the monotonic clock (a clock change is not played time). */
export function monotonicWallClock(): () => number {
  const wall = Date.now();
  const mono = performance.now();
  return () => Math.floor(wall + (performance.now() - mono));
}

export class MprisWatcher implements MediaWatcher {
  private readonly now: () => number;
  private readonly inactivityMs: number;
  private dbus: DBusModule | undefined;
  private bus: MessageBus | undefined;
  /** By unique connection name. */
  private readonly players = new Map<string, Player>();
  private current: WatcherStatus = { state: 'stopped', players: [] };
  private stopping = false;
  /** `onFinished` calls not yet settled: `stop()` waits for them, so quitting does not drop an item. */
  private readonly deliveries = new Set<Promise<void>>();

  constructor(private readonly options: WatcherOptions) {
    this.now = options.now ?? monotonicWallClock();
    this.inactivityMs = options.inactivityMs ?? DEFAULT_INACTIVITY_MS;
  }

  status(): WatcherStatus {
    return { ...this.current, players: this.playerList() };
  }

  async start(): Promise<WatcherStart> {
    if (this.bus !== undefined) return { supported: true, watching: true };
    this.stopping = false;
    this.setState('starting');
    try {
      const mod = (await import('dbus-next')) as DBusModule & { default?: DBusModule };
      const dbus = mod.default ?? mod;
      this.dbus = dbus;
      const address = this.options.busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS;
      if (address === undefined || address === '') {
        throw new Error('no session bus address (DBUS_SESSION_BUS_ADDRESS is not set)');
      }
      const bus = dbus.sessionBus({ busAddress: address });
      this.bus = bus;
      const failed = new Promise<never>((_resolve, reject) => {
        bus.once('error', (error: unknown) => reject(asError(error)));
      });
      // Later errors (the bus going away) must never crash the app: they only change the status.
      bus.on('error', (error: unknown) => this.busLost(asError(error)));
      bus.on('message', (message: Message) => {
        try {
          this.message(message);
        } catch (error) {
          this.log(`Ignored a D-Bus message: ${asError(error).message}`);
        }
      });
      // dbus-next does not forward the end of its stream (the bus daemon quitting) as an event of the bus; its
      // connection has one. Without it, an event-driven watcher would say "watching" forever.
      const connection = (
        bus as unknown as { _connection?: { on?: (event: string, listener: () => void) => void } }
      )._connection;
      connection?.on?.('end', () => this.busLost(new Error('the bus closed the connection')));
      const connect = async (): Promise<unknown[]> => {
        for (const rule of MATCH_RULES)
          await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'AddMatch', 's', [rule]);
        const [names] = await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'ListNames');
        return Array.isArray(names) ? (names as unknown[]) : [];
      };
      const names = await withTimeout(
        Promise.race([connect(), failed]),
        this.options.connectTimeoutMs ?? 5000,
        'the session bus did not answer',
      );
      this.setState('watching');
      for (const name of names) {
        if (typeof name !== 'string' || !name.startsWith(MPRIS_PREFIX)) continue;
        const owner = await this.ownerOf(name);
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
    await Promise.all(
      players.map((player) => this.enqueue(player, () => this.apply(player, { type: 'finish' }))),
    );
    for (const player of players) this.forget(player);
    this.players.clear();
    this.disconnect();
    // The items finished above (and any finished just before) are only safe once the app has queued them.
    await Promise.all([...this.deliveries]);
    this.setState('stopped');
  }

  // ---- signals

  private message(message: Message): void {
    if (this.dbus === undefined || message.type !== this.dbus.MessageType.SIGNAL) return;
    const body: unknown[] = Array.isArray(message.body) ? (message.body as unknown[]) : [];
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
      void this.enqueue(player, () => this.propertiesChanged(player, changed, invalidated));
    } else if (message.interface === PLAYER_IFACE && message.member === 'Seeked') {
      const seconds = microsToSeconds(body[0]);
      if (seconds === undefined) return;
      void this.enqueue(player, () => this.apply(player, { type: 'seeked', position: seconds }));
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
    const info: PlayerNames = { busName };
    const player: Player = {
      owner,
      names: new Set([busName]),
      info,
      name: playerName(info),
      track: createPlayerTrack(),
      queue: Promise.resolve(),
      gone: false,
    };
    this.players.set(owner, player);
    if (isBrowserPlayer(info)) {
      this.skip(player, 'a web browser: the browser extension captures its pages');
      return;
    }
    void this.enqueue(player, () => this.readPlayer(player));
  }

  private async readPlayer(player: Player): Promise<void> {
    const [root] = await this.call(player.owner, MPRIS_PATH, PROPS_IFACE, 'GetAll', 's', [ROOT_IFACE]);
    player.info = {
      busName: player.info.busName,
      identity: stringProp(root, 'Identity'),
      desktopEntry: stringProp(root, 'DesktopEntry'),
    };
    player.name = playerName(player.info);
    if (isBrowserPlayer(player.info)) {
      this.skip(player, 'a web browser: the browser extension captures its pages');
      return;
    }
    if (player.gone) return;
    const [all] = await this.call(player.owner, MPRIS_PATH, PROPS_IFACE, 'GetAll', 's', [PLAYER_IFACE]);
    this.apply(player, {
      type: 'changed',
      facts: parseMetadata(prop(all, 'Metadata')),
      status: statusOf(prop(all, 'PlaybackStatus')),
      rate: rateOf(prop(all, 'Rate')),
      position: microsToSeconds(prop(all, 'Position')),
    });
  }

  private async propertiesChanged(player: Player, changed: unknown, invalidated: unknown): Promise<void> {
    const invalid = Array.isArray(invalidated) ? invalidated : [];
    const read = async (name: string): Promise<unknown> =>
      name in asRecord(changed)
        ? prop(changed, name)
        : invalid.includes(name)
          ? await this.get(player, name)
          : undefined;
    const metadata = await read('Metadata');
    const status = statusOf(await read('PlaybackStatus'));
    const rate = rateOf(await read('Rate'));
    if (metadata === undefined && status === undefined && rate === undefined) return;
    // Players reset the position when they stop; otherwise it is read now, after the change.
    const position = status === 'Stopped' ? undefined : microsToSeconds(await this.get(player, 'Position'));
    this.apply(player, {
      type: 'changed',
      facts: metadata === undefined ? undefined : parseMetadata(metadata),
      status,
      rate,
      position,
    });
  }

  private leave(player: Player): void {
    player.gone = true;
    void this.enqueue(player, () => {
      this.apply(player, { type: 'finish' });
      this.forget(player);
      this.players.delete(player.owner);
      this.publish();
    });
  }

  // ---- observations → tracker → finished items

  private apply(player: Player, observation: Observation): void {
    if (player.skipped !== undefined) return;
    const now = this.now();
    const step = observe(player.track, observation, {
      now,
      kindOf: (facts: TrackFacts) => mediaKindFor(facts, player.info),
      mayStart: (facts: TrackFacts, kind: MediaKind) => {
        const allowed = captureAllowed(facts, kind, this.options.getSettings(), now);
        if (!allowed.capture)
          this.log(`${player.name}: not capturing "${facts.title ?? ''}" (${allowed.reason})`);
        return allowed.capture;
      },
    });
    player.track = step.track;
    for (const session of step.finished) {
      const outcome = finishSession(session, player, this.options.getSettings(), now);
      if ('skipped' in outcome) {
        this.log(`${player.name}: "${session.facts.title ?? ''}" not captured: ${outcome.skipped}`);
        continue;
      }
      try {
        const done = this.options.onFinished(outcome.item);
        if (done instanceof Promise) {
          const delivery = done.then(
            () => undefined,
            (error: unknown) => this.finishFailed(outcome.item.title, error),
          );
          this.deliveries.add(delivery);
          void delivery.finally(() => this.deliveries.delete(delivery));
        }
      } catch (error) {
        this.finishFailed(outcome.item.title, error);
      }
    }
    this.armInactivity(player);
    this.publish();
  }

  /** One one-shot timer while an item is open and not playing; none while playing or idle. */
  private armInactivity(player: Player): void {
    if (player.inactivity !== undefined) clearTimeout(player.inactivity);
    player.inactivity = undefined;
    if (player.track.session === null || player.track.status === 'Playing' || this.stopping) return;
    player.inactivity = setTimeout(() => {
      player.inactivity = undefined;
      void this.enqueue(player, () => this.apply(player, { type: 'finish' }));
    }, this.inactivityMs);
    player.inactivity.unref?.();
  }

  private enqueue(player: Player, task: () => Promise<void> | void): Promise<void> {
    player.queue = player.queue
      .then(task)
      .catch((error: unknown) => this.log(`${player.name}: ${asError(error).message}`));
    return player.queue;
  }

  // ---- helpers

  private async ownerOf(name: string): Promise<string | undefined> {
    try {
      const [owner] = await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'GetNameOwner', 's', [name]);
      return typeof owner === 'string' && owner !== '' ? owner : undefined;
    } catch {
      return undefined; // it left between ListNames and now
    }
  }

  private async get(player: Player, name: string): Promise<unknown> {
    try {
      const [value] = await this.call(player.owner, MPRIS_PATH, PROPS_IFACE, 'Get', 'ss', [
        PLAYER_IFACE,
        name,
      ]);
      return unwrap(value);
    } catch {
      return undefined; // the player left, or does not implement it: estimated instead
    }
  }

  private skip(player: Player, why: string): void {
    player.skipped = why;
    this.log(`${player.name}: skipped, ${why}`);
    this.forget(player);
    this.publish();
  }

  private forget(player: Player): void {
    if (player.inactivity !== undefined) clearTimeout(player.inactivity);
    player.inactivity = undefined;
  }

  /** One method call; the reply's body (an error reply rejects with the D-Bus error). */
  private async call(
    destination: string,
    path: string,
    iface: string,
    member: string,
    signature = '',
    body: unknown[] = [],
  ): Promise<unknown[]> {
    const { bus, dbus } = this;
    if (bus === undefined || dbus === undefined) throw new Error('not connected to the session bus');
    // A player that hangs must not hold its queue (and `stop()`) forever.
    const reply = await withTimeout(
      bus.call(new dbus.Message({ destination, path, interface: iface, member, signature, body })),
      this.options.connectTimeoutMs ?? 5000,
      `${member} on ${destination} did not answer`,
    );
    return Array.isArray(reply?.body) ? (reply.body as unknown[]) : [];
  }

  private finishFailed(title: string, error: unknown): void {
    this.log(`Could not queue "${title}": ${asError(error).message}`);
  }

  private busLost(error: Error): void {
    if (this.current.state !== 'watching') return;
    const reason = `Lost the connection to the session bus (D-Bus): ${error.message}. Desktop media is no longer watched.`;
    this.log(reason);
    // Open items finish where they were (estimated): what was played is not lost with the bus.
    for (const player of this.players.values()) {
      this.apply(player, { type: 'finish' });
      this.forget(player);
    }
    this.players.clear();
    this.setState('unavailable', reason);
  }

  private disconnect(): void {
    try {
      this.bus?.disconnect();
    } catch {
      // already closed
    }
    this.bus = undefined;
  }

  private playerList(): WatchedPlayer[] {
    return [...this.players.values()].map((player) => ({
      busName: player.info.busName,
      name: player.name,
      ...(player.skipped === undefined ? {} : { skipped: player.skipped }),
      ...(player.skipped === undefined && player.track.facts !== null
        ? { status: player.track.status, title: player.track.facts.title }
        : {}),
    }));
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

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function prop(dict: unknown, name: string): unknown {
  return unwrap(asRecord(dict)[name]);
}

function stringProp(dict: unknown, name: string): string | undefined {
  const value = prop(dict, name);
  return typeof value === 'string' ? value : undefined;
}

function statusOf(value: unknown): PlaybackStatus | undefined {
  const raw = unwrap(value);
  return raw === 'Playing' || raw === 'Paused' || raw === 'Stopped' ? raw : undefined;
}

function rateOf(value: unknown): number | undefined {
  const raw = unwrap(value);
  return typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : undefined;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
