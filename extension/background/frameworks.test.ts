// The extension's framework store: IndexedDB (fake-indexeddb here) behind the shared loader, against a real
// HTTP server on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FrameworkSource, RemoteFrameworkSource } from '../../shared/skills';
import { FRAMEWORK_RETRY_MS } from '../../shared/skills';
import { FrameworkStore } from './frameworks';
import { parsePageMessage } from './learner';

const csv = readFileSync(join(import.meta.dirname, '../../test/fixtures/esco/digital-sample.csv'), 'utf8');
const T0 = Date.parse('2026-11-30T08:00:00Z');
const HOUR = 60 * 60_000;

let server: Server;
let base: string;
let served = csv;
let status = 200;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(status, { 'Content-Type': 'text/csv' }).end(served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  served = csv;
  status = 200;
  requested.length = 0;
});

let dbCount = 0;
function stores() {
  const name = `frameworks-test-${++dbCount}`;
  let now = T0;
  const open = () => new FrameworkStore({ fetch: (url, init) => fetch(url, init), now: () => now, name });
  return { open, advance: (ms: number) => (now += ms) };
}

const settingsWith = (...frameworks: RemoteFrameworkSource[]) => ({
  skills: {
    frameworks: frameworks as FrameworkSource[],
    allowCustom: true,
    customBaseIri: 'https://s.example/',
  },
});
const digital = (): RemoteFrameworkSource => ({
  id: 'digital',
  name: 'ESCO digital',
  url: `${base}/digital.csv`,
  format: 'esco-csv',
});

describe('FrameworkStore', () => {
  it('keeps downloads in IndexedDB: a restarted background has them without the network', async () => {
    const { open } = stores();
    const settings = settingsWith(digital());
    const first = open();
    expect(await first.current(settings)).toEqual([]); // nothing downloaded yet, and no download from here
    expect((await first.statuses(settings)).map((s) => [s.state, s.message])).toEqual([
      ['pending', 'not downloaded yet'],
    ]);
    expect(requested).toEqual([]);

    const statuses = await first.refresh(settings);
    expect(statuses.map((s) => [s.state, s.message])).toEqual([['downloaded', 'loaded 7 skills']]);
    const [framework] = await first.current(settings);
    expect(framework?.skills.map((skill) => skill.name)).toContain('JavaScript');

    const restarted = open();
    status = 500;
    expect(await restarted.current(settings)).toEqual([framework]);
    expect(await restarted.statuses(settings)).toEqual(statuses);
    expect(requested).toEqual(['/digital.csv']);
  });

  it('refreshes on the alarm only when the frameworks changed, a day has passed, or an hour after a failure', async () => {
    const { open, advance } = stores();
    const store = open();
    const settings = settingsWith(digital());

    await store.refreshIfDue(settings); // never refreshed: downloads
    await store.refreshIfDue(settings); // just done: nothing
    advance(23 * HOUR);
    await store.refreshIfDue(settings);
    expect(requested).toEqual(['/digital.csv']);

    advance(HOUR); // a day later: revalidated
    await store.refreshIfDue(settings);
    expect(requested).toHaveLength(2);

    const other = { ...digital(), id: 'other', url: `${base}/other.csv` };
    status = 503;
    await store.refreshIfDue(settingsWith(digital(), other)); // changed: at once (and other fails)
    expect(requested.slice(2)).toEqual(['/other.csv']);
    expect((await store.statuses(settingsWith(digital(), other))).map((s) => s.message)).toEqual([
      expect.stringMatching(/^using copy from /) as unknown,
      'could not load: HTTP 503 Service Unavailable',
    ]);

    advance(FRAMEWORK_RETRY_MS - 1);
    await store.refreshIfDue(settingsWith(digital(), other));
    expect(requested).toHaveLength(3);
    status = 200;
    advance(1);
    await store.refreshIfDue(settingsWith(digital(), other));
    expect(requested.slice(3)).toEqual(['/other.csv']);
    expect((await store.current(settingsWith(digital(), other))).map((f) => f.id)).toEqual([
      'digital',
      'other',
    ]);
  });

  it('does nothing for inline frameworks, and forgets downloads once no URL framework is named', async () => {
    const { open } = stores();
    const store = open();
    const inline = settingsWith();
    inline.skills.frameworks = [{ id: 'acme', name: 'Acme', skills: [] }];
    await store.refreshIfDue(inline);
    expect(requested).toEqual([]);

    await store.refreshIfDue(settingsWith(digital()));
    expect(requested).toEqual(['/digital.csv']);
    await store.refreshIfDue(settingsWith()); // the policy dropped it: the copy is deleted
    status = 500;
    expect(await store.statuses(settingsWith(digital()))).toEqual([
      expect.objectContaining({ state: 'pending', message: 'not downloaded yet' }),
    ]);
    expect(requested).toEqual(['/digital.csv']);
  });

  it('serves the popup from memory until a refresh brings something new', async () => {
    const { open, advance } = stores();
    const store = open();
    const settings = settingsWith(digital());
    await store.refresh(settings);
    const before = await store.current(settings);
    const stamp = store.stamp(settings);
    expect(await store.current(settings)).toBe(before); // same object: not read again
    expect(store.stamp(settings)).toBe(stamp); // the popup's state says "unchanged"
    expect(store.stamp(settingsWith())).not.toBe(stamp); // other frameworks: the pages fetch them again
    expect(open().stamp(settings)).not.toBe(stamp); // a restarted background may hold other copies

    served = csv.replace('JavaScript,', 'JavaScript (updated),');
    advance(25 * HOUR);
    await store.refresh(settings);
    const after = await store.current(settings);
    expect(after).not.toBe(before);
    expect(after[0]?.skills.map((skill) => skill.name)).toContain('JavaScript (updated)');
    expect(store.stamp(settings)).not.toBe(stamp);
  });
});

describe('framework messages from extension pages', () => {
  it('are accepted without payload, and nothing else under their prefix', () => {
    expect(parsePageMessage({ type: 'frameworks/status', extra: 1 })).toEqual({ type: 'frameworks/status' });
    expect(parsePageMessage({ type: 'frameworks/refresh' })).toEqual({ type: 'frameworks/refresh' });
    expect(parsePageMessage({ type: 'skills/frameworks' })).toEqual({ type: 'skills/frameworks' });
    expect(parsePageMessage({ type: 'frameworks/delete' })).toBeUndefined();
  });
});
