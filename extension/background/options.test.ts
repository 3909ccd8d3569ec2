import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DestinationDraft, OptionsState, PageMessage } from '../platform/messages';
import { getLearnerSettings } from '../platform/secrets';
import { Outbox } from '../../shared/outbox';
import { handlePageMessage, parsePageMessage, type LearnerDeps } from './learner';

vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const SECRET = 'pa55-w0rd-never-shown';
const TOKEN = 't0ken-never-shown';

/** What an admin would distribute: some keys enforced, one recommended, one invalid. */
const POLICY = {
  destinations: [
    {
      id: 'acme',
      name: 'Acme LRS',
      endpoint: 'https://lrs.acme.example/xapi/',
      username: 'k',
      password: 'org-secret',
    },
  ],
  learner: { email: 'ada@acme.example' },
  capture: { holdMinutes: 15, mediaMinPercent: 150 },
  recommended: { capture: { articleMinSeconds: 45 } },
};

const MINE = {
  id: 'mine-1',
  name: 'My LRS',
  endpoint: 'https://lrs.mine.example/xapi/',
  username: 'me',
  password: SECRET,
};

let syncs = 0;
/** The background's deps; the options page's routes use only sync and randomId (and fetch for the test). */
const deps: LearnerDeps = {
  outbox: Outbox.open('options-test'),
  now: () => 0,
  tab: () => Promise.resolve(undefined),
  sync: () => {
    syncs += 1;
    return Promise.resolve();
  },
  randomId: () => '0123456789abcdef',
};

function draft(overrides: Partial<DestinationDraft> = {}): DestinationDraft {
  return {
    name: 'Personal',
    endpoint: 'https://lrs.example/xapi',
    auth: 'basic',
    username: 'me',
    password: 'secret',
    token: '',
    xapiVersion: 'auto',
    ...overrides,
  };
}

/** Parses like the background does, so every test goes through the contract's checks. */
/** A page's message through the background's route table, as the page sends it. */
async function ask<T>(raw: Record<string, unknown>, extra: Partial<LearnerDeps> = {}): Promise<T> {
  const msg = parsePageMessage(raw);
  if (!msg) throw new Error(`rejected: ${JSON.stringify(raw)}`);
  return (await handlePageMessage(msg, { ...deps, ...extra })) as T;
}

/** The learner's settings as the background uses them: storage.local's part with the credentials from IndexedDB. */
const stored = async () => (await getLearnerSettings()) as Record<string, unknown>;
/** What a content script could read: storage.local as it is. */
const local = async () => fakeBrowser.storage.local.get(null);

beforeEach(async () => {
  fakeBrowser.reset();
  await new Promise((done) => {
    const req = indexedDB.deleteDatabase('trailnote-secrets'); // the credentials' store (platform/secrets.ts)
    req.onsuccess = req.onerror = () => done(undefined);
  });
  syncs = 0;
  await fakeBrowser.storage.managed.set(POLICY);
  await fakeBrowser.storage.local.set({
    learnerSettings: { destinations: [MINE], capture: { holdMinutes: 3 } },
  });
});

describe("the learner's own LRS secret (issue 11, point 8)", () => {
  it('moves a secret stored by an earlier version out of storage.local, and keeps new ones out of it', async () => {
    expect(JSON.stringify(await local())).toContain(SECRET); // as an earlier version left it
    expect(await stored()).toEqual({ destinations: [MINE], capture: { holdMinutes: 3 } });
    expect(JSON.stringify(await local())).not.toContain(SECRET);
    const { username: _u, password: _p, ...bare } = MINE;
    expect((await local()).learnerSettings).toEqual({ destinations: [bare], capture: { holdMinutes: 3 } });

    await ask({
      type: 'destination/save',
      destination: { ...draft(), id: 'mine-1', username: 'me', password: 'n3w-s3cret' },
    });
    expect(JSON.stringify(await local())).not.toContain('n3w-s3cret');
    expect(JSON.stringify(await stored())).toContain('n3w-s3cret');
    expect((await local()).secretsVersion).toEqual(expect.any(Number));
  });
});

describe('options messages', () => {
  it('accepts the contract and refuses anything else', () => {
    const good: Array<[Record<string, unknown>, PageMessage]> = [
      [{ type: 'options/state' }, { type: 'options/state' }],
      [{ type: 'settings/export', junk: 1 }, { type: 'settings/export' }],
      [
        { type: 'options/save', settings: { capture: { holdMinutes: 'x' } } },
        // Values are only checked when handled (validatePolicy names them), so a wrong type passes parsing.
        { type: 'options/save', settings: { capture: { holdMinutes: 'x' as unknown as number } } },
      ],
      [
        { type: 'destination/remove', id: 'mine-1' },
        { type: 'destination/remove', id: 'mine-1' },
      ],
      [
        { type: 'settings/import', text: '{}', apply: false },
        { type: 'settings/import', text: '{}', apply: false },
      ],
      [
        { type: 'destination/test', destination: { ...draft(), extra: 'dropped' } },
        { type: 'destination/test', destination: draft() },
      ],
    ];
    for (const [raw, parsed] of good) expect(parsePageMessage(raw)).toEqual(parsed);

    const bad: Array<Record<string, unknown>> = [
      { type: 'options/nope' },
      { type: 'options/save' },
      { type: 'options/save', settings: [] },
      { type: 'options/save', settings: { destinations: [] } }, // destinations have their own messages
      { type: 'options/save', settings: { capture: { blockedDomains: ['x'.repeat(2_000_001)] } } },
      { type: 'destination/remove', id: '' },
      { type: 'destination/remove', id: 'x'.repeat(65) },
      { type: 'settings/import', text: '{}' },
      { type: 'settings/import', text: 'x'.repeat(5_000_001), apply: false },
      { type: 'destination/save', destination: { ...draft(), auth: 'cookie' } },
      { type: 'destination/save', destination: { ...draft(), xapiVersion: '0.9' } },
      { type: 'destination/save', destination: { ...draft(), password: 7 } },
      { type: 'destination/save', destination: { ...draft(), token: 'x'.repeat(5000) } },
      { type: 'destination/save', destination: { ...draft(), id: '../etc' } },
      { type: 'destination/test', destination: { ...draft(), endpoint: undefined } },
    ];
    for (const raw of bad) expect(parsePageMessage(raw), JSON.stringify(raw).slice(0, 80)).toBeUndefined();
  });
});

describe('options/state', () => {
  it('shows enforced keys locked, recommended ones as defaults, and which layer each problem is in', async () => {
    await fakeBrowser.storage.local.set({
      learnerSettings: { destinations: [MINE], capture: { holdMinutes: 3, articleMinSeconds: -1 } },
    });
    const state = await ask<OptionsState>({ type: 'options/state' });
    expect(state.locked).toEqual(expect.arrayContaining(['learner.email', 'capture.holdMinutes']));
    expect(state.locked).not.toContain('capture.mediaMinPercent'); // invalid, so ignored: not enforced
    expect(state.recommended).toEqual(['capture.articleMinSeconds']);
    expect(state.effective.capture.holdMinutes).toBe(15);
    expect(state.base.capture.articleMinSeconds).toBe(45);
    expect(state.own).toEqual({ capture: { holdMinutes: 3 } });
    expect(state.identified).toBe(true);
    expect(state.issues.map((i) => [i.from, i.path])).toEqual([
      ['organisation', 'capture.mediaMinPercent'],
      ['learner', 'capture.articleMinSeconds'],
    ]);
    expect(state.destinations).toEqual([
      {
        id: 'acme',
        name: 'Acme LRS',
        endpoint: 'https://lrs.acme.example/xapi/',
        xapiVersion: 'auto',
        auth: 'basic',
        origin: 'organisation',
        hasSecret: true,
      },
      expect.objectContaining({ id: 'mine-1', origin: 'learner', hasSecret: true }),
    ]);
  });

  it('never returns a credential', async () => {
    await fakeBrowser.storage.local.set({
      learnerSettings: {
        destinations: [MINE, { id: 'mine-2', endpoint: 'https://t.example/xapi/', token: TOKEN }],
      },
    });
    const replies = JSON.stringify([
      await ask({ type: 'options/state' }),
      await ask({ type: 'settings/export' }),
    ]);
    for (const secret of [SECRET, TOKEN, 'org-secret', '"me"', '"k"']) expect(replies).not.toContain(secret);
  });
});

describe('options/save', () => {
  it('stores nothing and names each invalid key', async () => {
    const result = await ask<{ ok: boolean; issues: Array<{ path: string; message: string }> }>({
      type: 'options/save',
      settings: {
        capture: { articleMinSeconds: 'soon', blockedDomains: ['ok.example', 'https://bank.example/x'] },
      },
    });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.path)).toEqual([
      'capture.articleMinSeconds',
      'capture.blockedDomains[1]',
    ]);
    expect(result.issues[0]!.message).toContain('a whole number from 0 to 86400');
    expect(await stored()).toEqual({ destinations: [MINE], capture: { holdMinutes: 3 } });
    expect(syncs).toBe(0);
  });

  it('saves valid settings, keeps destinations and the learner’s value under an enforced key, and syncs', async () => {
    const result = await ask<{ ok: boolean }>({
      type: 'options/save',
      settings: {
        learner: { name: '  Ada  ' },
        capture: { blockedDomains: ['News.Example.'], reviewBeforeSync: true },
      },
    });
    expect(result).toEqual({ ok: true });
    expect(await stored()).toEqual({
      destinations: [MINE],
      learner: { name: 'Ada' },
      // holdMinutes is enforced (15): the page did not send it, the learner's 3 is kept for later.
      capture: { blockedDomains: ['news.example'], reviewBeforeSync: true, holdMinutes: 3 },
    });
    expect(syncs).toBe(1);
    const state = await ask<OptionsState>({ type: 'options/state' });
    expect(state.effective.capture.reviewBeforeSync).toBe(true);
    expect(state.effective.learner.name).toBe('Ada');
  });
});

describe('the learner’s destinations', () => {
  it('adds one, validated, with an id of its own', async () => {
    const bad = await ask<{ ok: boolean; issues: Array<{ path: string; message: string }> }>({
      type: 'destination/save',
      destination: draft({ endpoint: 'ftp://lrs.example/' }),
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(['endpoint']);
    expect(bad.issues[0]!.message).toMatch(/^endpoint: expected/);

    const noSecret = await ask<{ ok: boolean; issues: Array<{ path: string }> }>({
      type: 'destination/save',
      destination: draft({ username: '', password: '' }),
    });
    expect(noSecret.issues.map((i) => i.path)).toEqual(['username', 'password']);

    const ok = await ask<{ ok: boolean; id: string }>({ type: 'destination/save', destination: draft() });
    expect(ok).toEqual({ ok: true, id: 'mine-01234567' });
    expect((await stored()).destinations).toEqual([
      MINE,
      {
        id: 'mine-01234567',
        name: 'Personal',
        endpoint: 'https://lrs.example/xapi/',
        username: 'me',
        password: 'secret',
        xapiVersion: 'auto',
      },
    ]);
  });

  it('keeps the stored secret when the edit leaves it blank, and replaces it when given', async () => {
    await ask({
      type: 'destination/save',
      destination: draft({ id: 'mine-1', name: 'Renamed', username: '', password: '' }),
    });
    const endpoint = 'https://lrs.example/xapi/';
    expect((await stored()).destinations).toEqual([
      { ...MINE, name: 'Renamed', endpoint, xapiVersion: 'auto' },
    ]);
    await ask({
      type: 'destination/save',
      destination: draft({ id: 'mine-1', auth: 'token', token: TOKEN, username: '', password: '' }),
    });
    expect((await stored()).destinations).toEqual([
      { id: 'mine-1', name: 'Personal', endpoint, token: TOKEN, xapiVersion: 'auto' },
    ]);
  });

  it('removes one, and refuses unknown ids and organisation-only changes', async () => {
    expect(await ask({ type: 'destination/remove', id: 'acme' })).toEqual({ ok: false, error: 'not-found' });
    expect(await ask({ type: 'destination/save', destination: draft({ id: 'acme' }) })).toEqual({
      ok: false,
      error: 'not-found',
    });
    expect(await ask({ type: 'destination/remove', id: 'mine-1' })).toEqual({ ok: true });
    expect((await stored()).destinations).toBeUndefined();

    await fakeBrowser.storage.managed.set({ allowLearnerDestinations: false });
    expect(await ask({ type: 'destination/save', destination: draft() })).toEqual({
      ok: false,
      error: 'not-allowed',
    });
  });
});

describe('destination/test against a real HTTP server', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ url: string; auth?: string; version?: string }> = [];
  let aboutBody = JSON.stringify({ version: ['1.0.3', '2.0.0'] });

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        url: req.url ?? '',
        auth: req.headers.authorization,
        version: req.headers['x-experience-api-version'] as string | undefined,
      });
      if (req.url === '/xapi/about') {
        res.writeHead(200, { 'Content-Type': aboutBody.startsWith('<') ? 'text/html' : 'application/json' });
        res.end(aboutBody);
        return;
      }
      if (req.headers.authorization === `Basic ${Buffer.from('writer:secret').toString('base64')}`) {
        res.writeHead(403, { 'Content-Type': 'application/json' }); // a write-only key (docs/policy.md)
        res.end(JSON.stringify({ message: 'Forbidden: no read permission' }));
        return;
      }
      const good = `Basic ${Buffer.from('me:secret').toString('base64')}`;
      if (req.headers.authorization !== good && req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'Unauthorised' }));
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'No statement found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    aboutBody = JSON.stringify({ version: ['1.0.3', '2.0.0'] });
  });

  const test = (d: Partial<DestinationDraft>) =>
    ask<Record<string, unknown>>({ type: 'destination/test', destination: draft({ endpoint: base, ...d }) });

  it('reads /about, checks the credentials, and stores nothing', async () => {
    const before = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(await test({})).toEqual({ ok: true, versions: ['1.0.3', '2.0.0'] });
    expect(seen.map((s) => s.url)).toEqual(['/xapi/about', '/xapi/statements?statementId=0123456789abcdef']);
    expect(seen[1]!.version).toBe('2.0.0');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe(before);
  });

  it('reports rejected credentials', async () => {
    expect(await test({ password: 'wrong' })).toEqual({
      ok: false,
      problem: 'credentials',
      versions: ['1.0.3', '2.0.0'],
      detail: 'HTTP 401: Unauthorised',
    });
  });

  it('accepts a write-only key: 403 on the read means known but not allowed to read, 401 means rejected', async () => {
    expect(await test({ username: 'writer' })).toEqual({
      ok: true,
      versions: ['1.0.3', '2.0.0'],
      writeOnly: true,
    });
    expect(await test({ username: 'stranger' })).toMatchObject({ ok: false, problem: 'credentials' });
  });

  it('uses the stored secret of the destination being edited when the fields are blank', async () => {
    await fakeBrowser.storage.local.set({
      learnerSettings: { destinations: [{ id: 'mine-1', endpoint: base, token: TOKEN }] },
    });
    const result = await test({ id: 'mine-1', auth: 'token', token: '', username: '', password: '' });
    expect(result.ok).toBe(true);
    expect(seen[1]!.auth).toBe(`Bearer ${TOKEN}`);
  });

  it('explains an endpoint that is not an LRS, a version it does not speak, and bad values', async () => {
    aboutBody = '<!doctype html><title>Sign in</title>';
    expect(await test({})).toMatchObject({ ok: false, problem: 'about' });
    aboutBody = JSON.stringify({ version: ['1.0.3'] });
    expect(await test({ xapiVersion: '2.0.0' })).toEqual({
      ok: false,
      problem: 'version',
      versions: ['1.0.3'],
      detail: '2.0.0',
    });
    const invalid = await test({ endpoint: 'not a url' });
    expect(invalid).toMatchObject({ ok: false, problem: 'invalid' });
    expect((invalid.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(['endpoint']);
    // Basic credentials in clear text off this computer: refused before any request, saying why.
    const before = seen.length;
    const clear = await test({ endpoint: 'http://lrs.example/xapi/' });
    expect(clear).toMatchObject({ ok: false, problem: 'invalid' });
    const messages = (clear.issues as Array<{ path: string; message: string }>).map((i) => i.message);
    expect(messages).toEqual([
      expect.stringContaining('expected an https:// URL (http:// only on this computer'),
    ]);
    expect(seen.length).toBe(before);
  });

  it('reports an LRS that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await test({ endpoint: `http://127.0.0.1:${port}/xapi/` });
    expect(result).toMatchObject({ ok: false, problem: 'network' });
    expect(result.detail).toContain(`could not reach the LRS at http://127.0.0.1:${port}/xapi/`);
  });
});

describe('settings export and import', () => {
  it('exports the learner’s own settings without credentials', async () => {
    await fakeBrowser.storage.local.set({
      learnerSettings: { destinations: [MINE], capture: { holdMinutes: 3 }, allowLearnerDestinations: false },
    });
    expect(await ask({ type: 'settings/export' })).toEqual({
      document: {
        destinations: [{ id: 'mine-1', name: 'My LRS', endpoint: 'https://lrs.mine.example/xapi/' }],
        capture: { holdMinutes: 3 },
      },
    });
  });

  it('lists valid and invalid keys first, and applies the valid ones only when asked', async () => {
    const file = JSON.stringify({
      capture: { holdMinutes: 20, mediaMinPercent: 'lots', blockedDomains: ['a.example'] },
      learner: { name: 'Ada' },
      // As exported: no credentials; the stored ones of the same id are kept.
      destinations: [{ id: 'mine-1', name: 'Mine, renamed', endpoint: 'https://lrs.mine.example/xapi/' }],
      allowLearnerDestinations: true,
      captur: {},
    });
    const preview = await ask<Record<string, unknown>>({ type: 'settings/import', text: file, apply: false });
    expect(preview).toMatchObject({
      ok: true,
      applied: false,
      keys: ['learner.name', 'capture.holdMinutes', 'capture.blockedDomains', 'destinations[mine-1]'],
      ignored: ['allowLearnerDestinations'],
    });
    expect((preview.issues as Array<{ path: string }>).map((i) => i.path)).toEqual([
      'captur',
      'capture.mediaMinPercent',
    ]);
    expect(await stored()).toEqual({ destinations: [MINE], capture: { holdMinutes: 3 } });

    expect(preview.destinations).toEqual([
      { id: 'mine-1', name: 'Mine, renamed', endpoint: 'https://lrs.mine.example/xapi/', secret: 'kept' },
    ]);
    // Applying needs the addresses the learner saw.
    expect(await ask({ type: 'settings/import', text: file, apply: true })).toMatchObject({
      applied: false,
      error: expect.stringContaining('not confirmed') as unknown,
    });
    expect(await stored()).toEqual({ destinations: [MINE], capture: { holdMinutes: 3 } });
    expect(syncs).toBe(0);
    await ask({
      type: 'settings/import',
      text: file,
      apply: true,
      confirmed: ['https://lrs.mine.example/xapi/'],
    });
    expect(await stored()).toEqual({
      destinations: [{ ...MINE, name: 'Mine, renamed' }],
      capture: { holdMinutes: 20, blockedDomains: ['a.example'] },
      learner: { name: 'Ada' },
    });
    expect(syncs).toBe(1);
  });

  it('never sends the saved key to an address a crafted file put under its id', async () => {
    const file = JSON.stringify({
      destinations: [{ id: 'mine-1', name: 'My LRS', endpoint: 'https://attacker.example/xapi/' }],
    });
    const preview = await ask<Record<string, unknown>>({ type: 'settings/import', text: file, apply: false });
    expect(preview.destinations).toEqual([
      { id: 'mine-1', name: 'My LRS', endpoint: 'https://attacker.example/xapi/', secret: 'not-reused' },
    ]);
    expect(JSON.stringify(preview.issues)).toContain('destinations');
    await ask({
      type: 'settings/import',
      text: file,
      apply: true,
      confirmed: ['https://attacker.example/xapi/'],
    });
    // Without a key of its own the entry is invalid and nothing is applied: the key stays with its own address.
    expect(await stored()).toEqual({ destinations: [MINE], capture: { holdMinutes: 3 } });
    // Same origin, another path: the key is the learner's own server's, so it is kept.
    const moved = JSON.stringify({
      destinations: [{ id: 'mine-1', endpoint: 'https://lrs.mine.example/v2/xapi/' }],
    });
    await ask({
      type: 'settings/import',
      text: JSON.stringify({ destinations: [MINE] }),
      apply: true,
      confirmed: [MINE.endpoint],
    });
    const again = await ask<Record<string, unknown>>({ type: 'settings/import', text: moved, apply: false });
    expect((again.destinations as Array<{ secret: string }>)[0]!.secret).toBe('kept');
  });

  it('says what is wrong with a file that is not JSON, and changes nothing', async () => {
    const result = await ask<Record<string, unknown>>({ type: 'settings/import', text: 'nope', apply: true });
    expect(result).toMatchObject({ applied: false, keys: [] });
    expect((result.issues as Array<{ message: string }>)[0]!.message).toContain('not valid JSON');
    expect(await stored()).toEqual({ destinations: [MINE], capture: { holdMinutes: 3 } });
  });
});
