// The framework store's rules, once for both apps. Each app tests its own cache port against a real HTTP server
// (IndexedDB in extension/background/frameworks.test.ts, files in desktop/core/frameworks.test.ts) and the loader's
// HTTP handling is shared/skills/remote.test.ts's; here the fetch port answers from memory (no Node built-ins in
// the learner core, tests included).
import { beforeEach, describe, expect, it } from 'vitest';
import {
  FRAMEWORK_RETRY_MS,
  STARTER_FRAMEWORK_ID,
  type FetchFunction,
  type FrameworkSource,
  type RemoteFrameworkSource,
} from '../skills';
import { FrameworkStore, memoryFrameworkCache, memoryRefreshLog, type RefreshLog } from './frameworks';

const HEADER = 'conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description';
const row = (id: string, label: string) =>
  `KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/${id},${label},released,knowledge,sector-specific,,`;
const csv = [
  HEADER,
  row('3cd569a2-4f88-4c1e-9995-8dce8c5e51a7', 'JavaScript'),
  row('598de5b0-5b58-4ea7-8058-a4bc4d18c742', 'SQL'),
  row('b633eb55-8f1f-4ae6-ab4c-2022ffe2cb7f', 'C++'),
].join('\n');
const T0 = Date.parse('2026-11-30T08:00:00Z');
const HOUR = 60 * 60_000;
const base = 'https://frameworks.example';

let served = csv;
let status = 200;
const requested: string[] = [];
const REASONS: Record<number, string> = {
  200: 'OK',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
/** The fetch port: the file `served` with `status`, every request's path recorded. */
const serve: FetchFunction = (url) => {
  requested.push(new URL(url).pathname);
  return Promise.resolve(
    new Response(served, { status, statusText: REASONS[status], headers: { 'Content-Type': 'text/csv' } }),
  );
};

beforeEach(() => {
  served = csv;
  status = 200;
  requested.length = 0;
});

function stores() {
  let now = T0;
  const cache = memoryFrameworkCache();
  const log: RefreshLog = memoryRefreshLog();
  let changes = 0;
  let run = 0;
  const open = () =>
    new FrameworkStore({
      cache,
      log,
      fetch: serve,
      now: () => now,
      runId: `run${++run}`,
      onChange: () => changes++,
    });
  return { open, advance: (ms: number) => (now += ms), changes: () => changes };
}

const skills = (...frameworks: FrameworkSource[]) => ({ frameworks });
const digital = (): RemoteFrameworkSource => ({
  id: 'digital',
  name: 'ESCO digital',
  url: `${base}/digital.csv`,
  format: 'esco-csv',
});

describe('FrameworkStore', () => {
  it('reads copies without the network; a refresh downloads, and a restart has the copy and its status', async () => {
    const { open } = stores();
    const first = open();
    expect(await first.current(skills(digital()))).toEqual([]);
    expect((await first.statuses(skills(digital()))).map((s) => [s.state, s.message])).toEqual([
      ['pending', 'not downloaded yet'],
    ]);
    expect(requested).toEqual([]);

    const statuses = await first.refresh(skills(digital()));
    expect(statuses.map((s) => [s.state, s.message])).toEqual([['downloaded', 'loaded 3 skills']]);
    const [framework] = await first.current(skills(digital()));
    expect(framework?.skills.map((skill) => skill.name)).toContain('JavaScript');

    const restarted = open();
    status = 500;
    expect(await restarted.current(skills(digital()))).toEqual([framework]);
    expect(await restarted.statuses(skills(digital()))).toEqual(statuses);
    expect(requested).toEqual(['/digital.csv']);
  });

  it('refreshes at most daily, at once for other frameworks, an hour after a failure; keeps the last copy', async () => {
    const { open, advance } = stores();
    const store = open();
    expect(await store.refreshIfDue(skills(digital()))).toBeDefined(); // never refreshed: downloads
    expect(await store.refreshIfDue(skills(digital()))).toBeUndefined(); // just done: nothing
    advance(23 * HOUR);
    await store.refreshIfDue(skills(digital()));
    expect(requested).toEqual(['/digital.csv']);
    advance(HOUR); // a day later: revalidated
    await store.refreshIfDue(skills(digital()));
    expect(requested).toHaveLength(2);

    const other = { ...digital(), id: 'other', url: `${base}/other.csv` };
    status = 503;
    await store.refreshIfDue(skills(digital(), other)); // changed: at once (and other fails)
    expect(requested.slice(2)).toEqual(['/other.csv']);
    expect((await store.statuses(skills(digital(), other))).map((s) => s.message)).toEqual([
      expect.stringMatching(/^using copy from /) as unknown,
      'could not load: HTTP 503 Service Unavailable',
    ]);

    // The server fails a day later: the copy is kept, marked stale, still searched.
    advance(25 * HOUR);
    const [stale] = (await store.refreshIfDue(skills(digital())))!;
    expect(stale).toMatchObject({ state: 'stale', reason: 'HTTP 503 Service Unavailable' });
    expect((await store.current(skills(digital())))[0]?.skills.length).toBe(3);
    // Troubled: tried again an hour later, not before.
    advance(FRAMEWORK_RETRY_MS - 1);
    expect(await store.refreshIfDue(skills(digital()))).toBeUndefined();
    status = 200;
    advance(1);
    expect((await store.refreshIfDue(skills(digital())))?.map((s) => s.state)).toEqual(['downloaded']);
  });

  it('does nothing for inline frameworks, and forgets copies once no URL framework is named', async () => {
    const { open } = stores();
    const store = open();
    const inline = skills({ id: 'acme', name: 'Acme', skills: [] });
    await store.refreshIfDue(inline);
    expect(requested).toEqual([]);
    await store.refreshIfDue(skills(digital()));
    await store.refreshIfDue(skills()); // the policy dropped it: the copy is deleted
    status = 500;
    expect(await open().statuses(skills(digital()))).toEqual([
      expect.objectContaining({ state: 'pending', message: 'not downloaded yet' }),
    ]);
    expect(requested).toEqual(['/digital.csv']);
  });

  it('serves from memory with a stable stamp until a load brings something new', async () => {
    const { open, advance, changes } = stores();
    const store = open();
    await store.refresh(skills(digital()));
    const before = await store.current(skills(digital()));
    const stamp = store.stamp(skills(digital()));
    expect(await store.current(skills(digital()))).toBe(before); // same object: not read again
    expect(store.stamp(skills(digital()))).toBe(stamp);
    expect(store.stamp(skills())).not.toBe(stamp); // other frameworks: pages fetch again
    expect(await open().readyStamp(skills(digital()))).not.toBe(stamp); // another run may hold other copies

    served = csv.replace(',JavaScript,', ',JavaScript (updated),');
    advance(25 * HOUR);
    const seen = changes();
    await store.refresh(skills(digital()));
    const after = await store.current(skills(digital()));
    expect(after[0]?.skills.map((skill) => skill.name)).toContain('JavaScript (updated)');
    expect(store.stamp(skills(digital()))).not.toBe(stamp);
    expect(changes()).toBeGreaterThan(seen);
  });

  it('snapshot: inline frameworks at once, the rest loading in the background, then the loaded ones', async () => {
    const { open } = stores();
    const store = open();
    const acme = { id: 'acme', name: 'Acme', skills: [{ id: 'https://acme.example/s/1', name: 'Welding' }] };
    const first = store.snapshot(skills(acme, digital()));
    expect(first.frameworks.map((f) => f.id)).toEqual(['acme']);
    expect(first.statuses.map((s) => s.state)).toEqual(['inline', 'pending']);
    await expect
      .poll(() => store.snapshot(skills(acme, digital())).frameworks.map((f) => f.id))
      .toEqual(['acme', 'digital']);
    expect(store.snapshot(skills(acme, digital())).stamp).not.toBe(first.stamp);
  });

  it("gives the pickers the settings' frameworks, then the ESCO starter set, with their attribution", async () => {
    const { open } = stores();
    const store = open();
    await store.refresh(skills(digital()));
    const view = await store.pickerView(skills(digital()));
    expect(view.stamp).toBe(store.stamp(skills(digital())));
    expect(view.frameworks.map((f) => f.id)).toEqual(['digital', STARTER_FRAMEWORK_ID]);
    for (const f of view.frameworks) expect(f.attribution).toContain('ESCO');
    expect(view.frameworks[0]?.skills[0]).not.toHaveProperty('description');
  });
});
