// loadFrameworks against a real HTTP server (node:http on 127.0.0.1): downloads in both formats, the offline
// cache, revalidation, failures, and the result searched the way the skill picker searches it.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ESCO_ATTRIBUTION } from './esco';
import {
  cacheKey,
  formatCopyDate,
  frameworkAttribution,
  loadFrameworks,
  type CachedFramework,
  type FrameworkCache,
  type LoadOptions,
} from './remote';
import { createSkillIndex } from './search';
import type { FrameworkSource, RemoteFrameworkSource } from './source';

const root = join(import.meta.dirname, '../..');
const fixture = (path: string): string => readFileSync(join(root, 'test/fixtures', path), 'utf8');
const realEscoDir = process.env.TRAILNOTE_ESCO_DIR ?? join(root, '../shared/data/esco');

const ESCO_CSV =
  fixture('esco/transversal-sample.csv') + fixture('esco/digital-sample.csv').replace(/^.*\n/, '');
const CASE_JSON = fixture('case/collaboration-package.json');
const DAY = 24 * 60 * 60_000;
const T0 = Date.parse('2026-11-30T08:00:00Z');

/** What the test server serves, per path; changed by the tests. */
const files = new Map<string, { body: string; type: string; etag?: string; lastModified?: string }>();
const requests: Array<{ path: string; ifNoneMatch?: string; ifModifiedSince?: string }> = [];
let server: Server;
let base: string;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '/';
  requests.push({
    path,
    ifNoneMatch: request.headers['if-none-match'],
    ifModifiedSince: request.headers['if-modified-since'],
  });
  if (path === '/hang') return; // never answers
  const file = files.get(path);
  if (!file) {
    response.writeHead(404, 'Not Found').end('no such file');
    return;
  }
  const fresh =
    (file.etag !== undefined && request.headers['if-none-match'] === file.etag) ||
    (file.lastModified !== undefined && request.headers['if-modified-since'] === file.lastModified);
  if (fresh) {
    response.writeHead(304).end();
    return;
  }
  const headers: Record<string, string> = { 'Content-Type': file.type };
  if (file.etag) headers.ETag = file.etag;
  if (file.lastModified) headers['Last-Modified'] = file.lastModified;
  response.writeHead(200, headers).end(file.body);
}

async function listen(port = 0): Promise<void> {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeAll(() => listen());
afterAll(() => stop());
afterEach(() => {
  files.clear();
  requests.length = 0;
});

/** The cache as the extension and the desktop app implement it, in memory. */
function memoryCache(): FrameworkCache & { entries: Map<string, CachedFramework> } {
  const entries = new Map<string, CachedFramework>();
  return {
    entries,
    get: (key) => Promise.resolve(structuredClone(entries.get(key))),
    put: (entry) => {
      entries.set(entry.key, structuredClone(entry));
      return Promise.resolve();
    },
    retain: (keys) => {
      for (const key of [...entries.keys()]) if (!keys.includes(key)) entries.delete(key);
      return Promise.resolve();
    },
  };
}

function options(cache: FrameworkCache, at: number, extra: Partial<LoadOptions> = {}): LoadOptions {
  return { fetch: (url, init) => fetch(url, init), cache, now: () => at, ...extra };
}

const escoSource = (): RemoteFrameworkSource => ({
  id: 'esco',
  name: 'ESCO sample',
  url: `${base}/esco.csv`,
  format: 'esco-csv',
});
const caseSource = (): RemoteFrameworkSource => ({
  id: 'collab',
  name: 'Collaboration',
  url: `${base}/case.json`,
  format: 'case-json',
  attribution: 'Collaboration framework © Example Learning Organisation, CC BY 4.0.',
});

describe('loadFrameworks over HTTP', () => {
  it('downloads both formats, caches them, and the index finds skills by alternative label', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv', etag: '"v1"' });
    files.set('/case.json', {
      body: CASE_JSON,
      type: 'application/json',
      lastModified: 'Mon, 30 Nov 2026 06:00:00 GMT',
    });
    const cache = memoryCache();
    const inline: FrameworkSource = {
      id: 'acme',
      name: 'Acme',
      skills: [{ id: 'https://s.acme.example/1', name: 'Widgets' }],
    };
    const settings = { frameworks: [inline, escoSource(), caseSource()] };

    const first = await loadFrameworks(settings, options(cache, T0));
    expect(first.statuses.map((s) => [s.id, s.state, s.message])).toEqual([
      ['acme', 'inline', undefined],
      ['esco', 'downloaded', 'loaded 8 skills'],
      ['collab', 'downloaded', 'loaded 5 skills'],
    ]);
    expect(first.frameworks.map((f) => [f.id, f.skills.length, f.attribution])).toEqual([
      ['acme', 1, undefined],
      ['esco', 8, ESCO_ATTRIBUTION],
      ['collab', 5, 'Collaboration framework © Example Learning Organisation, CC BY 4.0.'],
    ]);
    expect([...cache.entries.keys()]).toEqual([cacheKey(escoSource()), cacheKey(caseSource())]);

    const index = createSkillIndex(first.frameworks);
    const [bargain] = index.search('bargain');
    expect(bargain).toMatchObject({ matchedLabel: 'bargain', framework: { id: 'esco' } });
    expect(bargain?.skill.name).toBe('negotiate compromises');
    const [calls] = index.search('video calls');
    expect(calls?.skill.name).toMatch(/^Choose a video-conferencing tool/);
    expect(calls?.skill.frameworkId).toBe('collab');
    expect(index.attributions).toContain(ESCO_ATTRIBUTION);

    // Within a day: straight from the cache, no request at all.
    requests.length = 0;
    const second = await loadFrameworks(settings, options(cache, T0 + DAY - 1));
    expect(requests).toEqual([]);
    expect(second.frameworks).toEqual(first.frameworks);
    expect(second.statuses[1]).toMatchObject({
      state: 'cached',
      message: 'using copy from 2026-11-30 08:00 UTC',
      fetchedAt: T0,
    });

    // After a day: revalidated with the validators the server gave; unchanged, so kept (and checked again).
    const third = await loadFrameworks(settings, options(cache, T0 + DAY));
    expect(requests.map((r) => [r.path, r.ifNoneMatch, r.ifModifiedSince])).toEqual(
      expect.arrayContaining([
        ['/esco.csv', '"v1"', undefined],
        ['/case.json', undefined, 'Mon, 30 Nov 2026 06:00:00 GMT'],
      ]),
    );
    expect(third.statuses.map((s) => s.state)).toEqual(['inline', 'cached', 'cached']);
    expect(third.frameworks).toEqual(first.frameworks);
    expect(cache.entries.get(cacheKey(escoSource()))).toMatchObject({ fetchedAt: T0, checkedAt: T0 + DAY });
  });

  it('uses the cached copy, saying so, when the server is down; then comes back', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    const cache = memoryCache();
    const settings = { frameworks: [escoSource()] };
    await loadFrameworks(settings, options(cache, T0));

    const port = (server.address() as AddressInfo).port;
    await stop();
    try {
      const offline = await loadFrameworks(settings, options(cache, T0 + 2 * DAY));
      expect(offline.frameworks[0]?.skills).toHaveLength(8);
      expect(offline.statuses[0]).toMatchObject({ state: 'stale', format: 'esco-csv' });
      expect(offline.statuses[0]?.reason).toMatch(/^fetch failed \(\w+\)$/); // pages word it themselves
      expect(offline.statuses[0]?.message).toMatch(
        /^could not load: fetch failed \(\w+\); using copy from 2026-11-30 08:00 UTC$/,
      );
      // Without a cached copy the framework is missing, and the status says why.
      const none = await loadFrameworks(settings, options(memoryCache(), T0));
      expect(none.frameworks).toEqual([]);
      expect(none.statuses[0]).toMatchObject({ state: 'failed', skillCount: 0 });
      expect(none.statuses[0]?.message).toMatch(/^could not load: fetch failed/);
    } finally {
      await listen(port);
    }
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    const back = await loadFrameworks(settings, options(cache, T0 + 2 * DAY));
    expect(back.statuses[0]).toMatchObject({ state: 'downloaded', fetchedAt: T0 + 2 * DAY });
  });

  it('never replaces a good copy with a file that holds no skills', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    const cache = memoryCache();
    const settings = { frameworks: [escoSource()] };
    await loadFrameworks(settings, options(cache, T0));
    files.set('/esco.csv', { body: '<!doctype html><p>Sign in</p>', type: 'text/html' });
    const later = await loadFrameworks(settings, options(cache, T0, { force: true }));
    expect(later.statuses[0]?.message).toBe(
      'could not load: no skills in the file (line 1: missing column conceptUri and preferredLabel); using copy from 2026-11-30 08:00 UTC',
    );
    expect(later.frameworks[0]?.skills).toHaveLength(8);
  });

  it.each([
    ['an HTTP error', '/missing.csv', {}, 'could not load: HTTP 404 Not Found'],
    [
      'a file too large',
      '/esco.csv',
      { maxBytes: 1000 },
      'could not load: the file is larger than 1000 bytes',
    ],
    ['too slow a server', '/hang', { timeoutMs: 200 }, 'could not load: the server did not answer in time'],
  ])('reports %s', async (_case, path, extra: Partial<LoadOptions>, message) => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    const source = { ...escoSource(), url: `${base}${path}` };
    const { frameworks, statuses } = await loadFrameworks(
      { frameworks: [source] },
      options(memoryCache(), T0, extra),
    );
    expect(frameworks).toEqual([]);
    expect(statuses[0]?.message).toBe(message);
    expect(statuses[0]?.reason).toBe(message.replace('could not load: ', ''));
  });

  it('reports bad JSON and URLs that are not http(s)', async () => {
    files.set('/case.json', { body: '{"CFItems": [', type: 'application/json' });
    const bad = await loadFrameworks({ frameworks: [caseSource()] }, options(memoryCache(), T0));
    expect(bad.statuses[0]?.message).toMatch(/^could not load: no skills in the file \(not valid JSON \(/);

    const file = { ...escoSource(), url: 'file:///etc/passwd' };
    const refused = await loadFrameworks({ frameworks: [file] }, options(memoryCache(), T0));
    expect(refused.statuses[0]?.message).toBe(
      'could not load: only http and https URLs can be downloaded, not file:',
    );
  });

  it('reads only the cache without fetch, and drops entries the settings no longer name', async () => {
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    files.set('/case.json', { body: CASE_JSON, type: 'application/json' });
    const cache = memoryCache();
    await loadFrameworks({ frameworks: [escoSource(), caseSource()] }, options(cache, T0));
    requests.length = 0;

    const offline = await loadFrameworks(
      { frameworks: [escoSource(), { ...caseSource(), url: `${base}/other.json` }] },
      { cache, now: () => T0 + 30 * DAY },
    );
    expect(requests).toEqual([]);
    expect(offline.statuses.map((s) => [s.state, s.message])).toEqual([
      ['cached', 'using copy from 2026-11-30 08:00 UTC'],
      ['pending', 'not downloaded yet'],
    ]);
    expect(cache.entries.size).toBe(2); // reading never prunes

    await loadFrameworks({ frameworks: [escoSource()] }, options(cache, T0));
    expect([...cache.entries.keys()]).toEqual([cacheKey(escoSource())]);
  });

  it('never throws, even when the cache does', async () => {
    const broken: FrameworkCache = {
      get: () => Promise.reject(new Error('database closed')),
      put: () => Promise.reject(new Error('quota exceeded')),
      retain: () => Promise.reject(new Error('database closed')),
    };
    files.set('/esco.csv', { body: ESCO_CSV, type: 'text/csv' });
    const loaded = await loadFrameworks({ frameworks: [escoSource()] }, options(broken, T0));
    expect(loaded.frameworks[0]?.skills).toHaveLength(8);
    expect(loaded.statuses[0]?.message).toBe('loaded 8 skills; not kept for offline use (quota exceeded)');
    const offline = await loadFrameworks({ frameworks: [escoSource()] }, { cache: broken, now: () => T0 });
    expect(offline.statuses[0]?.message).toBe(
      'could not load: the offline copy could not be read (database closed)',
    );
  });
});

describe('frameworkAttribution', () => {
  const esco = [{ id: 'http://data.europa.eu/esco/skill/x', name: 'x' }];
  const own = [{ id: 'https://s.example/x', name: 'x' }];

  it("adds ESCO's sentence to any framework holding an ESCO skill, inline ones included", async () => {
    expect(frameworkAttribution(undefined, esco)).toBe(ESCO_ATTRIBUTION);
    expect(frameworkAttribution('Acme.', esco)).toBe(`Acme. ${ESCO_ATTRIBUTION}`);
    expect(frameworkAttribution(`Acme. ${ESCO_ATTRIBUTION}`, esco)).toBe(`Acme. ${ESCO_ATTRIBUTION}`);
    expect(frameworkAttribution(undefined, own)).toBeUndefined();
    const { frameworks } = await loadFrameworks(
      { frameworks: [{ id: 'i', name: 'I', skills: esco }] },
      { cache: memoryCache(), now: () => T0 },
    );
    expect(frameworks[0]?.attribution).toBe(ESCO_ATTRIBUTION);
  });

  it('formats copy dates the same way everywhere', () => {
    expect(formatCopyDate(Date.parse('2026-01-02T03:04:59Z'))).toBe('2026-01-02 03:04 UTC');
  });
});

describe.skipIf(!existsSync(realEscoDir))('loadFrameworks on the real ESCO digital collection', () => {
  it('downloads, caches and searches all of it', async () => {
    files.set('/digital.csv', {
      body: readFileSync(join(realEscoDir, 'digitalSkillsCollection_en.csv'), 'utf8'),
      type: 'text/csv',
    });
    const source: RemoteFrameworkSource = {
      id: 'digital',
      name: 'ESCO digital',
      url: `${base}/digital.csv`,
      format: 'esco-csv',
    };
    const { frameworks, statuses } = await loadFrameworks(
      { frameworks: [source] },
      options(memoryCache(), T0),
    );
    expect(statuses[0]).toMatchObject({ state: 'downloaded', problems: [] });
    expect(frameworks[0]?.skills.length).toBeGreaterThanOrEqual(1200);
    expect(frameworks[0]?.attribution).toBe(ESCO_ATTRIBUTION);
    // "kdevplatform" is only an alternative label of KDevelop in ESCO.
    expect(createSkillIndex(frameworks).search('kdevplatform')[0]?.skill.name).toBe('KDevelop');
  });
});
