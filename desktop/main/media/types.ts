// The platform-neutral contract between the desktop app and its media watchers (README.md in this folder).
// Nothing here imports Electron or D-Bus: the app composes a watcher with `createMediaWatcher(platform, options)`.
import type { Settings } from '../../../shared/policy';
import type { MediaPlayedInput } from '../../../shared/xapi';

/** What the watcher needs of the settings; read again on every decision, so policy changes apply at once. */
export interface WatcherSettings {
  /** The resolved settings (docs/policy.md `capture`: enabled, kinds, mediaMinSeconds, mediaMinPercent, domains...). */
  settings: Pick<Settings, 'capture'>;
  /** Capture paused by the learner until this wall time (ms). */
  pausedUntil?: number;
}

/** A finished item that counts: what the app turns into an outbox item (statement built with shared/xapi). */
export interface FinishedMedia {
  kind: 'video' | 'audio';
  title: string;
  /** The same draft shape the extension stores (extension/background/finalise.ts): `buildMediaPlayed(input, ctx)`. */
  draft: { builder: 'media'; input: MediaPlayedInput };
  /** Wall time (ms) playback started: the statement's `timestamp` (docs/xapi-profile.md § Every statement). */
  startedAt: number;
  /**
   * The player's name (MPRIS Identity, e.g. "mpv", "gPodder"): `context.platform`, "the app name for desktop
   * captures" (docs/xapi-profile.md § Every statement).
   */
  platform: string;
  /** For the learner's record (outbox `meta.details`). */
  details: { playedSeconds: number; progress: number; player: string };
}

export type WatcherState = 'starting' | 'watching' | 'unavailable' | 'unsupported' | 'stopped';

export interface WatchedPlayer {
  /** MPRIS bus name, e.g. `org.mpris.MediaPlayer2.mpv`. */
  busName: string;
  /** Identity (or the bus-name suffix). */
  name: string;
  /** Why it is not watched (browser players: the extension captures them). */
  skipped?: string;
  status?: 'Playing' | 'Paused' | 'Stopped';
  title?: string;
}

export interface WatcherStatus {
  state: WatcherState;
  /** A sentence for the tray/status window when something is wrong or unsupported. */
  message?: string;
  players: WatchedPlayer[];
}

export type WatcherStart =
  { supported: true; watching: boolean; reason?: string } | { supported: false; reason: string };

export interface MediaWatcher {
  /** Starts watching. Never rejects: an unreachable bus resolves `{ supported: true, watching: false, reason }`. */
  start(): Promise<WatcherStart>;
  /**
   * Finishes every open item as if its player stopped now (each that counts reaches `onFinished`), stops
   * watching, and resolves once every `onFinished` call has settled (the app has queued the items).
   */
  stop(): Promise<void>;
  status(): WatcherStatus;
}

export interface WatcherOptions {
  /** Read on every decision (start and finish of an item). */
  getSettings: () => WatcherSettings;
  /** Called for each finished item that counts. Errors are logged, never thrown back into the bus. */
  onFinished: (item: FinishedMedia) => void | Promise<void>;
  onStatus?: (status: WatcherStatus) => void;
  /** Diagnostics (skipped items and why, bus errors). */
  log?: (message: string) => void;
  /**
   * Wall-clock ms that never runs backwards. Default: `Date.now()` at creation plus the monotonic time elapsed
   * since (`performance.now()`), so a clock change does not count as played time.
   */
  now?: () => number;
  /** A paused or stopped item is finished after this long without events. Default 30 min, as in the extension. */
  inactivityMs?: number;
  /** D-Bus session bus address; default `DBUS_SESSION_BUS_ADDRESS`. Linux only. */
  busAddress?: string;
  /** How long connecting to the bus may take. Default 5 s. */
  connectTimeoutMs?: number;
}

export const DEFAULT_INACTIVITY_MS = 30 * 60_000;

export const UNSUPPORTED_REASON = 'Watching desktop media players is not supported on this system yet.';
