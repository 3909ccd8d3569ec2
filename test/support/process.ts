// Child processes the tests start: stopped politely, and waited for.
import type { ChildProcess } from 'node:child_process';

/** SIGTERM, resolving once the process has exited (at once when it already has). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await gone;
}
