/**
 * The desktop media watcher's idle cost: CPU used over 60 s while an MPRIS player (mpv) sits paused, by a Node
 * process running the watcher, against a baseline Node process that loads the same modules and does nothing.
 * Both run at the same time as child processes (each measures itself with `process.cpuUsage()` over the window,
 * after start-up), on a private D-Bus session bus. The watcher is event-driven (desktop/main/media/README.md):
 * the difference should be ~0, and the only timer it holds is the one-shot inactivity timeout.
 *
 * `benchWatcher()` is called by bench/desktop.bench.ts (`npm run bench:desktop`); it merges its figures into
 * bench/results/desktop.json under `watcher`. Window length: TRAILNOTE_BENCH_WATCHER_SECONDS (default 60).
 * Run alone: `npx tsx bench/desktop-watcher.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMediaWatcher, type WatcherStatus } from '../desktop/main/media';
import { resolveSettings } from '../shared/policy';
import {
  mediaDir,
  missingMediaTools,
  mpvCommand,
  playWithMpv,
  startPrivateBus,
} from '../test/support/desktop-media';

const HERE = fileURLToPath(import.meta.url);
const ROLE = process.env.TRAILNOTE_BENCH_ROLE;

export interface ProcessCpu {
  cpuUserMs: number;
  cpuSystemMs: number;
  cpuMs: number;
  /** Share of one core over the window. */
  cpuPercent: number;
  /** Timers keeping the process alive (`Timeout` resources, unref'd ones excluded) at the end of the window. */
  timers: number;
}

export interface WatcherBench {
  measuredAt: string;
  windowSeconds: number;
  player: string;
  withWatcher: ProcessCpu & { sawPausedPlayer: boolean };
  baseline: ProcessCpu;
  /** withWatcher.cpuMs − baseline.cpuMs. */
  extraCpuMs: number;
  extraCpuPercent: number;
  node: string;
}

export type WatcherBenchResult = WatcherBench | { skipped: string };

/** Runs the benchmark once and returns its figures (bench/desktop.bench.ts records them). */
export async function benchWatcher(): Promise<WatcherBenchResult> {
  const missing = missingMediaTools();
  const result: WatcherBenchResult =
    missing.length > 0 ? { skipped: `not installed: ${missing.join(', ')}` } : await measure();
  return result;
}

async function measure(): Promise<WatcherBench> {
  const windowSeconds = Number(process.env.TRAILNOTE_BENCH_WATCHER_SECONDS ?? 60);
  const bus = await startPrivateBus();
  const media = mediaDir();
  const file = media.audio('paused-episode', 120, {
    title: 'Episode 1: A long talk',
    artist: 'Bench',
    album: 'Bench Talks',
  });
  // It plays first, then pauses: the watcher then holds an open item, as after a learner pressed pause.
  const socket = join(media.dir, 'mpv.sock');
  const mpv = playWithMpv(file, bus.address, { ipcSocket: socket });
  try {
    const children = Promise.all([
      child('watcher', bus.address, windowSeconds),
      child('baseline', bus.address, windowSeconds),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await mpvCommand(socket, ['set_property', 'pause', true]);
    const [withWatcher, baseline] = await children;
    const extraCpuMs = round(withWatcher.cpuMs - baseline.cpuMs);
    return {
      measuredAt: new Date().toISOString(),
      windowSeconds,
      player: 'mpv (mpv-mpris) played then paused, private session bus',
      withWatcher: withWatcher as ProcessCpu & { sawPausedPlayer: boolean },
      baseline,
      extraCpuMs,
      extraCpuPercent: round((extraCpuMs / (windowSeconds * 1000)) * 100, 4),
      node: process.version,
    };
  } finally {
    await mpv.stop();
    await bus.stop();
    media.remove();
  }
}

function child(role: 'watcher' | 'baseline', busAddress: string, seconds: number): Promise<ProcessCpu> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', HERE], {
      env: {
        ...process.env,
        TRAILNOTE_BENCH_ROLE: role,
        TRAILNOTE_BENCH_BUS: busAddress,
        TRAILNOTE_BENCH_WATCHER_SECONDS: String(seconds),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${role} child exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as ProcessCpu);
    });
  });
}

/** In a child: start (or not) the watcher, then measure this process over the window. */
async function runChild(role: string): Promise<void> {
  const seconds = Number(process.env.TRAILNOTE_BENCH_WATCHER_SECONDS ?? 60);
  let sawPausedPlayer = false;
  let stop: () => Promise<void> = () => Promise.resolve();
  if (role === 'watcher') {
    const { settings } = resolveSettings();
    let seen: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (seen = resolve));
    const watcher = createMediaWatcher('linux', {
      busAddress: process.env.TRAILNOTE_BENCH_BUS,
      getSettings: () => ({ settings }),
      onFinished: () => undefined,
      onStatus: (status: WatcherStatus) => {
        if (status.players.some((p) => p.status === 'Paused')) seen();
      },
    });
    const started = await watcher.start();
    if (!('watching' in started) || !started.watching) throw new Error(started.reason ?? 'not watching');
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([paused, new Promise((resolve) => (timer = setTimeout(resolve, 20_000)))]);
    clearTimeout(timer);
    sawPausedPlayer = watcher.status().players.some((p) => p.status === 'Paused');
    stop = () => watcher.stop();
  }
  const before = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(before);
  const elapsedMs = performance.now() - started;
  const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const cpuMs = (used.user + used.system) / 1000;
  const result = {
    cpuUserMs: round(used.user / 1000),
    cpuSystemMs: round(used.system / 1000),
    cpuMs: round(cpuMs),
    cpuPercent: round((cpuMs / elapsedMs) * 100, 4),
    timers,
    ...(role === 'watcher' ? { sawPausedPlayer } : {}),
  };
  await stop();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

if (ROLE !== undefined) {
  await runChild(ROLE);
} else if (process.argv[1] !== undefined && resolve(process.argv[1]) === HERE) {
  console.log(JSON.stringify(await benchWatcher(), null, 2));
}
