import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { SyncEngine } from '../../shared/sync';
import { sameStatement, freezeStatement, statementForVersion } from '../../shared/xapi';
import { SAMPLE_KINDS, SAMPLE_SKILLS, sampleStatements } from '../../shared/xapi/samples';
import { lrsUnderTest, type LrsUnderTest } from '../support/lrs-under-test';
import { statementById, statementsFor } from '../support/read-back';
import { ManualClock, testActor } from '../support/statements';

/**
 * Each LRS with the version `auto` picks; ADL's LRS, which speaks both, also with each version forced, so the 2.0
 * form (context agents) and its 1.0.3 conversion are both proven against it.
 */
const cases = lrsUnderTest().flatMap((lrs) =>
  (lrs.name === 'adl' ? (['auto', '2.0.0', '1.0.3'] as const) : (['auto'] as const)).map((version) => ({
    lrs,
    version,
    name: `${lrs.name}, xAPI ${version}`,
  })),
);

describe.each(cases)(
  'every statement Trailnote builds is accepted by a real LRS: $name',
  ({ lrs, version }: { lrs: LrsUnderTest; version: 'auto' | '1.0.3' | '2.0.0' }) => {
    const ob = Outbox.open(`statements-it-${Math.random()}`);
    afterAll(() => ob.close());
    const actor = testActor('builders');
    const samples = sampleStatements({ actor: { objectType: 'Agent', account: actor.account } });
    const frozen = SAMPLE_KINDS.map((kind) => ({
      kind,
      statement: samples[kind],
      json: freezeStatement(samples[kind]),
    }));

    it('delivers one statement of every builder kind, none quarantined, each stored as built', async () => {
      await ob.enqueue(
        frozen.map((f) => ({ id: f.statement.id, json: f.json, meta: { kind: f.kind, title: f.kind } })),
        0,
        ['lrs'],
      );
      const engine = new SyncEngine({ outbox: ob, clock: new ManualClock() });
      const summary = await engine.syncAll([
        {
          id: 'lrs',
          endpoint: lrs.endpoint,
          credentials: { kind: 'basic', username: lrs.username, password: lrs.password },
          xapiVersion: version,
        },
      ]);
      const quarantined = await Promise.all(
        frozen.map(async (f) => [f.kind, (await ob.deliveriesOf(f.statement.id))[0]] as const),
      );
      expect(
        quarantined.filter(([, d]) => d?.state !== 'sent').map(([k, d]) => `${k}: ${d?.lastError}`),
      ).toEqual([]);
      expect(summary.destinations[0]?.sent).toBe(frozen.length);
      const used = summary.destinations[0]!.state.xapiVersion === '2.0.0' ? '2.0.0' : '1.0.3';
      if (version !== 'auto') expect(used).toBe(version);
      if (lrs.local && version === 'auto') expect(used).toBe(lrs.name === 'adl' ? '2.0.0' : '1.0.3');

      for (const f of frozen) {
        const stored = await statementById(lrs, f.statement.id, f.kind === 'voidTarget');
        expect(stored, f.kind).toBeDefined();
        // Stored as sent: the frozen 2.0 form, or its 1.0.3 conversion (mentor as instructor + extension).
        expect(sameStatement(JSON.parse(statementForVersion(f.json, used)), stored), f.kind).toBe(true);
      }
    });

    it('voids what a voided statement points at', async () => {
      expect(await statementById(lrs, samples.voidTarget.id)).toBeUndefined();
      expect(await statementById(lrs, samples.voidTarget.id, true)).toBeDefined();
      expect((await statementsFor(lrs, { account: actor.account })).map((s) => s.id)).not.toContain(
        samples.voidTarget.id,
      );
    });

    it('lets LRS users find learning by skill (activity=<skill IRI>&related_activities=true)', async () => {
      const skill = SAMPLE_SKILLS[0]!.id;
      const url = `${lrs.endpoint}statements?activity=${encodeURIComponent(skill)}&related_activities=true&agent=${encodeURIComponent(JSON.stringify({ account: actor.account }))}`;
      const res = await fetch(url, {
        headers: {
          Authorization: `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`,
          'X-Experience-API-Version': '1.0.3',
        },
      });
      const body = (await res.json()) as { statements: Array<{ id: string }> };
      const tagged = frozen.filter((f) =>
        JSON.stringify(f.statement.context?.contextActivities?.category ?? []).includes(skill),
      );
      expect(tagged.length).toBeGreaterThan(3);
      // Voided statements are never returned; statements referring to a match are (C 2.1.3, StatementRefs).
      const taggedIds = new Set(tagged.map((f) => f.statement.id));
      const refersToTagged = (f: (typeof frozen)[number]) => {
        const o = f.statement.object as { objectType?: string; id: string };
        return o.objectType === 'StatementRef' && taggedIds.has(o.id);
      };
      const expected = frozen.filter(
        (f) => (taggedIds.has(f.statement.id) || refersToTagged(f)) && f.kind !== 'voidTarget',
      );
      expect(body.statements.map((s) => s.id).sort()).toEqual(expected.map((f) => f.statement.id).sort());
    });
  },
);
