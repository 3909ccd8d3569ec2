// The desktop's framework file cache against a real HTTP server (node:http on 127.0.0.1) and a real temporary
// folder: downloads kept as files in userData/frameworks/, read back after a restart without network, a damaged
// file downloaded again, frameworks the policy drops forgotten; and the desktop app offering the downloaded skills
// to the pickers with each framework's status. The store's rules (refresh schedule, the last copy kept on a
// failure) are tested once for both apps in shared/learner/frameworks.test.ts.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { STARTER_FRAMEWORK_ID, type FrameworkSource } from '../../shared/skills';
import { OutboxHost } from '../renderer/outbox/host';
import { createDesktopApp } from './app';
import { FrameworkStore } from '../../shared/learner/frameworks';
import { fileFrameworkCache, frameworkFileName } from './frameworks';
import { memoryFile, sealingBox } from '../testing/fakes';
import { SettingsStore } from './settings-store';

const root = join(import.meta.dirname, '../..');
const ESCO_CSV = readFileSync(join(root, 'test/fixtures/esco/transversal-sample.csv'), 'utf8');
const CASE_JSON = readFileSync(join(root, 'test/fixtures/case/collaboration-package.json'), 'utf8');
const T0 = Date.parse('2026-11-30T08:00:00Z');

const files = new Map<string, { body: string; type: string }>();
const requests: string[] = [];
let server: Server;
let base: string;

function handle(request: IncomingMessage, response: ServerResponse): void {
  requests.push(request.url ?? '/');
  const file = files.get(request.url ?? '/');
  if (!file) {
    response.writeHead(404, 'Not Found').end('no such file');
    return;
  }
  response.writeHead(200, { 'Content-Type': file.type }).end(file.body);
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  files.clear();
  requests.length = 0;
});

const tempDir = () => join(mkdtempSync(join(tmpdir(), 'trailnote-frameworks-')), 'frameworks');

function skills(...frameworks: FrameworkSource[]) {
  return { frameworks };
}
const esco = (): FrameworkSource => ({
  id: 'esco-transversal',
  name: 'ESCO transversal skills',
  url: `${base}/esco.csv`,
  format: 'esco-csv',
});
const caseFramework = (): FrameworkSource => ({
  id: 'acme-case',
  name: 'Acme collaboration',
  url: `${base}/case.json`,
  format: 'case-json',
});

function store(dir: string, clock: { now: number }, online = true) {
  let changes = 0;
  const frameworks = new FrameworkStore({
    cache: fileFrameworkCache(dir),
    fetch: online ? (url, init) => fetch(url, init) : () => Promise.reject(new Error('offline')),
    now: () => clock.now,
    onChange: () => changes++,
  });
  return { frameworks, changes: () => changes };
}

describe('the framework file cache', () => {
  it('downloads into userData/frameworks/ and reads the copy back after a restart, offline', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    files.set('/case.json', { body: CASE_JSON, type: 'application/json' });
    const dir = tempDir();
    const clock = { now: T0 };
    const first = store(dir, clock);
    const statuses = await first.frameworks.refresh(skills(esco(), caseFramework()));
    expect(statuses.map((s) => [s.id, s.state])).toEqual([
      ['esco-transversal', 'downloaded'],
      ['acme-case', 'downloaded'],
    ]);
    expect(readdirSync(dir).sort()).toEqual(
      [
        frameworkFileName(`esco-csv ${base}/esco.csv`),
        frameworkFileName(`case-json ${base}/case.json`),
      ].sort(),
    );
    const loaded = first.frameworks.snapshot(skills(esco(), caseFramework()));
    expect(loaded.frameworks.map((f) => f.id)).toEqual(['esco-transversal', 'acme-case']);
    expect(loaded.frameworks[0]!.skills.some((s) => s.name === 'negotiate compromises')).toBe(true);
    expect(first.changes()).toBeGreaterThan(0);

    // A restart without network, hours later: the copies are used, nothing is asked of the server.
    clock.now = T0 + 3 * 60 * 60_000;
    requests.length = 0;
    const restarted = store(dir, clock, false);
    const again = await restarted.frameworks.refresh(skills(esco(), caseFramework()));
    expect(again.map((s) => s.state)).toEqual(['cached', 'cached']);
    expect(requests).toEqual([]);
    expect(restarted.frameworks.snapshot(skills(esco())).frameworks).toEqual([]); // other settings: loading
  });

  it('downloads a damaged copy again, and forgets frameworks the policy no longer names', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    files.set('/case.json', { body: CASE_JSON, type: 'application/json' });
    const dir = tempDir();
    const clock = { now: T0 };
    const { frameworks } = store(dir, clock);
    await frameworks.refresh(skills(esco(), caseFramework()));
    const escoFile = join(dir, frameworkFileName(`esco-csv ${base}/esco.csv`));
    writeFileSync(escoFile, '{"half a file');
    requests.length = 0;
    const next = store(dir, clock);
    const statuses = await next.frameworks.refresh(skills(esco()));
    expect(statuses.map((s) => s.state)).toEqual(['downloaded']);
    expect(requests).toEqual(['/esco.csv']);
    expect(readdirSync(dir)).toEqual([frameworkFileName(`esco-csv ${base}/esco.csv`)]);
    expect(JSON.parse(readFileSync(escoFile, 'utf8'))).toMatchObject({ url: `${base}/esco.csv` });
  });

  it('a framework that cannot be had is failed, with the reason; the others still load', async () => {
    files.set('/case.json', { body: CASE_JSON, type: 'application/json' });
    const { frameworks } = store(tempDir(), { now: T0 });
    const statuses = await frameworks.refresh(skills(esco(), caseFramework()));
    expect(statuses.map((s) => [s.state, s.reason])).toEqual([
      ['failed', 'HTTP 404 Not Found'],
      ['downloaded', undefined],
    ]);
  });
});

describe('the desktop app with downloaded frameworks', () => {
  it('offers them to the pickers, shows their status, and loads new ones when the policy changes', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    files.set('/case.json', { body: CASE_JSON, type: 'application/json' });
    const clock = { now: T0 };
    const { frameworks, changes } = store(tempDir(), clock);
    let policy = { skills: { frameworks: [esco()] } };
    const host = new OutboxHost(Outbox.open(`frameworks-app-${Math.random()}`), () => clock.now);
    const app = createDesktopApp({
      store: await SettingsStore.open(memoryFile(), sealingBox()),
      outbox: { request: (r) => host.handle(structuredClone(r)) as never },
      loadPolicy: () => Promise.resolve({ path: '/p.json', found: true, document: policy, issues: [] }),
      now: () => clock.now,
      version: '0.1.0',
      frameworks,
    });
    await app.settings.start();
    // Before the first load finishes: the starter set is offered, the URL framework is pending.
    expect(app.pickers.frameworks().frameworks.map((f) => f.id)).toEqual([STARTER_FRAMEWORK_ID]);
    await expect
      .poll(async () => (await app.status.view()).frameworks.map((f) => f.state))
      .toEqual(['downloaded']);
    const view = app.pickers.frameworks();
    expect(view.frameworks.map((f) => f.id)).toEqual(['esco-transversal', STARTER_FRAMEWORK_ID]);
    expect(view.frameworks[0]!.attribution).toContain('ESCO');
    expect(app.pickers.quickLogSetup().frameworks.map((f) => f.id)).toEqual(view.frameworks.map((f) => f.id));
    expect((await app.status.view()).frameworks).toMatchObject([
      { id: 'esco-transversal', state: 'downloaded', url: `${base}/esco.csv` },
    ]);
    expect((await app.record.view()).frameworksStamp).toBe(view.stamp);

    // The policy names another framework: the snapshot notices and loads it.
    policy = { skills: { frameworks: [caseFramework()] } };
    await app.settings.reloadPolicy();
    const before = changes();
    expect(app.pickers.frameworks().stamp).not.toBe(view.stamp);
    await expect
      .poll(() => app.pickers.frameworks().frameworks.map((f) => f.id))
      .toEqual(['acme-case', STARTER_FRAMEWORK_ID]);
    expect(changes()).toBeGreaterThan(before); // main's onChange: windows reload, pickers refetch
  });
});
