import { spawn } from 'node:child_process';

/**
 * Runs `fn` holding the flock on TRAILNOTE_BROWSER_LOCK (when set), released as soon as it returns: a benchmark
 * that runs for minutes holds the helpers' browser lock only while Chromium starts (it reads the managed policy then).
 */
export async function withBrowserLock<T>(fn: () => Promise<T>): Promise<T> {
  const path = process.env.TRAILNOTE_BROWSER_LOCK;
  if (!path) return fn();
  // flock holds the lock while its shell waits on stdin; closing stdin releases it.
  const holder = spawn('flock', [path, 'sh', '-c', 'echo locked; read _'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolveLock, reject) => {
    holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolveLock());
    holder.once('exit', (code) => reject(new Error(`flock ${path} ended (${code})`)));
  });
  try {
    return await fn();
  } finally {
    holder.stdin.end();
  }
}
