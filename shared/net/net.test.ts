import { describe, expect, it } from 'vitest';
import { hostOfText, isLoopbackHost, privateHostKind } from './host';
import { embeddedIpv4, formatIp, nonPublicKind, parseIp, parseIpRange, rangeContains } from './ip';
import { registrableDomain, sameSite } from './site';

/** The host a page at `http://<written>/` has, as the browser reports it. */
const hostname = (written: string) => new URL(`http://${written}/`).hostname;

describe('parseIp / formatIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['::1', '::1'],
    ['[0:0:0:0:0:ffff:7f00:1]', '::ffff:7f00:1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['FE80::1', 'fe80::1'],
    ['2001:db8::', '2001:db8::'],
  ])('%s → %s', (text, expected) => {
    const address = parseIp(text);
    expect(address).toBeDefined();
    expect(formatIp(address!)).toBe(expected);
  });

  it.each(['256.0.0.1', '1.2.3', 'example.com', '::g', '1::2::3', 'fe80::1%eth0', '', '[::1'])(
    '%s is not an address',
    (text) => expect(parseIp(text)).toBeUndefined(),
  );
});

describe('CIDR ranges', () => {
  const contains = (range: string, address: string) => {
    const parsed = parseIpRange(range);
    if (!parsed.ok) throw new Error(parsed.problem);
    return rangeContains(parsed.range, parseIp(address)!);
  };

  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['172.16.0.0/12', '172.31.255.255', true],
    ['172.16.0.0/12', '172.32.0.0', false],
    ['192.168.1.0/24', '192.168.1.77', true],
    ['192.168.1.0/24', '192.168.2.1', false],
    ['192.168.1.20', '192.168.1.20', true],
    ['192.168.1.20', '192.168.1.21', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['fd00::/8', 'fd12:3456::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['fe80::/10', 'febf::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['::1', '::1', true],
    // IPv4 written inside IPv6 is the same machine.
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['127.0.0.0/8', '[::ffff:7f00:1]', true],
    ['10.0.0.0/8', '::ffff:11.0.0.1', false],
    ['::ffff:0:0/96', '10.0.0.1', false],
  ])('%s contains %s: %s', (range, address, expected) => {
    expect(contains(range, address)).toBe(expected);
  });

  it.each([
    ['10.0.0.0/33', 'prefix length'],
    ['10.0.0.0/-1', 'prefix length'],
    ['10.0.0.0/', 'prefix length'],
    ['fd00::/129', 'from 0 to 128'],
    ['10.1.0.0/8', 'the range is "10.0.0.0/8"'],
    ['fd00::1/8', 'the range is "fd00::/8"'],
    ['nonsense/8', 'not an IP address'],
  ])('refuses %s (%s)', (range, problem) => {
    const parsed = parseIpRange(range);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });

  it('finds the IPv4 address inside mapped, compatible, NAT64 and 6to4 IPv6 addresses', () => {
    for (const text of ['::ffff:10.0.0.1', '::10.0.0.1', '64:ff9b::10.0.0.1', '2002:a00:1::1']) {
      expect(formatIp(embeddedIpv4(parseIp(text)!)!)).toBe('10.0.0.1');
    }
    expect(embeddedIpv4(parseIp('::1')!)).toBeUndefined();
    expect(embeddedIpv4(parseIp('2001:db8::1')!)).toBeUndefined();
  });
});

describe('privateHostKind: every spelling a page can use', () => {
  it.each([
    // IPv4 loopback in the forms URL parsing normalises: decimal, hex, octal, short.
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['app.localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['[0:0:0:0:0:0:0:1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['012.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['3232235777', 'private'],
    ['100.64.0.1', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['[fc00::1]', 'private'],
    ['[::ffff:192.168.0.1]', 'private'],
    ['[::ffff:c0a8:1]', 'private'],
    ['[64:ff9b::10.0.0.1]', 'private'],
    ['[2002:c0a8:101::1]', 'private'],
    ['169.254.169.254', 'link-local'],
    ['[fe80::1]', 'link-local'],
    ['[::ffff:169.254.0.1]', 'link-local'],
    ['printer.local', 'local-name'],
    ['policies.corp.internal', 'local-name'],
    ['nas.home.arpa', 'local-name'],
    ['wiki.lan', 'local-name'],
    ['wiki', 'single-label'],
    ['intranet', 'single-label'],
  ])('%s is %s', (written, kind) => {
    expect(privateHostKind(hostname(written))).toBe(kind);
  });

  it.each([
    'example.com',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '[2001:4860:4860::8888]',
    '[::ffff:8.8.8.8]',
    'local.example.com',
    'internal.example.org',
    'localhost.example.com',
  ])('%s is public', (written) => {
    expect(privateHostKind(hostname(written))).toBeUndefined();
    expect(nonPublicKind(parseIp(hostname(written)) ?? { version: 4, bytes: [8, 8, 8, 8] })).toBeUndefined();
  });
});

describe('isLoopbackHost (http:// endpoints)', () => {
  it.each(['localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1', '[::ffff:7f00:1]', hostname('0x7f.1')])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each(['lrs.example', '10.0.0.1', '0.0.0.0', '[::]', 'lrs.localhost', '[fe80::1]', '[::ffff:a00:1]'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('hostOfText', () => {
  it.each([
    ['Wiki.Internal.', 'wiki.internal'],
    ['0x7f.1', '127.0.0.1'],
    ['bücher.local', 'xn--bcher-kva.local'],
    ['[::FFFF:127.0.0.1]', '[::ffff:7f00:1]'],
  ])('%s → %s', (text, expected) => expect(hostOfText(text)).toBe(expected));

  it.each(['', 'http://x/', 'a b', 'host:8080', 'user@host'])('%s is not a host', (text) =>
    expect(hostOfText(text)).toBeUndefined(),
  );
});

describe('registrableDomain', () => {
  it.each([
    ['www.example.com', 'example.com'],
    ['a.b.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['bbc.co.uk', 'bbc.co.uk'],
    ['www.abc.net.au', 'abc.net.au'],
    ['alice.github.io', 'alice.github.io'],
    ['docs.alice.github.io', 'alice.github.io'],
    ['acme.sharepoint.com', 'acme.sharepoint.com'],
    ['10.0.0.1', '10.0.0.1'],
    ['[::1]', '[::1]'],
    ['wiki', 'wiki'],
    ['WWW.Example.COM.', 'example.com'],
  ])('%s → %s', (host, expected) => expect(registrableDomain(host)).toBe(expected));

  it('compares sites', () => {
    expect(sameSite('m.example.com', 'www.example.com')).toBe(true);
    expect(sameSite('example.com', 'example.org')).toBe(false);
    expect(sameSite('a.co.uk', 'b.co.uk')).toBe(false);
    expect(sameSite('alice.github.io', 'bob.github.io')).toBe(false);
  });
});
