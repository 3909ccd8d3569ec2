// The desktop media watcher end to end on Linux: a private D-Bus session bus, mpv (mpv-mpris) playing tagged
// files, the watcher (desktop/main/media) → draft → shared/xapi statement → shared/outbox → shared/sync → the
// real LRS started by the integration global setup.
import { join } from 'node:path';
import dbus from 'dbus-next';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createMediaWatcher,
  type FinishedMedia,
  type MediaWatcher,
  type WatcherStatus,
} from '../../desktop/main/media';
import { finishBeforeQuit, type QuittingApp } from '../../desktop/main/quit';
import { Outbox } from '../../shared/outbox';
import { resolveSettings } from '../../shared/policy';
import { SyncEngine, type DestinationConfig } from '../../shared/sync';
import {
  ACTIVITY_ID_BASE,
  ACTIVITY_TYPES,
  buildMediaPlayed,
  EXTENSIONS,
  freezeStatement,
  parseIsoDuration,
  sourceActivityId,
  VERB_IRIS,
  type XapiActivity,
  type XapiStatement,
} from '../../shared/xapi';
import {
  mpvCommand,
  missingMediaTools,
  mediaDir,
  playWithMpv,
  startPrivateBus,
  type MediaDir,
  type PrivateBus,
} from '../support/desktop-media';
import { statementsFor } from '../support/read-back';
import { testActor } from '../support/statements';

const missing = missingMediaTools();
const lrs = inject('lrs');

/** Electron's app as far as quitting goes: `quit()` emits before-quit, and ends the app unless prevented. */
function quittingApp(): QuittingApp & { exited: Promise<void> } {
  const listeners: Array<(event: { preventDefault(): void }) => void> = [];
  let ended!: () => void;
  const exited = new Promise<void>((resolve) => (ended = resolve));
  return {
    exited,
    on(_event, listener) {
      listeners.push(listener);
    },
    quit() {
      let prevented = false;
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) });
      if (!prevented) ended();
    },
  };
}

/** Everything the watcher reports, and a way to wait for a condition on it (no sleeps). */
class Recorder {
  finished: FinishedMedia[] = [];
  logs: string[] = [];
  statuses: WatcherStatus[] = [];
  private waiters: Array<() => void> = [];

  onFinished = (item: FinishedMedia) => this.push(() => this.finished.push(item));
  onStatus = (status: WatcherStatus) => this.push(() => this.statuses.push(status));
  log = (message: string) => this.push(() => this.logs.push(message));

  until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${what}; log:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  private push(record: () => void): void {
    record();
    for (const waiter of [...this.waiters]) waiter();
  }
}

describe.skipIf(missing.length > 0)(
  `desktop media watcher over MPRIS${missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed; apt-get install dbus-daemon mpv mpv-mpris ffmpeg)` : ''}`,
  () => {
    let bus: PrivateBus;
    let media: MediaDir;
    let cleanups: Array<() => Promise<void> | void> = [];

    beforeAll(async () => {
      bus = await startPrivateBus();
      media = mediaDir();
    });
    afterAll(async () => {
      await bus?.stop();
      media?.remove();
    });
    afterEach(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      cleanups = [];
    });

    const { settings } = resolveSettings({
      learner: { capture: { mediaMinSeconds: 2, mediaMinPercent: 50, holdMinutes: 0 } },
    });

    async function startWatcher(recorder: Recorder, busAddress = bus.address): Promise<MediaWatcher> {
      const watcher = createMediaWatcher('linux', {
        busAddress,
        getSettings: () => ({ settings }),
        onFinished: recorder.onFinished,
        onStatus: recorder.onStatus,
        log: recorder.log,
      });
      cleanups.push(() => watcher.stop());
      await expect(watcher.start()).resolves.toEqual({ supported: true, watching: true });
      return watcher;
    }

    function play(
      file: string,
      options?: { paused?: boolean; ipcSocket?: string },
      busAddress = bus.address,
    ) {
      const mpv = playWithMpv(file, busAddress, options);
      cleanups.push(mpv.stop);
      return mpv;
    }

    const seen = (recorder: Recorder, title: string, status?: string) => () =>
      recorder.statuses.some((s) =>
        s.players.some((p) => p.title === title && (!status || p.status === status)),
      );
    const gone = (recorder: Recorder) => () => recorder.statuses.at(-1)?.players.length === 0;

    it('a podcast episode played to its end arrives at the LRS exactly once, as a listen statement', async () => {
      const recorder = new Recorder();
      await startWatcher(recorder);
      const title = 'Episode 12: Learning by doing';
      const file = media.audio('episode', 4, { title, artist: 'Ada Lovelace', album: 'Trail Talk' });
      const mpv = play(file);
      expect(await mpv.exited).toBe(0);
      await recorder.until(() => recorder.finished.length > 0, 'the finished episode');

      expect(recorder.finished).toHaveLength(1);
      const [item] = recorder.finished;
      if (item === undefined) throw new Error('no item');
      expect(item).toMatchObject({ kind: 'audio', title, platform: 'mpv' });

      // The app's part (the Electron helper's composition root does the same): build, freeze, queue, sync.
      const actor = testActor('desktop-mpris');
      const statement = buildMediaPlayed(item.draft.input, {
        actor: { objectType: 'Agent', account: actor.account },
        timestamp: new Date(item.startedAt),
        platform: item.platform,
        source: { surface: 'desktop', version: '0.1.0' },
      });
      const outbox = Outbox.open(`desktop-mpris-${Math.random()}`);
      cleanups.push(() => outbox.close());
      await outbox.enqueue(
        [
          {
            id: statement.id,
            json: freezeStatement(statement),
            meta: { kind: item.kind, title, source: 'desktop' },
          },
        ],
        Date.now(),
        ['lrs'],
      );
      const destination: DestinationConfig = {
        id: 'lrs',
        endpoint: lrs.endpoint,
        credentials: { kind: 'basic', username: lrs.username, password: lrs.password },
        xapiVersion: 'auto',
      };
      const engine = new SyncEngine({ outbox, clock: { now: () => Date.now() } });
      await engine.syncAll([destination]);
      await engine.syncAll([destination]);
      expect(await outbox.deliveryCounts('lrs')).toMatchObject({ pending: 0, sent: 1, quarantined: 0 });

      const stored = await statementsFor(lrs, actor);
      expect(stored).toHaveLength(1);
      const st = stored[0] as unknown as XapiStatement;
      expect(st.id).toBe(statement.id);
      expect(st.verb.id).toBe(VERB_IRIS.listen);
      expect(st.object).toMatchObject({
        id: `${ACTIVITY_ID_BASE}/media/trail-talk/episode-12-learning-by-doing`,
        definition: {
          type: ACTIVITY_TYPES.audio,
          name: { en: title },
          extensions: { [EXTENSIONS.artist]: 'Ada Lovelace' },
        },
      });
      expect((st.object as XapiActivity).definition?.moreInfo).toBeUndefined();
      expect(JSON.stringify(st)).not.toContain(media.dir);
      const played = parseIsoDuration(st.result?.duration ?? '') ?? 0;
      expect(played).toBeGreaterThan(3.5);
      expect(played).toBeLessThanOrEqual(4.1);
      expect(st.result?.completion).toBe(true);
      expect(st.result?.extensions?.[EXTENSIONS.progress]).toBeGreaterThanOrEqual(0.95);
      expect(st.result?.extensions?.[EXTENSIONS.playedSegments]).toMatch(/^0\.\d{3}\[\.\]4\.\d{3}$/);
      expect(st.context?.extensions?.[EXTENSIONS.length]).toBeCloseTo(4, 0);
      expect(st.context?.platform).toBe('mpv');
      expect(st.context?.contextActivities?.parent).toEqual([
        expect.objectContaining({ id: `${ACTIVITY_ID_BASE}/show/trail-talk` }),
      ]);
      expect(st.context?.contextActivities?.category).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: sourceActivityId('desktop', '0.1.0') })]),
      );
    });

    it('a seek (MPRIS Seeked) splits the played segments', async () => {
      const recorder = new Recorder();
      await startWatcher(recorder);
      const title = 'Episode 15: Skipping ahead';
      const socket = join(media.dir, 'seek.sock');
      const mpv = play(media.audio('seek', 6, { title, artist: 'Ada Lovelace', album: 'Trail Talk' }), {
        ipcSocket: socket,
      });
      await recorder.until(seen(recorder, title, 'Playing'), 'the playing player');
      await mpvCommand(socket, ['seek', 3, 'absolute']);
      expect(await mpv.exited).toBe(0);
      await recorder.until(() => recorder.finished.length > 0, 'the finished episode');
      const segments = recorder.finished[0]?.draft.input.segments ?? [];
      expect(segments).toHaveLength(2);
      const [first, second] = segments;
      expect(first?.[0]).toBeLessThan(0.5);
      expect(first?.[1]).toBeLessThan(2.5);
      expect(second?.[0]).toBeCloseTo(3, 0);
      expect(second?.[1]).toBeCloseTo(6, 0);
    });

    it('browser players are skipped, by bus name or by Identity', async () => {
      const recorder = new Recorder();
      await startWatcher(recorder);
      // Two stand-ins for browsers on the real bus: one named like Chromium, one that only says it is Chrome.
      const named = dbus.sessionBus({ busAddress: bus.address });
      const identified = dbus.sessionBus({ busAddress: bus.address });
      cleanups.push(
        () => named.disconnect(),
        () => identified.disconnect(),
      );
      class Root extends dbus.interface.Interface {
        Identity = 'Google Chrome';
        DesktopEntry = 'google-chrome';
      }
      Root.configureMembers({
        properties: {
          Identity: { signature: 's', access: 'read' },
          DesktopEntry: { signature: 's', access: 'read' },
        },
      });
      identified.export('/org/mpris/MediaPlayer2', new Root('org.mpris.MediaPlayer2'));
      await named.requestName('org.mpris.MediaPlayer2.chromium.instance4242', 0);
      await identified.requestName('org.mpris.MediaPlayer2.someplayer', 0);
      const skipped = () =>
        (recorder.statuses.at(-1)?.players ?? []).filter((p) => p.skipped !== undefined).map((p) => p.name);
      await recorder.until(() => skipped().length === 2, 'both browsers skipped');
      expect(skipped().sort()).toEqual(['Google Chrome', 'chromium']);
      expect(recorder.logs.filter((l) => l.includes('skipped, a web browser'))).toHaveLength(2);
    });

    it('a player that stays paused produces nothing', async () => {
      const recorder = new Recorder();
      await startWatcher(recorder);
      const title = 'Episode 13: Paused all along';
      const mpv = play(media.audio('paused', 30, { title, artist: 'Ada Lovelace', album: 'Trail Talk' }), {
        paused: true,
      });
      await recorder.until(seen(recorder, title, 'Paused'), 'the paused player');
      await mpv.stop();
      await recorder.until(gone(recorder), 'the player leaving');
      expect(recorder.finished).toEqual([]);
    });

    it('a short song (artist and album, no podcast signal) is not captured', async () => {
      const recorder = new Recorder();
      await startWatcher(recorder);
      const title = 'Morning Song';
      const mpv = play(media.audio('song', 3, { title, artist: 'The Band', album: 'Daylight' }));
      expect(await mpv.exited).toBe(0);
      await recorder.until(() => recorder.logs.some((l) => l.includes(title)), 'the verdict on the song');
      expect(recorder.logs.find((l) => l.includes(title))).toMatch(/classified as music/);
      expect(recorder.finished).toEqual([]);
    });

    it('quitting the app while a podcast plays: finished as at stop, queued before the app ends, exactly one statement', async () => {
      const own = resolveSettings({
        learner: { capture: { mediaMinSeconds: 1, mediaMinPercent: 0, holdMinutes: 0 } },
      }).settings;
      const outbox = Outbox.open(`desktop-quit-${Math.random()}`);
      cleanups.push(() => outbox.close());
      const actor = testActor('desktop-quit');
      const recorder = new Recorder();
      const watcher = createMediaWatcher('linux', {
        busAddress: bus.address,
        getSettings: () => ({ settings: own }),
        // As the app does: build the statement and queue it through the outbox window (an IPC round trip).
        onFinished: async (item) => {
          recorder.onFinished(item);
          await new Promise((resolve) => setTimeout(resolve, 300));
          const statement = buildMediaPlayed(item.draft.input, {
            actor: { objectType: 'Agent', account: actor.account },
            timestamp: new Date(item.startedAt),
            platform: item.platform,
            source: { surface: 'desktop', version: '0.1.0' },
          });
          const meta = { kind: item.kind, title: item.title, source: 'desktop' as const };
          await outbox.enqueue([{ id: statement.id, json: freezeStatement(statement), meta }], Date.now(), [
            'lrs',
          ]);
        },
        onStatus: recorder.onStatus,
        log: recorder.log,
      });
      cleanups.push(() => watcher.stop());
      await expect(watcher.start()).resolves.toEqual({ supported: true, watching: true });
      const title = 'Episode 16: Quitting time';
      const mpv = play(media.audio('quit', 60, { title, artist: 'Ada Lovelace', album: 'Trail Talk' }));
      await recorder.until(seen(recorder, title, 'Playing'), 'the playing player');
      // Real playing time past mediaMinSeconds: there is no event for "one second played".
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      // The learner quits from the tray: Electron's app, with before-quit held back by desktop/main/quit.ts.
      const app = quittingApp();
      finishBeforeQuit(app, { finish: () => watcher.stop(), release: () => undefined });
      app.quit();
      await app.exited;
      expect(await outbox.deliveryCounts('lrs')).toMatchObject({ pending: 1 });
      expect(mpv.process.exitCode).toBeNull(); // the player played on; only the app quit

      const destination: DestinationConfig = {
        id: 'lrs',
        endpoint: lrs.endpoint,
        credentials: { kind: 'basic', username: lrs.username, password: lrs.password },
        xapiVersion: 'auto',
      };
      await new SyncEngine({ outbox, clock: { now: () => Date.now() } }).syncAll([destination]);
      const stored = (await statementsFor(lrs, actor)) as unknown as XapiStatement[];
      expect(stored).toHaveLength(1);
      expect(stored[0]?.verb.id).toBe(VERB_IRIS.listen);
      const played = parseIsoDuration(stored[0]?.result?.duration ?? '') ?? 0;
      expect(played).toBeGreaterThanOrEqual(1);
      expect(played).toBeLessThan(10);
      await mpv.stop();
      expect(recorder.finished).toHaveLength(1); // stopped with the app: the player's later end is not a second item
    });

    it('the bus going away: the status says so, the open item is finished (not lost), nothing crashes', async () => {
      const ownBus = await startPrivateBus();
      cleanups.push(ownBus.stop);
      const recorder = new Recorder();
      await startWatcher(recorder, ownBus.address);
      const title = 'Episode 14: Cut short';
      play(
        media.audio('cut', 60, { title, artist: 'Ada Lovelace', album: 'Trail Talk' }),
        {},
        ownBus.address,
      );
      await recorder.until(seen(recorder, title, 'Playing'), 'the playing player');
      await ownBus.stop();
      await recorder.until(() => recorder.statuses.at(-1)?.state === 'unavailable', 'the unavailable status');
      expect(recorder.statuses.at(-1)?.message).toMatch(/Lost the connection to the session bus/);
      expect(recorder.logs.find((l) => l.includes(title))).toMatch(/below the thresholds/);
    });
  },
);
