// Real desktop media for the MPRIS watcher's integration test and benchmark: a private D-Bus session bus,
// tagged audio files made with ffmpeg, and mpv (with the mpv-mpris plugin) playing them headless.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcess } from './process';

/** The programs needed, or the names of the missing ones (CI installs them: scripts/test.sh APT_PACKAGES). */
export function missingMediaTools(): string[] {
  return ['dbus-daemon', 'mpv', 'ffmpeg'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0,
  );
}

export interface PrivateBus {
  address: string;
  stop: () => Promise<void>;
}

/** A session bus of our own (`dbus-daemon --session`), so the test never sees the machine's players. */
export async function startPrivateBus(): Promise<PrivateBus> {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    daemon.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    daemon.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    daemon.once('error', reject);
    daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}): ${err}`)));
  });
  return { address, stop: () => stopProcess(daemon) };
}

export interface Tags {
  title: string;
  artist?: string;
  album?: string;
}

export interface MediaDir {
  dir: string;
  /** Makes `<name>.mp3`: a quiet tone of `seconds` with these tags. */
  audio: (name: string, seconds: number, tags: Tags) => string;
  remove: () => void;
}

export function mediaDir(): MediaDir {
  const dir = mkdtempSync(join(tmpdir(), 'trailnote-media-'));
  return {
    dir,
    audio(name, seconds, tags) {
      const file = join(dir, `${name}.mp3`);
      const metadata = Object.entries(tags).flatMap(([key, value]) =>
        value === undefined ? [] : ['-metadata', `${key}=${value}`],
      );
      const made = spawnSync(
        'ffmpeg',
        [
          '-loglevel',
          'error',
          '-y',
          '-f',
          'lavfi',
          '-i',
          `sine=frequency=440:duration=${seconds}`,
          ...metadata,
          file,
        ],
        { encoding: 'utf8' },
      );
      if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Mpv {
  process: ChildProcess;
  /** Resolves when mpv exits by itself (end of file) or is stopped. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/**
 * mpv headless on the given bus: no video, null audio output (a real-time clock), no terminal. `ipcSocket`
 * opens mpv's JSON IPC there (see `mpvCommand`).
 */
export function playWithMpv(
  file: string,
  busAddress: string,
  options: { paused?: boolean; ipcSocket?: string } = {},
): Mpv {
  const args = [
    '--no-video',
    '--ao=null',
    '--no-terminal',
    ...(options.paused ? ['--pause'] : []),
    ...(options.ipcSocket ? [`--input-ipc-server=${options.ipcSocket}`] : []),
    file,
  ];
  const child = spawn('mpv', args, {
    stdio: 'ignore',
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, exited, stop: () => stopProcess(child) };
}

/** Sends one command to mpv's JSON IPC socket, e.g. `['set_property', 'pause', true]`; resolves on its reply. */
export function mpvCommand(socket: string, command: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const connection = connect(socket, () => connection.write(`${JSON.stringify({ command })}\n`));
    connection.once('data', () => {
      connection.end();
      resolve();
    });
    connection.once('error', reject);
  });
}
