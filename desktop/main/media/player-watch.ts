// One MPRIS player as the watcher follows it: its bus names, its playback (tracker.ts), the observations applied
// one at a time in arrival order (reading the position is async), the one-shot inactivity timer of a paused item,
// and the items that count (finish.ts) handed on. The bus and the players' comings and goings are mpris.ts's.
import type { MediaKind } from '../../../shared/capture';
import { captureAllowed, finishSession } from './finish';
import { isRecord } from '../../../shared/guards';
import {
  isBrowserPlayer,
  mediaKindFor,
  microsToSeconds,
  parseMetadata,
  playerName,
  unwrap,
  type PlayerNames,
  type TrackFacts,
} from './players';
import { asError, PLAYER_IFACE, ROOT_IFACE, type SessionBus } from './session-bus';
import {
  createPlayerTrack,
  observe,
  type Observation,
  type PlaybackStatus,
  type PlayerTrack,
} from './tracker';
import type { FinishedMedia, WatchedPlayer, WatcherSettings } from './types';

/** Why a browser's MPRIS player is not watched. */
export const BROWSER_PLAYER = 'a web browser: the browser extension captures its pages';

export interface PlayerWatchDeps {
  now: () => number;
  inactivityMs: number;
  getSettings: () => WatcherSettings;
  /** An item that counts: the watcher hands it to the app. */
  deliver: (item: FinishedMedia) => void;
  /** While stopping, no inactivity timer is armed (stop finishes every item itself). */
  stopping: () => boolean;
  /** Something the status shows changed. */
  changed: () => void;
  log: (message: string) => void;
}

export class PlayerWatch {
  readonly names: Set<string>;
  info: PlayerNames;
  name: string;
  skipped: string | undefined;
  /** The player left the bus (its last name went). */
  gone = false;
  private track: PlayerTrack = createPlayerTrack();
  private queue: Promise<void> = Promise.resolve();
  private inactivity: ReturnType<typeof setTimeout> | undefined;

  constructor(
    busName: string,
    /** The unique connection name: one player process may own several names. */
    readonly owner: string,
    private readonly deps: PlayerWatchDeps,
  ) {
    this.names = new Set([busName]);
    this.info = { busName };
    this.name = playerName(this.info);
  }

  /** Run `task` after every task queued before it; a failure is logged, never thrown. */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queue = this.queue
      .then(task)
      .catch((error: unknown) => this.deps.log(`${this.name}: ${asError(error).message}`));
    return this.queue;
  }

  /** One observation through the tracker; sessions it finishes are checked and handed on. */
  apply(observation: Observation): void {
    if (this.skipped !== undefined) return;
    const { deps } = this;
    const now = deps.now();
    const step = observe(this.track, observation, {
      now,
      kindOf: (facts: TrackFacts) => mediaKindFor(facts, this.info),
      mayStart: (facts: TrackFacts, kind: MediaKind) => {
        const allowed = captureAllowed(facts, kind, deps.getSettings(), now);
        if (!allowed.capture)
          deps.log(`${this.name}: not capturing "${facts.title ?? ''}" (${allowed.reason})`);
        return allowed.capture;
      },
    });
    this.track = step.track;
    for (const session of step.finished) {
      const outcome = finishSession(session, this, deps.getSettings(), now);
      if ('skipped' in outcome) {
        deps.log(`${this.name}: "${session.facts.title ?? ''}" not captured: ${outcome.skipped}`);
        continue;
      }
      deps.deliver(outcome.item);
    }
    this.armInactivity();
    deps.changed();
  }

  /** Who it is (Identity, DesktopEntry), then what it plays now. */
  async read(bus: SessionBus): Promise<void> {
    const root = await bus.getAll(this.owner, ROOT_IFACE);
    this.info = {
      busName: this.info.busName,
      identity: stringProp(root, 'Identity'),
      desktopEntry: stringProp(root, 'DesktopEntry'),
    };
    this.name = playerName(this.info);
    if (isBrowserPlayer(this.info)) {
      this.skip(BROWSER_PLAYER);
      return;
    }
    if (this.gone) return;
    const all = await bus.getAll(this.owner, PLAYER_IFACE);
    this.apply({
      type: 'changed',
      facts: parseMetadata(prop(all, 'Metadata')),
      status: statusOf(prop(all, 'PlaybackStatus')),
      rate: rateOf(prop(all, 'Rate')),
      position: microsToSeconds(prop(all, 'Position')),
    });
  }

  /** A `PropertiesChanged` signal: what changed, read again where the player only invalidated it. */
  async propertiesChanged(bus: SessionBus, changed: unknown, invalidated: unknown): Promise<void> {
    const invalid = Array.isArray(invalidated) ? invalidated : [];
    const read = async (name: string): Promise<unknown> =>
      name in asRecord(changed)
        ? prop(changed, name)
        : invalid.includes(name)
          ? await bus.get(this.owner, name)
          : undefined;
    const metadata = await read('Metadata');
    const status = statusOf(await read('PlaybackStatus'));
    const rate = rateOf(await read('Rate'));
    if (metadata === undefined && status === undefined && rate === undefined) return;
    // Players reset the position when they stop; otherwise it is read now, after the change.
    const position =
      status === 'Stopped' ? undefined : microsToSeconds(await bus.get(this.owner, 'Position'));
    this.apply({
      type: 'changed',
      facts: metadata === undefined ? undefined : parseMetadata(metadata),
      status,
      rate,
      position,
    });
  }

  /** Not watched (a web browser: the extension captures its pages). */
  skip(why: string): void {
    this.skipped = why;
    this.deps.log(`${this.name}: skipped, ${why}`);
    this.forget();
    this.deps.changed();
  }

  /** Drop the inactivity timer (the player left, or the watcher stops). */
  forget(): void {
    if (this.inactivity !== undefined) clearTimeout(this.inactivity);
    this.inactivity = undefined;
  }

  view(): WatchedPlayer {
    const { skipped, track } = this;
    return {
      busName: this.info.busName,
      name: this.name,
      ...(skipped === undefined ? {} : { skipped }),
      ...(skipped === undefined && track.facts !== null
        ? { status: track.status, title: track.facts.title }
        : {}),
    };
  }

  /** One one-shot timer while an item is open and not playing; none while playing or idle. */
  private armInactivity(): void {
    this.forget();
    if (this.track.session === null || this.track.status === 'Playing' || this.deps.stopping()) return;
    this.inactivity = setTimeout(() => {
      this.inactivity = undefined;
      void this.enqueue(() => this.apply({ type: 'finish' }));
    }, this.deps.inactivityMs);
    this.inactivity.unref?.();
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
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
