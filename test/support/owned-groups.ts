/**
 * Servers the tests and benchmarks start in a process group of their own (ADL's LRS: a shell script that leaves a
 * Django server running), stopped reliably: by the caller, when this process exits or is stopped by SIGINT,
 * SIGTERM or SIGHUP (the whole group is killed), and, for a process that died by SIGKILL, by the next start of
 * the same kind, which finds its record and kills what it left. A record names its owner (pid and start time,
 * so a reused pid is not taken for it) and a marker that must appear in the command line of a process still in
 * the group (so a reused group id is never killed either).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnedGroup {
  /** The process group (its leader's pid). */
  pgid: number;
  /** Text the server's command line contains (its port). */
  marker: string;
  /** Removed once the group is gone. */
  workDir?: string;
}

interface GroupRecord extends OwnedGroup {
  kind: string;
  owner: number;
  ownerStart: string;
}

const REGISTRY = join(tmpdir(), 'trailnote-owned-groups');
const live = new Map<number, OwnedGroup>();

/**
 * Spawns `command` as the leader of a new process group (`started` is told its id at once, to own it before
 * anything else can happen); resolves with its output when it exits, leaving whatever it started running.
 */
export function runInOwnGroup(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
  started: (pgid: number) => void,
): Promise<{ pgid: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid!;
    started(pgid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ pgid, stdout, stderr });
      else {
        killGroup(pgid, 'SIGKILL');
        reject(new Error(`${command} ${args.join(' ')} ended (${signal ?? code}):\n${stderr.slice(-2000)}`));
      }
    });
  });
}

/** From now on, `group` is stopped with this process, or by the next sweep of `kind` if this process is killed. */
export function own(kind: string, group: OwnedGroup): void {
  installHandlers();
  live.set(group.pgid, group);
  mkdirSync(REGISTRY, { recursive: true });
  const record: GroupRecord = {
    ...group,
    kind,
    owner: process.pid,
    ownerStart: startTime(process.pid) ?? '',
  };
  writeFileSync(join(REGISTRY, `${group.pgid}.json`), JSON.stringify(record));
}

/** SIGTERM to the group, SIGKILL after 5 s; resolves once every process of it is gone, and forgets it. */
export async function stopOwned(group: OwnedGroup): Promise<void> {
  const left = () => members(group.pgid).length > 0;
  killGroup(group.pgid, 'SIGTERM');
  for (let i = 0; i < 100 && left(); i++) await new Promise((r) => setTimeout(r, 50));
  if (left()) killGroup(group.pgid, 'SIGKILL');
  for (let i = 0; i < 40 && left(); i++) await new Promise((r) => setTimeout(r, 50));
  forget(group);
}

/** Kills what earlier processes of `kind` left behind when they died without cleaning up. Returns how many. */
export function sweepStale(kind: string): number {
  let files: string[];
  try {
    files = readdirSync(REGISTRY).filter((f) => f.endsWith('.json'));
  } catch {
    return 0;
  }
  let swept = 0;
  for (const file of files) {
    let record: GroupRecord;
    try {
      record = JSON.parse(readFileSync(join(REGISTRY, file), 'utf8')) as GroupRecord;
    } catch {
      continue; // being written, or not ours
    }
    if (record.kind !== kind || startTime(record.owner) === record.ownerStart) continue;
    if (members(record.pgid).some((pid) => commandLine(pid).includes(record.marker))) {
      killGroup(record.pgid, 'SIGKILL');
      swept++;
    }
    forget(record);
  }
  return swept;
}

function forget(group: OwnedGroup): void {
  live.delete(group.pgid);
  rmSync(join(REGISTRY, `${group.pgid}.json`), { force: true });
  if (group.workDir) rmSync(group.workDir, { recursive: true, force: true });
}

let installed = false;
function installHandlers(): void {
  if (installed) return;
  installed = true;
  const killAll = () => {
    for (const group of [...live.values()]) {
      killGroup(group.pgid, 'SIGKILL');
      forget(group);
    }
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      killAll();
      // Listening replaced the default action: when no one else handles the signal, end as it would have.
      process.removeListener(signal, handler);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  if (pgid <= 1) return; // never started: -0 would be this process's own group
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** The processes of a group, zombies left out (exited, not yet reaped by a container's init: gone). */
export function members(pgid: number): number[] {
  const found: number[] = [];
  if (pgid <= 1) return found;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // Fields from the third on: state (3), ppid (4), pgrp (5).
    if (fields && fields[0] !== 'Z' && Number(fields[2]) === pgid) found.push(Number(entry));
  }
  return found;
}

/** The fields of /proc/<pid>/stat after the command name, from the third (state) on. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The process's start time in clock ticks since boot (field 22), if it exists. */
function startTime(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
