/**
 * Host names that stay on the learner's machine or network: loopback, private and link-local addresses, and
 * the names that only resolve there (docs/policy.md § Meaning, "never captured unless listed in
 * `allowedPrivateHosts`"). The rule is lexical, on the host as the browser shows it: no DNS lookup (a public
 * name that resolves to a private address is out of reach, and is the admin's to block).
 */
import { nonPublicKind, parseIp, type NonPublicKind } from './ip';

/**
 * Suffixes of names that do not exist in the public DNS and by convention name machines on a local network:
 * `localhost` (RFC 6761), `local` (mDNS), `internal` (reserved for private use by ICANN, 2024), `home.arpa`
 * (RFC 8375), and the unofficial but common `lan`, `intranet`, `corp`, `home`, `localdomain` (never
 * delegated; ICANN withholds `corp` and `home` because of exactly this use).
 */
export const PRIVATE_NAME_SUFFIXES: readonly string[] = [
  'localhost',
  'local',
  'internal',
  'home.arpa',
  'lan',
  'intranet',
  'corp',
  'home',
  'localdomain',
];

export type PrivateHostKind = NonPublicKind | 'local-name' | 'single-label';

/**
 * The host name `URL` would give for `text` (`0x7f.1` → `127.0.0.1`, `[::FFFF:127.0.0.1]` → `[::ffff:7f00:1]`,
 * IDN → punycode, final dot dropped), or undefined when `text` is not a host.
 */
export function hostOfText(text: string): string | undefined {
  const value = text.trim();
  if (value === '' || /[/?#@\s\\]/.test(value)) return undefined;
  try {
    const { hostname, port } = new URL(`http://${value}/`);
    if (port !== '' || hostname === '') return undefined;
    return hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Why `hostname` (as `URL#hostname` gives it) is not a public web site, or undefined when it may be one.
 * Single-label names (`wiki`, `intranet`) are reached only through a local search domain.
 */
export function privateHostKind(hostname: string): PrivateHostKind | undefined {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (host === '') return undefined;
  const address = parseIp(host);
  if (address) return nonPublicKind(address);
  if (!host.includes('.')) return host === 'localhost' ? 'loopback' : 'single-label';
  if (host.endsWith('.localhost')) return 'loopback';
  return PRIVATE_NAME_SUFFIXES.some((suffix) => host.endsWith(`.${suffix}`)) ? 'local-name' : undefined;
}

/**
 * Whether a connection to `hostname` cannot leave this machine: `localhost`, 127.0.0.0/8, `::1` (and IPv4
 * loopback written in IPv6). Subdomains of `localhost` are left out on purpose: Chromium maps them to
 * loopback, but a desktop app resolving through the system may send them to a DNS server.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  const address = parseIp(host);
  if (!address) return false;
  if (address.version === 4) return address.bytes[0] === 127;
  const b = address.bytes;
  const mapped = b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  if (mapped) return b[12] === 127;
  return b.every((x, i) => x === (i === 15 ? 1 : 0));
}
