import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningLrs } from './lrs';
import { own, runInOwnGroup, stopOwned, sweepStale } from './owned-groups';

/**
 * ADL's reference LRS (adlnet/ADL_LRS, Django + SQLite) as a second real LRS for tests and benchmarks, started
 * from the read-only folder `../shared/lrs/adl/` beside the repository (its README.md says how it differs from
 * Learning Locker). Nothing is ever written under that folder.
 */
export const ADL_CREDENTIALS = { username: 'trailnote-adl', password: 'adl-secret' } as const;

/** The Debian packages start.sh needs (also in scripts/test.sh's APT_PACKAGES, which CI installs). */
export const ADL_DEBIAN_PACKAGES = [
  'python3',
  'python3-django',
  'python3-celery',
  'python3-amqp',
  'python3-django-cors-headers',
  'python3-importlib-metadata',
  'python3-isodate',
  'python3-jose',
  'python3-tz',
  'python3-requests',
  'python3-rfc3987',
  'python3-pycryptodome',
  'python3-psycopg2',
  'python3-memcache',
  'python3-dateutil',
  'python3-ecdsa',
  'python3-rsa',
  'curl',
] as const;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where ADL's LRS lives: TRAILNOTE_ADL_DIR, else `../shared/lrs/adl` beside the repository. */
export function adlDir(): string {
  return process.env.TRAILNOTE_ADL_DIR ?? resolve(REPO, '../shared/lrs/adl');
}

/**
 * Starts a fresh ADL LRS in a process group of its own (test/support/owned-groups.ts): stopped by `stop`, with
 * this process (exit, SIGINT, SIGTERM, SIGHUP), or, if this process is killed outright, by the next start.
 */
export async function startAdlLrs(): Promise<RunningLrs> {
  sweepStale('adl-lrs');
  const source = adlDir();
  if (!existsSync(join(source, 'start.sh'))) {
    throw new Error(
      `ADL's reference LRS was not found at ${source} (expected start.sh there). The integration suite runs ` +
        `against it beside Learning Locker: put the design notes' shared folder beside the repository, point ` +
        `TRAILNOTE_ADL_DIR at it, or run only Learning Locker with TRAILNOTE_LRS_ONLY=learning-locker.`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'trailnote-adl-'));
  const dir = prepared(source, work);
  const port = await freePort();
  // start.sh leaves the server in the script's group (a shell without job control): the group is the server.
  const group = { pgid: 0, marker: `runserver --noreload 127.0.0.1:${port}`, workDir: work };
  let out: { pgid: number; stdout: string; stderr: string };
  try {
    out = await runInOwnGroup(
      'bash',
      [join(dir, 'start.sh')],
      {
        PORT: String(port),
        ADL_USER: ADL_CREDENTIALS.username,
        ADL_PASS: ADL_CREDENTIALS.password,
        ADL_WORK: join(work, 'run'),
      },
      240_000,
      (pgid) => own('adl-lrs', Object.assign(group, { pgid })),
    );
  } catch (err) {
    await stopOwned(group);
    throw new Error(`ADL's reference LRS did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  const pid = Number(out.stdout.trim().split('\n').at(-1));
  if (!Number.isInteger(pid) || pid <= 0) {
    await stopOwned(group);
    throw new Error(`ADL's start.sh did not print a PID as its last line:\n${out.stdout}\n${out.stderr}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    port,
    stop: () => stopOwned(group),
  };
}

/**
 * The folder to run start.sh from. A copy of the LRS made without its git-ignored files (the generated
 * migrations, `adl_lrs/settings.ini`, `lrs/celery.py`) cannot start; then a repaired copy is made in `work`
 * with the same three files recreated as the README describes (settings.ini from the example with OAuth off).
 */
function prepared(source: string, work: string): string {
  const src = join(source, 'src');
  const complete =
    existsSync(join(src, 'adl_lrs/settings.ini')) &&
    existsSync(join(src, 'lrs/celery.py')) &&
    existsSync(join(src, 'lrs/migrations/0001_initial.py'));
  if (complete) return source;
  const copy = join(work, 'adl');
  cpSync(source, copy, { recursive: true });
  makeWritable(copy);
  const csrc = join(copy, 'src');
  if (!existsSync(join(csrc, 'adl_lrs/settings.ini'))) {
    const example = readFileSync(join(csrc, 'settings.ini.example'), 'utf8');
    writeFileSync(
      join(csrc, 'adl_lrs/settings.ini'),
      example.replace(/^OAUTH_ENABLED:.*$/m, 'OAUTH_ENABLED: False'),
    );
  }
  if (!existsSync(join(csrc, 'lrs/celery.py'))) {
    writeFileSync(
      join(csrc, 'lrs/celery.py'),
      [
        'from celery import Celery',
        'from django.conf import settings',
        "app = Celery('lrs')",
        "app.config_from_object('django.conf:settings', namespace='CELERY')",
        'app.autodiscover_tasks(lambda: settings.INSTALLED_APPS)',
        '',
      ].join('\n'),
    );
  }
  if (!existsSync(join(csrc, 'lrs/migrations/0001_initial.py'))) {
    // Upstream generates the migrations at install time; do it in the copy, just before start.sh migrates.
    const script = join(copy, 'start.sh');
    const text = readFileSync(script, 'utf8');
    const migrate = '$PY manage.py migrate --noinput';
    if (!text.includes(migrate)) throw new Error(`${script}: cannot find "${migrate}" to add makemigrations`);
    writeFileSync(
      script,
      text.replace(
        migrate,
        `$PY manage.py makemigrations adl_lrs lrs oauth_provider >"$WORK/makemigrations.log" 2>&1 && ${migrate}`,
      ),
    );
  }
  return copy;
}

function makeWritable(dir: string): void {
  // cpSync keeps the read-only modes of the source.
  execFileSync('chmod', ['-R', 'u+w', dir]);
}
