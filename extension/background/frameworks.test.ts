// The extension's framework store: the learner core's store (its rules are tested once, in
// shared/learner/frameworks.test.ts) over IndexedDB (fake-indexeddb here), against a real HTTP server on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FrameworkSource, RemoteFrameworkSource } from '../../shared/skills';
import { openFrameworkStore } from './frameworks';
import { parsePageMessage } from './learner';

const csv = readFileSync(join(import.meta.dirname, '../../test/fixtures/esco/digital-sample.csv'), 'utf8');
const T0 = Date.parse('2026-11-30T08:00:00Z');

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
  const now = T0;
  const open = () => openFrameworkStore({ fetch: (url, init) => fetch(url, init), now: () => now, name });
  return { open };
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

describe("the extension's framework store", () => {
  it('keeps downloads and the last refresh in IndexedDB: a restarted background has them without the network', async () => {
    const { open } = stores();
    const settings = settingsWith(digital());
    const first = open();
    expect(await first.current(settings.skills)).toEqual([]); // nothing downloaded yet, and no download from here
    expect((await first.statuses(settings.skills)).map((s) => [s.state, s.message])).toEqual([
      ['pending', 'not downloaded yet'],
    ]);
    expect(requested).toEqual([]);

    const statuses = await first.refresh(settings.skills);
    expect(statuses.map((s) => [s.state, s.message])).toEqual([['downloaded', 'loaded 7 skills']]);
    const [framework] = await first.current(settings.skills);
    expect(framework?.skills.map((skill) => skill.name)).toContain('JavaScript');

    const restarted = open();
    status = 500;
    expect(await restarted.current(settings.skills)).toEqual([framework]);
    expect(await restarted.statuses(settings.skills)).toEqual(statuses);
    expect(requested).toEqual(['/digital.csv']);
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
