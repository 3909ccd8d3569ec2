/**
 * `trailnote check-lrs`: what an admin runs before putting an endpoint into the policy (docs/xapi-profile.md).
 * Reads /about, checks the credentials, sends one test statement of every kind the apps send (marked with the
 * test-statement extension, each in its own request so one refusal does not hide the others), reads them back
 * and compares them (xAPI's comparison rules), then voids them. `dryRun` only checks them locally.
 */
import { checkConnection, LrsClient, lrsMessage, type LrsResponse } from '../../shared/sync';
import type { XapiVersionSetting } from '../../shared/sync';
import {
  buildVoided,
  checkStatement,
  compareStatements,
  EXTENSIONS,
  freezeStatement,
  PROJECT_IRI,
  statementForVersion,
  type XapiStatement,
} from '../../shared/xapi';
import { SAMPLE_KINDS, sampleStatements } from '../../shared/xapi/samples';

export interface CheckOptions {
  endpoint: string;
  username: string;
  password: string;
  version: XapiVersionSetting;
  dryRun: boolean;
  fetch?: typeof fetch;
}

export type Outcome = 'ok' | 'changed' | 'warning' | 'failed' | 'skipped';

export interface CheckRow {
  check: string;
  outcome: Outcome;
  detail: string;
}

export interface CheckReport {
  rows: CheckRow[];
  version: string;
  /** True when nothing failed: the endpoint and credentials can go into the policy. */
  ok: boolean;
  /** The throwaway learner the test statements were about (an account under PROJECT_IRI). */
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
}

export async function checkLrs(options: CheckOptions): Promise<CheckReport> {
  const rows: CheckRow[] = [];
  const row = (check: string, outcome: Outcome, detail: string) => rows.push({ check, outcome, detail });
  const client = new LrsClient(
    {
      endpoint: options.endpoint,
      credentials: { kind: 'basic', username: options.username, password: options.password },
    },
    { fetch: options.fetch, timeoutMs: 30_000 },
  );
  const runId = crypto.randomUUID();
  const actor = {
    objectType: 'Agent' as const,
    account: { homePage: PROJECT_IRI, name: `trailnote-check-lrs-${runId}` },
  };
  const finish = (version: string) => ({
    rows,
    version,
    actor,
    ok: !rows.some((r) => r.outcome === 'failed'),
  });

  // 1. /about, the version and the key: the options page's connection test (shared/sync/connection-test.ts).
  const conn = await checkConnection(client, options.version, crypto.randomUUID());
  if (!conn.reached) row('about', 'failed', conn.detail ?? 'no answer');
  else if ('versions' in conn.about) row('about', 'ok', `lists xAPI ${conn.about.versions.join(', ')}`);
  else row('about', conn.about.refused ? 'failed' : 'warning', conn.about.error);
  const { choice } = conn;
  const version = choice.version;
  row('xAPI version', choice.note ? 'warning' : 'ok', `${version}${choice.note ? ` (${choice.note})` : ''}`);

  // 2. The statements, checked locally first.
  const samples = sampleStatements({ actor });
  const sent = SAMPLE_KINDS.map((kind) => {
    const st = markAsTest(samples[kind], runId);
    return { kind, statement: st, json: statementForVersion(freezeStatement(st), version) };
  });
  for (const s of sent) {
    const problems = checkStatement(JSON.parse(s.json));
    if (problems.length) row(`statement: ${s.kind}`, 'failed', `invalid locally: ${problems.join('; ')}`);
  }
  if (options.dryRun) {
    row(
      'statements',
      rows.some((r) => r.check.startsWith('statement:')) ? 'failed' : 'ok',
      `${sent.length} kinds valid locally for xAPI ${version} (dry run: nothing sent)`,
    );
    return finish(version);
  }
  if (!conn.reached) return finish(version);

  // 3. Reading (optional for a write-only key, but then a 409 cannot be resolved).
  if (conn.key === 'rejected') {
    row('credentials', 'failed', `the LRS refused the credentials (${conn.detail})`);
    return finish(version);
  }
  const canRead = conn.key === 'accepted';
  row(
    'read statements',
    canRead ? 'ok' : 'warning',
    canRead
      ? 'allowed'
      : `not allowed (${conn.detail ?? 'no answer'}): fine for a write-only key, but after a lost answer an LRS that answers 409 cannot be checked, and the statements then wait`,
  );
  if (conn.missingVersionHeader) {
    row(
      'version header',
      'warning',
      'the LRS leaves X-Experience-API-Version out of its answers (xAPI requires it; Trailnote copes)',
    );
  }

  // 4. One POST per kind.
  const accepted: typeof sent = [];
  for (const s of sent) {
    const res = await safe(() => client.postStatements(`[${s.json}]`, version));
    if (res && (res.status === 200 || res.status === 204)) accepted.push(s);
    else if (res && (res.status === 401 || res.status === 403)) {
      row(
        `send: ${s.kind}`,
        'failed',
        `the LRS does not let these credentials write statements (${lrsMessage(res)})`,
      );
      return finish(version);
    } else row(`send: ${s.kind}`, 'failed', `refused: ${res ? lrsMessage(res) : 'no answer'}`);
  }
  if (accepted.length) row('write statements', 'ok', `${accepted.length} of ${sent.length} kinds accepted`);

  // 5. Read back and compare.
  for (const s of canRead ? accepted : []) {
    const voided = s.kind === 'voidTarget';
    const res = await safe(() => client.getStatement(s.statement.id, version, voided));
    const stored = res?.status === 200 ? tryParse(res.body) : undefined;
    if (stored === undefined) {
      row(`read back: ${s.kind}`, 'failed', `could not read it back: ${res ? lrsMessage(res) : 'no answer'}`);
      continue;
    }
    const c = compareStatements(JSON.parse(s.json), stored);
    if (!c.same)
      row(`read back: ${s.kind}`, 'failed', `the LRS holds something else: ${c.differences.join('; ')}`);
    // A timestamp in another zone or format is the same instant: worth a word, not a "changed".
    const changed = c.allowed.filter((a) => !a.startsWith('timestamp:'));
    if (changed.length) row(`read back: ${s.kind}`, 'changed', changed.join('; '));
    else
      row(
        `read back: ${s.kind}`,
        'ok',
        c.allowed.length ? 'stored as sent (timestamp in another format)' : 'stored as sent',
      );
  }

  // 6. Void every test statement still standing (voidTarget is voided by the `voided` sample already).
  const standing = accepted.filter((s) => s.kind !== 'voidTarget' && s.kind !== 'voided');
  if (standing.length) {
    const voids = standing.map((s) =>
      statementForVersion(
        freezeStatement(
          markAsTest(
            buildVoided(
              { originalId: s.statement.id },
              {
                actor,
                timestamp: new Date(),
                platform: 'Trailnote',
                source: { surface: 'desktop', version: 'check-lrs' },
              },
            ),
            runId,
          ),
        ),
        version,
      ),
    );
    const res = await safe(() => client.postStatements(`[${voids.join(',')}]`, version));
    const ok = res && (res.status === 200 || res.status === 204);
    row(
      'void test statements',
      ok ? 'ok' : 'warning',
      ok ? `${standing.length} voided` : `not voided: ${res ? lrsMessage(res) : 'no answer'}`,
    );
  }
  return finish(version);
}

function markAsTest(statement: XapiStatement, runId: string): XapiStatement {
  return {
    ...statement,
    context: {
      ...statement.context,
      extensions: {
        ...statement.context.extensions,
        [EXTENSIONS.testStatement]: `trailnote check-lrs ${runId}`,
      },
    },
  };
}

/** Parsed JSON, or undefined when the text is not JSON or not an object. */
function tryParse(text: string): object | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

async function safe(fn: () => Promise<LrsResponse>): Promise<LrsResponse | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}

/** The report as a plain-text table. */
export function formatReport(report: CheckReport): string {
  const mark: Record<Outcome, string> = {
    ok: 'ok',
    changed: 'changed',
    warning: 'warning',
    failed: 'FAILED',
    skipped: 'skipped',
  };
  const w1 = Math.max(5, ...report.rows.map((r) => r.check.length));
  const w2 = 7;
  const lines = [
    `${'check'.padEnd(w1)}  ${'result'.padEnd(w2)}  detail`,
    `${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ------`,
  ];
  for (const r of report.rows)
    lines.push(`${r.check.padEnd(w1)}  ${mark[r.outcome].padEnd(w2)}  ${r.detail}`);
  lines.push(
    '',
    report.ok
      ? 'This LRS works with Trailnote.'
      : 'This LRS does not work with Trailnote as configured: see FAILED above.',
  );
  return lines.join('\n');
}
