/**
 * The servers the suite starts in a group of their own (ADL's LRS, test/support/lrs-adl.ts) do not outlive the test
 * process: killed with it on SIGTERM or SIGINT, and swept by the next start when it was killed outright.
 * A child process stands in for the test process, and a `sleep` in its own group for the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { members, sweepStale } from '../support/owned-groups';

const dir = mkdtempSync(join(tmpdir(), 'trailnote-owned-'));
const owners: ChildProcess[] = [];
const KINDS = ['owned-test-signal', 'owned-test-kill', 'owned-test-other'];
afterAll(() => {
  // Whatever a failed test left: its owners, then their groups.
  for (const child of owners) child.kill('SIGKILL');
  for (const kind of KINDS) sweepStale(kind);
  rmSync(dir, { recursive: true, force: true });
});

/** Starts an owner process that starts a "server" (a sleep with a unique marker) in its own group. */
async function owner(kind: string): Promise<{ kill: (s: NodeJS.Signals) => Promise<void>; pgid: number }> {
  const marker = String(3_000_000 + Math.floor(Math.random() * 1_000_000));
  const script = join(dir, `owner-${marker}.mts`);
  writeFileSync(
    script,
    [
      `import { own, runInOwnGroup } from ${JSON.stringify(resolve(import.meta.dirname, '../support/owned-groups.ts'))};`,
      `const group = { pgid: 0, marker: 'sleep ${marker}' };`,
      `await runInOwnGroup('bash', ['-c', 'nohup sleep ${marker} >/dev/null 2>&1 &'], {}, 10_000, (pgid) =>`,
      `  own(${JSON.stringify(kind)}, Object.assign(group, { pgid })));`,
      `console.log('ready', group.pgid);`,
      'setInterval(() => undefined, 1000);',
    ].join('\n'),
  );
  // The owner is this child itself (the tsx command would put a second node process in between).
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  owners.push(child);
  const pgid = await new Promise<number>((resolvePgid, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolvePgid(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`owner exited early (${code}): ${out}`)));
  });
  expect(members(pgid).length).toBe(1);
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  return { kill, pgid };
}

describe('servers in their own process group end with the test process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to the owner kills the group', async (signal) => {
    const o = await owner('owned-test-signal');
    await o.kill(signal);
    expect(members(o.pgid)).toEqual([]);
  });

  it('an owner killed outright: the next start of the same kind kills what it left, and nothing else', async () => {
    const o = await owner('owned-test-kill');
    const other = await owner('owned-test-other');
    await o.kill('SIGKILL');
    expect(members(o.pgid).length).toBe(1);
    expect(sweepStale('owned-test-kill')).toBe(1);
    for (let i = 0; i < 40 && members(o.pgid).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(members(o.pgid)).toEqual([]);
    // Another kind, and a live owner, are left alone.
    expect(sweepStale('owned-test-other')).toBe(0);
    expect(members(other.pgid).length).toBe(1);
    await other.kill('SIGTERM');
    expect(members(other.pgid)).toEqual([]);
  });
});
