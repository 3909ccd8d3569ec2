import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuthStub } from './auth-stub';
import { stopProcess } from './process';

/**
 * A real Learning Record Store for tests and benchmarks: Learning Locker's statement service
 * (npm xapi-statements, a test-only dependency) in memory on a free loopback port (ENVIRONMENT.md).
 * With `auth: 'real'` it checks credentials against the auth stub, so 401 and 403 are the LRS's own.
 */
export interface RunningLrs {
  /** xAPI base URL, with a trailing slash. */
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
}

/** Learning Locker's, with what benchmarks read of it. */
export interface LearningLockerLrs extends RunningLrs {
  /** Its process (CPU time from /proc). */
  pid: number;
  /** Its access log directory (morgan: one line per request, method first), removed on stop. */
  logDir: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `service`: more of its own configuration variables (xapi-statements/dist/config.js), for a benchmark that
 * states them in its results, e.g. `{ SERVICE_UPDATE_ACTIVITIES: 'false' }`.
 */
export async function startLrs(
  options: { auth?: 'real' | 'open'; quiet?: boolean; service?: Record<string, string> } = {},
): Promise<LearningLockerLrs> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('xapi-statements/dist/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'trailnote-lrs-'));
  const port = await freePort();
  const stub = options.auth === 'real' ? await startAuthStub() : undefined;
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      EXPRESS_PORT: String(port),
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      EVENTS_REPO: 'test',
      AUTH_REPO: stub ? 'fetch' : 'test',
      ...(stub ? { LL_CLIENT_INFO_ENDPOINT: stub.url } : {}),
      FS_LOCAL_STORAGE_DIR: dir,
      EXPRESS_MORGAN_DIRECTORY: dir,
      NODE_ENV: 'production',
      ...options.service,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  await waitUntilListening(child, () => log, port);
  return {
    endpoint,
    port,
    pid: child.pid!,
    logDir: dir,
    stop: async () => {
      await stopProcess(child);
      await stub?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitUntilListening(child: ChildProcess, log: () => string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The test LRS did not start within 30 s:\n${log()}`));
    }, 30_000);
    const check = () => {
      if (log().includes(`Listening on port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test LRS exited (${code}):\n${log()}`));
    });
  });
}
