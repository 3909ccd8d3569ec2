/**
 * `npm start` until the extension lands: the shared core end to end against a real LRS on loopback.
 * Starts Learning Locker's statement service in memory, builds one statement of every kind Trailnote sends,
 * queues them in the outbox, drains it with the sync engine, and prints what the LRS now holds.
 */
import 'fake-indexeddb/auto';
import { Outbox } from '../shared/outbox';
import { SyncEngine } from '../shared/sync';
import {
  ACTIVITY_TYPES,
  SAMPLE_KINDS,
  freezeStatement,
  newInstallId,
  sampleStatements,
  type XapiStatement,
} from '../shared/xapi';
import { startLrs } from '../test/support/lrs';

const lrs = await startLrs({ auth: 'open' });
console.log(`LRS (Learning Locker statement service, in memory): ${lrs.endpoint}`);
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
      credentials: { kind: 'basic', username: 'demo', password: 'demo' },
      xapiVersion: 'auto',
    },
  ]);
  const run = summary.destinations[0]!;
  console.log(
    `sync: ${run.sent} sent, ${run.quarantined} quarantined, xAPI ${run.state.xapiVersion}, status ${run.state.status}\n`,
  );
  const res = await fetch(`${lrs.endpoint}statements?limit=50`, {
    headers: { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic ZGVtbzpkZW1v' },
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
  console.log(`\nThe LRS holds ${statements.length} statements (voided ones are hidden, as xAPI requires).`);
} finally {
  outbox.close();
  await lrs.stop();
}
