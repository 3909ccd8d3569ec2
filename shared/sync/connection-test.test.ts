import { describe, expect, it } from 'vitest';
import { checkConnection, connectionVerdict } from './connection-test';
import { LrsClient } from './lrs-client';

/** An LRS answering `/about` and a statement read as told; the real ones are in test/integration (check-lrs). */
function lrs(about: Answer | 'down', read: Answer) {
  const seen: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    seen.push(
      `${init?.method ?? 'GET'} ${url.replace('https://lrs.example/xapi/', '')} ${new Headers(init?.headers).get('X-Experience-API-Version')}`,
    );
    const a = url.endsWith('/about') ? about : read;
    if (a === 'down') return Promise.reject(new TypeError('fetch failed'));
    return Promise.resolve(new Response(a.body, { status: a.status, headers: a.headers ?? {} }));
  };
  const client = new LrsClient(
    { endpoint: 'https://lrs.example/xapi/', credentials: { kind: 'basic', username: 'k', password: 's' } },
    { fetch: fetchImpl },
  );
  return { client, seen };
}
interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
const both = { status: 200, body: '{"version":["1.0.3","2.0.0"]}' };
const notFound = { status: 404, body: 'no such statement', headers: { 'X-Experience-API-Version': '2.0.0' } };

describe('checkConnection: one connection test for the options page and check-lrs', () => {
  it('reads /about, chooses the version as the engine does, then reads a random id with the key', async () => {
    const { client, seen } = lrs(both, notFound);
    const c = await checkConnection(client, 'auto', 'probe-id');
    expect(c).toEqual({
      reached: true,
      about: { versions: ['1.0.3', '2.0.0'] },
      choice: { version: '2.0.0' },
      key: 'accepted',
    });
    expect(seen).toEqual(['GET about 1.0.3', 'GET statements?statementId=probe-id 2.0.0']);
    expect(connectionVerdict(c, 'auto')).toEqual({ ok: true, versions: ['1.0.3', '2.0.0'] });
  });

  it('a 403 on reading is a write-only key (passes); a 401 is a rejected key', async () => {
    const writeOnly = await checkConnection(
      lrs(both, { status: 403, body: 'may not read' }).client,
      'auto',
      'x',
    );
    expect(writeOnly).toMatchObject({
      key: 'write-only',
      detail: 'HTTP 403: may not read',
      missingVersionHeader: true,
    });
    expect(connectionVerdict(writeOnly, 'auto')).toEqual({
      ok: true,
      versions: ['1.0.3', '2.0.0'],
      writeOnly: true,
    });
    const rejected = await checkConnection(lrs(both, { status: 401, body: 'bad key' }).client, 'auto', 'x');
    expect(connectionVerdict(rejected, 'auto')).toEqual({
      ok: false,
      problem: 'credentials',
      versions: ['1.0.3', '2.0.0'],
      detail: 'HTTP 401: bad key',
    });
  });

  it('an unreachable LRS, an /about that refuses the key or is not an LRS, another status', async () => {
    const down = await checkConnection(lrs('down', notFound).client, 'auto', 'x');
    expect(down).toMatchObject({ reached: false, key: 'no-answer', choice: { version: '1.0.3' } });
    expect(connectionVerdict(down, 'auto')).toMatchObject({ ok: false, problem: 'network' });
    expect(connectionVerdict(down, 'auto').detail).toMatch(/could not reach the LRS/);

    const { client, seen } = lrs({ status: 401, body: 'who are you' }, notFound);
    const refused = await checkConnection(client, 'auto', 'x');
    expect(refused).toMatchObject({
      key: 'rejected',
      about: { refused: true },
      detail: 'HTTP 401: who are you',
    });
    expect(seen).toHaveLength(1);
    expect(connectionVerdict(refused, 'auto')).toMatchObject({ ok: false, problem: 'credentials' });

    const html = {
      status: 200,
      body: '<!doctype html><title>Sign in</title>',
      headers: { 'Content-Type': 'text/html' },
    };
    const notLrs = await checkConnection(lrs(html, notFound).client, 'auto', 'x');
    // The key is still checked (check-lrs goes on with 1.0.3); the options page names the /about problem.
    expect(notLrs).toMatchObject({ key: 'accepted', choice: { version: '1.0.3' } });
    expect(connectionVerdict(notLrs, 'auto')).toMatchObject({ ok: false, problem: 'about' });

    const broken = await checkConnection(lrs(both, { status: 500, body: 'oops' }).client, 'auto', 'x');
    expect(connectionVerdict(broken, 'auto')).toEqual({
      ok: false,
      problem: 'lrs',
      versions: ['1.0.3', '2.0.0'],
      detail: 'HTTP 500: oops',
    });
  });

  it('a version set by hand that /about does not list', async () => {
    const only1 = { status: 200, body: '{"version":["1.0.3"]}' };
    const { client, seen } = lrs(only1, notFound);
    const c = await checkConnection(client, '2.0.0', 'x');
    expect(c.choice).toMatchObject({ version: '2.0.0', note: expect.stringMatching(/not 2.0.0/) as unknown });
    expect(seen[1]).toMatch(/ 2\.0\.0$/);
    expect(connectionVerdict(c, '2.0.0')).toEqual({
      ok: false,
      problem: 'version',
      versions: ['1.0.3'],
      detail: '2.0.0',
    });
    expect(
      connectionVerdict(await checkConnection(lrs(only1, notFound).client, '1.0.3', 'x'), '1.0.3'),
    ).toEqual({
      ok: true,
      versions: ['1.0.3'],
    });
  });
});
