import { randomUUID } from 'node:crypto';

/** A test learner of its own, so each test reads back only its statements from a shared LRS. */
export function testActor(label: string) {
  return {
    objectType: 'Agent',
    account: { homePage: 'https://trailnote.app/xapi', name: `${label}-${randomUUID()}` },
  };
}

/** Plain valid xAPI statements (the sync engine does not care what they say). */
export function makeStatements(n: number, actor: object, start = 0): Array<{ id: string; json: string }> {
  const base = Date.parse('2026-11-01T10:00:00.000Z');
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    const id = randomUUID();
    const statement = {
      id,
      actor,
      verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
      object: {
        objectType: 'Activity',
        id: `https://articles.example/post/${i}`,
        definition: { type: 'http://activitystrea.ms/schema/1.0/article', name: { en: `Article ${i}` } },
      },
      result: { duration: `PT${(i % 50) + 1}M`, completion: true },
      timestamp: new Date(base + i * 1000).toISOString(),
    };
    return { id, json: JSON.stringify(statement) };
  });
}

/** A deterministic random source (mulberry32), so fault sequences can be replayed from a seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock the test moves by hand: the engine's backoffs never wait on real time. */
export class ManualClock {
  constructor(public t = Date.parse('2026-11-23T09:00:00.000Z')) {}
  now = () => this.t;
  advanceTo(ms: number) {
    this.t = Math.max(this.t, ms);
  }
}
