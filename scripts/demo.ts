/**
 * `npm run demo:core [-- --endpoint <xAPI base> --user <key> --password <secret> --version auto|1.0.3|2.0.0]`:
 * the shared core end to end against a real LRS. Without an endpoint it starts Learning Locker's statement
 * service in memory on loopback; with one it uses that LRS (as a fresh pseudonymous learner). Builds one statement
 * of every kind Trailnote sends, queues them in the outbox, drains it with the sync engine, and prints what the
 * LRS now holds.
 */
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import { Outbox } from '../shared/outbox';
import { SyncEngine } from '../shared/sync';
import { ACTIVITY_TYPES, freezeStatement, newInstallId, type XapiStatement } from '../shared/xapi';
import { SAMPLE_KINDS, sampleStatements } from '../shared/xapi/samples';
import { startLrs } from '../test/support/lrs';

const { values: args } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    user: { type: 'string', default: 'demo' },
    password: { type: 'string', default: process.env.TRAILNOTE_LRS_PASSWORD ?? 'demo' },
    version: { type: 'string', default: 'auto' },
  },
});
const version = args.version;
if (version !== 'auto' && version !== '1.0.3' && version !== '2.0.0') {
  throw new Error('--version must be auto, 1.0.3 or 2.0.0');
}
const lrs = args.endpoint
  ? {
      endpoint: args.endpoint.endsWith('/') ? args.endpoint : `${args.endpoint}/`,
      stop: () => Promise.resolve(),
    }
  : await startLrs({ auth: 'open' });
console.log(
  args.endpoint
    ? `LRS: ${lrs.endpoint}`
    : `LRS (Learning Locker statement service, in memory): ${lrs.endpoint}`,
);
const basic = `Basic ${Buffer.from(`${args.user}:${args.password}`).toString('base64')}`;
const outbox = Outbox.open('trailnote-demo');
try {
  const samples = sampleStatements({
    actor: { objectType: 'Agent', account: { homePage: 'https://trailnote.app/xapi', name: newInstallId() } },
  });
  const now = Date.now();
  await outbox.enqueue(
    SAMPLE_KINDS.map((kind) => ({
      id: samples[kind].id,
      json: freezeStatement(samples[kind]),
      meta: { kind, title: kind },
    })),
    now,
    ['local'],
  );
  console.log(`queued ${SAMPLE_KINDS.length} statements: ${SAMPLE_KINDS.join(', ')}`);
  const engine = new SyncEngine({ outbox, clock: { now: () => Date.now() } });
  const summary = await engine.syncAll([
    {
      id: 'local',
      endpoint: lrs.endpoint,
      credentials: { kind: 'basic', username: args.user, password: args.password },
      xapiVersion: version,
    },
  ]);
  const run = summary.destinations[0]!;
  console.log(
    `sync: ${run.sent} sent, ${run.quarantined} quarantined, xAPI ${run.state.xapiVersion}, status ${run.state.status}\n`,
  );
  // This run's learner only: an LRS given by the admin may hold other learners' statements.
  const agent = encodeURIComponent(JSON.stringify({ account: samples.article.actor.account }));
  const res = await fetch(`${lrs.endpoint}statements?limit=50&agent=${agent}`, {
    headers: { 'X-Experience-API-Version': run.state.xapiVersion ?? '1.0.3', Authorization: basic },
  });
  const { statements } = (await res.json()) as { statements: XapiStatement[] };
  const label = (m: Record<string, string> | undefined) => (m ? Object.values(m)[0] : undefined);
  for (const s of statements.reverse()) {
    const o = s.object as { objectType?: string; id: string; definition?: { name?: Record<string, string> } };
    const what = label(o.definition?.name) ?? `${o.objectType} ${o.id}`;
    const skills = (s.context?.contextActivities?.category ?? [])
      .filter((c) => c.definition?.type === ACTIVITY_TYPES.competency)
      .map((c) => label(c.definition?.name));
    console.log(
      `• ${label(s.verb.display) ?? s.verb.id} — ${what}${skills.length ? `  [skills: ${skills.join(', ')}]` : ''}`,
    );
  }
  console.log(
    `\nThe LRS holds ${statements.length} statements for this learner (voided ones are hidden, as xAPI requires).`,
  );
} finally {
  outbox.close();
  await lrs.stop();
}
