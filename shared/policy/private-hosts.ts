/**
 * `capture.allowedPrivateHosts` (docs/policy.md § Meaning): the private hosts an admin (or learner) reopens to
 * capture. Entries are host names (the name and its subdomains, as in the domain lists), IP addresses or CIDR
 * ranges, IPv4 or IPv6. An IPv4 range also matches the same addresses written inside IPv6 (`[::ffff:a00:1]`).
 */
import { formatIpRange, parseIp, parseIpRange, rangeContains, type IpRange } from '../net/ip';
import { hostOfText, privateHostKind } from '../net/host';

export const PRIVATE_HOST_EXPECTATION =
  'a host name, IP address or CIDR range such as "wiki.internal", "192.168.1.20" or "10.0.0.0/8"';

export type PrivateHostCheck = { ok: true; value: string } | { ok: false; expected: string };

/** Checks and normalises one entry; a refusal says what is wrong with it in admin terms. */
export function checkPrivateHostEntry(raw: string): PrivateHostCheck {
  const text = raw.trim().toLowerCase();
  const refuse = (why: string): PrivateHostCheck => ({
    ok: false,
    expected: `${PRIVATE_HOST_EXPECTATION} (${why})`,
  });
  if (text.includes('/') && !/^[[\]0-9a-f:.]+\/\d*$/.test(text)) {
    const host = /^[a-z][a-z0-9+.-]*:\/\//.test(text) ? hostOfUrl(text) : undefined;
    return refuse(host ? `write just "${host}"` : 'a range is an address, "/" and a prefix length');
  }
  const port = /^(\[[0-9a-f:.]+\]|[^:]+):\d+$/.exec(text);
  if (port) return refuse(`without a port: write "${port[1] ?? ''}"`);
  const range = rangeOf(text);
  if (range) {
    if (!range.ok) return refuse(range.problem);
    return { ok: true, value: formatIpRange(range.range) };
  }
  const name = text.startsWith('*.') ? text.slice(2) : text;
  const host = hostOfText(name);
  if (host === undefined) return refuse('not a host name');
  if (parseIp(host)) {
    // "10" or "0x7f.1" are addresses to a browser, but an admin writing them meant something else.
    return refuse(`write the address as four numbers such as "${host}", or a range such as "10.0.0.0/8"`);
  }
  if (privateHostKind(host) === undefined) {
    return refuse(
      'a public name is captured anyway; this list only reopens loopback, private and link-local addresses, ' +
        '.local/.internal names and single-label hosts',
    );
  }
  return { ok: true, value: host };
}

/** Whether `hostname` (as `URL#hostname` gives it) is listed in `entries`. */
export function isAllowedPrivateHost(hostname: string, entries: readonly string[]): boolean {
  if (entries.length === 0) return false;
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  const address = parseIp(host);
  return entries.some((entry) => {
    const range = rangeOf(entry.trim().toLowerCase());
    if (range) return range.ok && address !== undefined && rangeContains(range.range, address);
    if (address) return false;
    const name = entry.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return name !== '' && (host === name || host.endsWith(`.${name}`));
  });
}

/** An entry written as an address or range (IPv6 with or without brackets), or undefined for a name. */
function rangeOf(text: string): { ok: true; range: IpRange } | { ok: false; problem: string } | undefined {
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const bare = addressText.replace(/^\[(.*)\]$/, '$1');
  const looksLikeAddress = bare.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(bare);
  if (!looksLikeAddress && slash === -1) return undefined;
  if (!parseIp(bare)) return { ok: false, problem: `"${addressText}" is not an IP address` };
  return parseIpRange(slash === -1 ? bare : `${bare}${text.slice(slash)}`);
}

function hostOfUrl(text: string): string | undefined {
  try {
    const { hostname } = new URL(text);
    return hostname === '' ? undefined : hostname;
  } catch {
    return undefined;
  }
}
