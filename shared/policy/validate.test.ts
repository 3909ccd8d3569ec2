import { describe, expect, it } from 'vitest';
import { POLICY_MD_SAMPLE } from './test-fixtures/policy-md-sample';
import { validatePolicy } from './validate';
import type { PolicyIssue } from './types';

const messages = (issues: PolicyIssue[]) => issues.map((issue) => issue.message);
const paths = (issues: PolicyIssue[]) => issues.map((issue) => issue.path);

describe('validatePolicy: the docs/policy.md sample', () => {
  it('validates with zero issues and keeps every key', () => {
    const { document, issues } = validatePolicy(POLICY_MD_SAMPLE);
    expect(issues).toEqual([]);
    expect(document).toEqual(JSON.parse(POLICY_MD_SAMPLE));
  });

  it('gives the same result for the parsed object as for the JSON text', () => {
    expect(validatePolicy(JSON.parse(POLICY_MD_SAMPLE))).toEqual(validatePolicy(POLICY_MD_SAMPLE));
  });

  it('accepts an empty document and treats "no document" as empty', () => {
    expect(validatePolicy({})).toEqual({ document: {}, issues: [] });
    expect(validatePolicy(undefined)).toEqual({ document: {}, issues: [] });
  });
});

describe('validatePolicy: each constraint names the key and what was expected', () => {
  const cases: [string, unknown, string][] = [
    [
      'capture.holdMinutes',
      { capture: { holdMinutes: 'ten' } },
      'capture.holdMinutes: expected a whole number from 0 to 10080, got "ten"',
    ],
    [
      'capture.holdMinutes',
      { capture: { holdMinutes: 10081 } },
      'capture.holdMinutes: expected a whole number from 0 to 10080, got 10081',
    ],
    [
      'capture.holdMinutes',
      { capture: { holdMinutes: -1 } },
      'capture.holdMinutes: expected a whole number from 0 to 10080, got -1',
    ],
    [
      'capture.articleMinSeconds',
      { capture: { articleMinSeconds: 2.5 } },
      'capture.articleMinSeconds: expected a whole number from 0 to 86400, got 2.5',
    ],
    [
      'capture.mediaMinSeconds',
      { capture: { mediaMinSeconds: null } },
      'capture.mediaMinSeconds: expected a whole number from 0 to 86400, got null',
    ],
    [
      'capture.mediaMinPercent',
      { capture: { mediaMinPercent: 101 } },
      'capture.mediaMinPercent: expected a whole number from 0 to 100, got 101',
    ],
    [
      'capture.enabled',
      { capture: { enabled: 'yes' } },
      'capture.enabled: expected true or false, got "yes"',
    ],
    [
      'capture.reviewBeforeSync',
      { capture: { reviewBeforeSync: 1 } },
      'capture.reviewBeforeSync: expected true or false, got 1',
    ],
    [
      'capture.keepQueryStrings',
      { capture: { keepQueryStrings: 'false' } },
      'capture.keepQueryStrings: expected true or false, got "false"',
    ],
    [
      'capture.kinds[1]',
      { capture: { kinds: ['article', 'book'] } },
      'capture.kinds[1]: expected one of "article", "video", "audio", got "book"',
    ],
    [
      'capture.kinds',
      { capture: { kinds: 'article' } },
      'capture.kinds: expected a list (each one of "article", "video", "audio"), got "article"',
    ],
    [
      'capture.blockedDomains[0]',
      { capture: { blockedDomains: ['https://bank.example/login'] } },
      'capture.blockedDomains[0]: expected a domain name such as "bank.example", without scheme, port or path (write just "bank.example"), got "https://bank.example/login"',
    ],
    [
      'capture.allowedDomains[0]',
      { capture: { allowedDomains: ['bad domain'] } },
      'capture.allowedDomains[0]: expected a domain name such as "bank.example", without scheme, port or path, got "bad domain"',
    ],
    [
      'capture.allowedPrivateHosts[1]',
      { capture: { allowedPrivateHosts: ['wiki', '10.1.0.0/8'] } },
      'capture.allowedPrivateHosts[1]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" (bits are set past the /8 prefix; the range is "10.0.0.0/8"), got "10.1.0.0/8"',
    ],
    [
      'capture.allowedPrivateHosts[0]',
      { capture: { allowedPrivateHosts: ['fd00::/129'] } },
      'capture.allowedPrivateHosts[0]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" (the prefix length after "/" must be a whole number from 0 to 128), got "fd00::/129"',
    ],
    [
      'capture.allowedPrivateHosts[0]',
      { capture: { allowedPrivateHosts: ['http://wiki.internal/home'] } },
      'capture.allowedPrivateHosts[0]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" (write just "wiki.internal"), got "http://wiki.internal/home"',
    ],
    [
      'capture.allowedPrivateHosts[0]',
      { capture: { allowedPrivateHosts: ['www.example.com'] } },
      'capture.allowedPrivateHosts[0]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" (a public name is captured anyway;',
    ],
    [
      'capture.allowedPrivateHosts[0]',
      { capture: { allowedPrivateHosts: ['192.168.1'] } },
      'capture.allowedPrivateHosts[0]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" (write the address as four numbers such as "192.168.0.1", or a range such as "10.0.0.0/8"), got "192.168.1"',
    ],
    [
      'capture.allowedPrivateHosts[1]',
      { capture: { allowedPrivateHosts: ['localhost:8080', '[::1]:8080'] } },
      'capture.allowedPrivateHosts[1]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" (without a port: write "[::1]"), got "[::1]:8080"',
    ],
    [
      'capture.allowedPrivateHosts[0]',
      { capture: { allowedPrivateHosts: ['999.1.1.1/8'] } },
      'capture.allowedPrivateHosts[0]: expected a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8" ("999.1.1.1" is not an IP address), got "999.1.1.1/8"',
    ],
    [
      'destinations[0].endpoint',
      { destinations: [{ id: 'a', endpoint: 'http://lrs.acme.example/xapi/', token: 't' }] },
      'destinations[0].endpoint: expected an https:// URL (http:// only on this computer: localhost, 127.0.0.0/8 or [::1]; elsewhere the LRS key would travel in clear text), got "http://lrs.acme.example/xapi/"',
    ],
    [
      'destinations[1].endpoint',
      {
        destinations: [
          { id: 'a', endpoint: 'http://127.0.0.1:8080/xapi/', token: 't' },
          { id: 'b', endpoint: 'http://10.0.0.5/xapi/', token: 't' },
        ],
      },
      'destinations[1].endpoint: expected an https:// URL (http:// only on this computer',
    ],
    [
      'allowLearnerDestinations',
      { allowLearnerDestinations: 'no' },
      'allowLearnerDestinations: expected true or false, got "no"',
    ],
    [
      'learner.email',
      { learner: { email: 'ada at acme' } },
      'learner.email: expected an e-mail address such as "ada@example.org", got "ada at acme"',
    ],
    [
      'learner.email',
      { learner: { email: 'mailto:ada@acme.example' } },
      'learner.email: expected an e-mail address such as "ada@example.org" (without "mailto:"), got "mailto:ada@acme.example"',
    ],
    [
      'learner.accountHomePage',
      { learner: { accountHomePage: 'sso.acme.example' } },
      'learner.accountHomePage: expected an absolute http(s) URL such as "https://sso.example", got "sso.acme.example"',
    ],
    ['learner.name', { learner: { name: '   ' } }, 'learner.name: expected a non-empty text, got "   "'],
    [
      'learner.mustIdentify',
      { learner: { mustIdentify: 'true' } },
      'learner.mustIdentify: expected true or false',
    ],
    [
      'skills.customBaseIri',
      { skills: { customBaseIri: 'urn:acme:skills' } },
      'skills.customBaseIri: expected an absolute http(s) IRI such as "https://skills.example/custom/", got "urn:acme:skills"',
    ],
    [
      'skills.allowCustom',
      { skills: { allowCustom: 0 } },
      'skills.allowCustom: expected true or false, got 0',
    ],
    [
      'skills.frameworks[0].skills[0].id',
      { skills: { frameworks: [{ id: 'f', name: 'F', skills: [{ id: 'negotiation', name: 'N' }] }] } },
      'skills.frameworks[0].skills[0].id: expected an absolute http(s) IRI',
    ],
    [
      'skills.frameworks[0].id',
      { skills: { frameworks: [{ id: 'custom', name: 'F', skills: [] }] } },
      'skills.frameworks[0].id: "custom" is reserved',
    ],
    [
      'skills.frameworks[0]',
      { skills: { frameworks: [{ id: 'f', name: 'F' }] } },
      'skills.frameworks[0]: expected either skills, or url and format, got none of them',
    ],
    [
      'destinations[0].endpoint',
      { destinations: [{ id: 'a', endpoint: 'ftp://lrs.example/', token: 't' }] },
      'destinations[0].endpoint: expected an absolute http(s) URL such as "https://lrs.example/xapi/", got "ftp://lrs.example/"',
    ],
    [
      'destinations[0].endpoint',
      { destinations: [{ id: 'a', endpoint: '/xapi/', token: 't' }] },
      'destinations[0].endpoint: expected an absolute http(s) URL',
    ],
    [
      'destinations[0].endpoint',
      { destinations: [{ id: 'a', endpoint: 'https://lrs.example/xapi/?x=1', token: 't' }] },
      'destinations[0].endpoint: expected an endpoint URL without "?" query or "#" fragment',
    ],
    [
      'destinations[0].endpoint',
      { destinations: [{ id: 'a', endpoint: 'https://key:secret@lrs.example/xapi/', token: 't' }] },
      'destinations[0].endpoint: expected a URL without credentials in it',
    ],
    [
      'destinations[0].endpoint',
      { destinations: [{ id: 'a', token: 't' }] },
      'destinations[0].endpoint: missing; expected an absolute http(s) URL',
    ],
    [
      'destinations[0].id',
      { destinations: [{ id: 'a b', endpoint: 'https://lrs.example/', token: 't' }] },
      'destinations[0].id: expected an id made of letters, digits, ".", "_" or "-", got "a b"',
    ],
    [
      'destinations[0].xapiVersion',
      { destinations: [{ id: 'a', endpoint: 'https://lrs.example/', token: 't', xapiVersion: '2.0' }] },
      'destinations[0].xapiVersion: expected one of "auto", "1.0.3", "2.0.0", got "2.0"',
    ],
    [
      'destinations[0]',
      { destinations: [{ id: 'a', endpoint: 'https://lrs.example/', username: 'key' }] },
      'destinations[0]: expected either username and password, or token, got username',
    ],
    [
      'destinations[0]',
      { destinations: [{ id: 'a', endpoint: 'https://lrs.example/' }] },
      'destinations[0]: expected either username and password, or token, got none of them',
    ],
    [
      'destinations[0]',
      {
        destinations: [
          { id: 'a', endpoint: 'https://lrs.example/', username: 'k', password: 's', token: 't' },
        ],
      },
      'destinations[0]: expected either username and password, or token, got username, password, token',
    ],
    [
      'destinations[1]',
      {
        destinations: [
          { id: 'a', endpoint: 'https://one.example/', token: 't' },
          { id: 'a', endpoint: 'https://two.example/', token: 't' },
        ],
      },
      'destinations[1]: duplicate of destinations[0] ("a"), ignored',
    ],
  ];

  it.each(cases)('%s', (path, input, message) => {
    const { issues } = validatePolicy(input);
    const issue = issues.find((candidate) => candidate.path === path);
    expect(issue, `no issue at ${path}: ${JSON.stringify(issues)}`).toBeDefined();
    expect(issue?.message).toContain(message);
    expect(issue?.message.startsWith(`${path}: `)).toBe(true);
  });
});

describe('validatePolicy: invalid keys are dropped, valid siblings apply', () => {
  it('keeps the valid leaves of a group with an invalid one', () => {
    const { document, issues } = validatePolicy({
      capture: { holdMinutes: 'ten', articleMinSeconds: 45, enabled: false },
      learner: { email: 'nope', name: 'Ada' },
    });
    expect(document).toEqual({
      capture: { articleMinSeconds: 45, enabled: false },
      learner: { name: 'Ada' },
    });
    expect(paths(issues)).toEqual(['learner.email', 'capture.holdMinutes']);
  });

  it('drops an invalid destination whole, keeps the others, and says so', () => {
    const { document, issues } = validatePolicy({
      destinations: [
        { id: 'good', endpoint: 'https://lrs.example/xapi', token: 't' },
        { id: 'bad', endpoint: 'https://lrs2.example/xapi/', token: 't', xapiVersion: '9' },
        { id: 'also-good', endpoint: 'http://127.0.0.1:8080/xAPI/', username: 'k', password: 's' },
      ],
    });
    expect(document.destinations?.map((destination) => destination.id)).toEqual(['good', 'also-good']);
    expect(messages(issues)).toContain(
      'destinations[1]: this entry (id "bad") was ignored because of the problem above',
    );
  });

  it('drops an invalid list item alone', () => {
    const { document, issues } = validatePolicy({
      capture: { blockedDomains: ['bank.example', 42, 'https://x.example/', 'health.example'] },
    });
    expect(document.capture?.blockedDomains).toEqual(['bank.example', 'health.example']);
    expect(paths(issues)).toEqual(['capture.blockedDomains[1]', 'capture.blockedDomains[2]']);
  });

  it('drops an invalid skill alone but an invalid framework whole', () => {
    const { document } = validatePolicy({
      skills: {
        frameworks: [
          {
            id: 'acme',
            name: 'Acme',
            skills: [
              { id: 'https://s.example/1', name: 'One', altNames: ['uno', 7] },
              { id: 'https://s.example/2' },
              { id: 'https://s.example/3', name: 'Three' },
            ],
          },
          { id: 'broken', name: 5, skills: [] },
        ],
      },
    });
    expect(document.skills?.frameworks).toEqual([
      {
        id: 'acme',
        name: 'Acme',
        skills: [
          { id: 'https://s.example/1', name: 'One', altNames: ['uno'] },
          { id: 'https://s.example/3', name: 'Three' },
        ],
      },
    ]);
  });

  it('reports unknown keys without failing, and suggests the key probably meant', () => {
    const { document, issues } = validatePolicy({
      capture: { holdMinuts: 3, HoldMinutes: 4, enabled: true },
      colour: 'blue',
    });
    expect(document).toEqual({ capture: { enabled: true } });
    expect(messages(issues)).toEqual([
      'colour: unknown key, ignored',
      'capture.holdMinuts: unknown key, ignored (did you mean "holdMinutes"?)',
      'capture.HoldMinutes: unknown key, ignored (did you mean "holdMinutes"?)',
    ]);
  });

  it('explains why destinations cannot be recommended', () => {
    const { document, issues } = validatePolicy({
      recommended: { destinations: [], capture: { holdMinutes: 10 } },
    });
    expect(document).toEqual({ recommended: { capture: { holdMinutes: 10 } } });
    expect(messages(issues)).toEqual([
      'recommended.destinations: destinations cannot be recommended; list them at the top level; ignored',
    ]);
  });

  it('keeps unknown keys in a destination from dropping it', () => {
    const { document, issues } = validatePolicy({
      destinations: [{ id: 'a', endpoint: 'https://lrs.example/', token: 't', port: 443 }],
    });
    expect(document.destinations).toHaveLength(1);
    expect(messages(issues)).toEqual(['destinations[0].port: unknown key, ignored']);
  });
});

describe('validatePolicy: http:// endpoints', () => {
  it.each([
    'http://localhost:8080/xapi/',
    'http://127.0.0.1/xapi/',
    'http://127.9.9.9:1/xapi/',
    'http://[::1]:8080/xapi/',
    'http://[::ffff:127.0.0.1]/xapi/',
    'https://lrs.acme.example/xapi/',
  ])('accepts %s', (endpoint) => {
    const { issues } = validatePolicy({ destinations: [{ id: 'a', endpoint, token: 't' }] });
    expect(issues).toEqual([]);
  });

  it.each([
    'http://lrs.acme.example/xapi/',
    'http://lrs.localhost/xapi/',
    'http://192.168.1.5/xapi/',
    'http://0.0.0.0/xapi/',
    'http://[::]/xapi/',
    'http://[::ffff:10.0.0.1]/xapi/',
  ])('refuses %s and drops the destination, naming the key', (endpoint) => {
    const { document, issues } = validatePolicy({ destinations: [{ id: 'a', endpoint, token: 't' }] });
    expect(document.destinations).toEqual([]);
    expect(issues[0]?.path).toBe('destinations[0].endpoint');
    expect(issues[0]?.message).toContain('destinations[0].endpoint: expected an https:// URL');
  });
});

describe('validatePolicy: normalisation', () => {
  it('adds a final slash to endpoints and keeps identities exactly as written', () => {
    const { document } = validatePolicy({
      destinations: [{ id: 'a', endpoint: '  https://LRS.example/xAPI ', token: 't' }],
      learner: { accountHomePage: 'https://sso.acme.example', email: 'Ada@Acme.example' },
    });
    expect(document.destinations?.[0]?.endpoint).toBe('https://lrs.example/xAPI/');
    expect(document.learner).toEqual({
      accountHomePage: 'https://sso.acme.example',
      email: 'Ada@Acme.example',
    });
  });

  it('lower-cases domains, drops "*." and a final dot, converts IDN to ASCII', () => {
    const { document, issues } = validatePolicy({
      capture: {
        blockedDomains: ['Bank.Example.', '*.health.example', 'bücher.example', '127.0.0.1', 'localhost'],
      },
    });
    expect(issues).toEqual([]);
    expect(document.capture?.blockedDomains).toEqual([
      'bank.example',
      'health.example',
      'xn--bcher-kva.example',
      '127.0.0.1',
      'localhost',
    ]);
  });

  it('ends a custom base IRI with a slash and refuses a fragment', () => {
    expect(validatePolicy({ skills: { customBaseIri: 'https://s.example/custom' } }).document).toEqual({
      skills: { customBaseIri: 'https://s.example/custom/' },
    });
    expect(validatePolicy({ skills: { customBaseIri: 'https://s.example/skills#' } }).issues).toEqual([
      {
        path: 'skills.customBaseIri',
        message:
          'skills.customBaseIri: expected a base IRI without "?" query or "#" fragment, got "https://s.example/skills#"',
      },
    ]);
  });

  it('never trims or echoes credentials', () => {
    const { document, issues } = validatePolicy({
      destinations: [
        { id: 'a', endpoint: 'https://lrs.example/', username: ' key', password: 'se cret ' },
        { id: 'b', endpoint: 'https://lrs.example/', username: 'key', password: 123456 },
      ],
    });
    expect(document.destinations?.[0]).toMatchObject({ username: ' key', password: 'se cret ' });
    expect(messages(issues)[0]).toBe('destinations[1].password: expected a non-empty text, got a number');
    expect(JSON.stringify(issues)).not.toContain('123456');
  });
});

describe('validatePolicy: JSON text', () => {
  it('reports a syntax error as one issue with the parser message and applies nothing', () => {
    const { document, issues } = validatePolicy(
      '{"capture": {"holdMinutes": 5,}}',
      '/etc/trailnote/policy.json',
    );
    expect(document).toEqual({});
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('');
    expect(issues[0]?.source).toBe('/etc/trailnote/policy.json');
    expect(issues[0]?.message).toMatch(/^policy document: not valid JSON \(.+\); nothing in it was applied$/);
  });

  it('reports an empty file', () => {
    expect(messages(validatePolicy('  \n').issues)).toEqual([
      'policy document: empty; expected a JSON object',
    ]);
  });

  it('accepts a byte order mark (Notepad)', () => {
    expect(validatePolicy('\uFEFF{"capture": {"enabled": false}}')).toEqual({
      document: { capture: { enabled: false } },
      issues: [],
    });
  });

  it('rejects JSON that is not an object', () => {
    expect(messages(validatePolicy('[1, 2]').issues)).toEqual([
      'policy document: expected an object, got a list of 2',
    ]);
    expect(messages(validatePolicy('"text"').issues)).toEqual([
      'policy document: expected an object, got "text"',
    ]);
  });
});

describe('validatePolicy: hostile input never throws', () => {
  const hostile: [string, unknown][] = [
    ['null', null],
    ['an array', [{ capture: {} }]],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['a function', () => ({})],
    ['a symbol', Symbol('policy')],
    ['a bigint', 10n],
    ['a Date', new Date()],
    ['null groups', { capture: null, learner: null, skills: null, destinations: null, recommended: null }],
    ['arrays for groups', { capture: [], learner: [1], skills: [[]], recommended: [] }],
    [
      'huge numbers',
      { capture: { holdMinutes: 1e308, articleMinSeconds: Infinity, mediaMinPercent: -Infinity } },
    ],
    [
      'non-string endpoints',
      { destinations: [{ id: 'a', endpoint: { href: 'https://x.example/' }, token: 't' }] },
    ],
    ['endpoint arrays', { destinations: [{ id: 'a', endpoint: ['https://x.example/'], token: 't' }] }],
    ['deeply nested junk', { capture: nest(10_000), unknown: nest(10_000) }],
    ['a very long string', { learner: { name: 'x'.repeat(1_000_000) } }],
    ['sparse lists', { capture: { kinds: Object.assign(new Array<string>(3), { 1: 'article' }) } }],
    ['deeply nested JSON text', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['a throwing getter', throwingGetter()],
    ['a revoked proxy', revokedProxy()],
  ];

  it.each(hostile)('%s', (_name, input) => {
    const result = validatePolicy(input);
    expect(result.document).toBeTypeOf('object');
    expect(Array.isArray(result.issues)).toBe(true);
  });

  it('does not let __proto__ or constructor keys pollute anything', () => {
    const input: unknown = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},' +
        ' "capture": {"__proto__": {"enabled": false}},' +
        ' "destinations": [{"id": "a", "endpoint": "https://x.example/", "token": "t", "__proto__": {"admin": true}}]}',
    );
    const { document, issues } = validatePolicy(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(document.capture).toEqual({});
    expect(document.capture?.enabled).toBeUndefined();
    expect(Object.getPrototypeOf(document.capture)).toBe(Object.prototype);
    expect((document.destinations?.[0] as Record<string, unknown> | undefined)?.admin).toBeUndefined();
    expect(paths(issues)).toEqual([
      '__proto__',
      'constructor',
      'destinations[0].__proto__',
      'capture.__proto__',
    ]);
  });

  it('ignores inherited keys', () => {
    const input: unknown = Object.create({ capture: { enabled: false } });
    expect(validatePolicy(input)).toEqual({ document: {}, issues: [] });
  });

  it('reports an unreadable document instead of throwing', () => {
    const { document, issues } = validatePolicy(throwingGetter());
    expect(document).toEqual({});
    expect(messages(issues)).toEqual(['policy document: could not be read (boom); it was ignored']);
  });

  it('caps long lists and many unknown keys', () => {
    const manyKeys = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, index]));
    const { document, issues } = validatePolicy({
      capture: { blockedDomains: Array.from({ length: 10_005 }, (_, index) => `d${index}.example`) },
      ...manyKeys,
    });
    expect(document.capture?.blockedDomains).toHaveLength(10_000);
    expect(messages(issues)).toContain(
      'capture.blockedDomains: too many entries (10005); kept the first 10000',
    );
    expect(messages(issues)).toContain('policy document: 4980 more unknown keys, ignored');
    expect(issues.length).toBeLessThan(30);
  });
});

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let index = 0; index < depth; index += 1) value = { capture: value, list: [value] };
  return value;
}

function throwingGetter(): unknown {
  return Object.defineProperty({}, 'capture', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
}

function revokedProxy(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
