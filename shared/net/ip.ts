/**
 * IP addresses and CIDR ranges as byte arrays (4 bytes for IPv4, 16 for IPv6), for the private-host rules
 * (docs/policy.md § Meaning, `capture.allowedPrivateHosts`) and the loopback-only `http://` endpoints. Text is
 * read the way `URL` reads a host, so every spelling a page can use (`[::ffff:7f00:1]`, `0x7f.1`, `2130706433`)
 * lands on the same bytes. Platform-free: only `URL`.
 */

export interface IpAddress {
  readonly version: 4 | 6;
  /** Network order; 4 or 16 entries from 0 to 255. */
  readonly bytes: readonly number[];
}

export interface IpRange {
  readonly address: IpAddress;
  /** Leading bits that must match: 0–32 for IPv4, 0–128 for IPv6. */
  readonly prefix: number;
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * The address a host stands for, or undefined for a name. Accepts what `URL#hostname` gives (`127.0.0.1`,
 * `[::1]`) and bare IPv6 text (`::1`, `fe80::1`). IPv4 must be a dotted quad: run other spellings through
 * `URL` first (see `hostOfText`), as the browser does before any page sees them.
 */
export function parseIp(text: string): IpAddress | undefined {
  const host = text.trim().toLowerCase();
  const quad = DOTTED_QUAD.exec(host);
  if (quad) {
    const bytes = quad.slice(1).map(Number);
    return bytes.every((b) => b <= 255) ? { version: 4, bytes } : undefined;
  }
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!bare.includes(':')) return undefined;
  return parseIpv6(bare);
}

function parseIpv6(text: string): IpAddress | undefined {
  // URL validates the address and writes it in one form: lower-case hex groups, `::` compressed, an embedded
  // dotted quad turned into two groups. Zone ids (`%eth0`) are refused there, which suits us: no page has one.
  let normal: string;
  try {
    normal = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = '', tail] = normal.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const before = groupsOf(head);
  const after = tail === undefined ? [] : groupsOf(tail);
  const groups = [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff))
    return undefined;
  return { version: 6, bytes: groups.flatMap((g) => [g >> 8, g & 0xff]) };
}

/** The canonical text of an address: dotted quad, or compressed IPv6 without brackets. */
export function formatIp(address: IpAddress): string {
  if (address.version === 4) return address.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((address.bytes[i] ?? 0) << 8) | (address.bytes[i + 1] ?? 0)).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/**
 * A CIDR range (`10.0.0.0/8`, `fd00::/8`, `[fe80::]/10`) or a single address (a full-length range). Bits
 * past the prefix must be zero, so that what an admin wrote is what is matched (`10.1.0.0/8` is refused).
 */
export function parseIpRange(text: string): { ok: true; range: IpRange } | { ok: false; problem: string } {
  const trimmed = text.trim();
  const slash = trimmed.lastIndexOf('/');
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const address = parseIp(addressText);
  if (!address) return { ok: false, problem: 'not an IP address' };
  const bits = address.bytes.length * 8;
  if (slash === -1) return { ok: true, range: { address, prefix: bits } };
  const prefixText = trimmed.slice(slash + 1);
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) {
    return { ok: false, problem: `the prefix length after "/" must be a whole number from 0 to ${bits}` };
  }
  if (!address.bytes.every((byte, i) => (byte & ~maskByte(prefix, i)) === 0)) {
    const network = formatIp(networkOf(address, prefix));
    return {
      ok: false,
      problem: `bits are set past the /${prefix} prefix; the range is "${network}/${prefix}"`,
    };
  }
  return { ok: true, range: { address, prefix } };
}

export function formatIpRange(range: IpRange): string {
  const full = range.prefix === range.address.bytes.length * 8;
  return full ? formatIp(range.address) : `${formatIp(range.address)}/${range.prefix}`;
}

/**
 * Whether `address` is in `range`. An IPv4 address written inside IPv6 (`::ffff:10.0.0.1` and the other forms
 * of `embeddedIpv4`) is the same machine, so it matches IPv4 ranges too.
 */
export function rangeContains(range: IpRange, address: IpAddress): boolean {
  const candidates = [address, embeddedIpv4(address)];
  return candidates.some(
    (a) =>
      a !== undefined &&
      a.version === range.address.version &&
      a.bytes.every((byte, i) => ((byte ^ (range.address.bytes[i] ?? 0)) & maskByte(range.prefix, i)) === 0),
  );
}

/**
 * The IPv4 address an IPv6 address carries and reaches: IPv4-mapped `::ffff:a.b.c.d`, the deprecated
 * IPv4-compatible `::a.b.c.d` (not `::` or `::1`), NAT64 `64:ff9b::a.b.c.d` and 6to4 `2002:AABB:CCDD::`.
 */
export function embeddedIpv4(address: IpAddress): IpAddress | undefined {
  if (address.version !== 6) return undefined;
  const b = address.bytes;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const last4 = (): IpAddress => ({ version: 4, bytes: b.slice(12, 16) });
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return last4();
  if (zeros(0, 12) && !zeros(12, 15)) return last4();
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return last4();
  if (b[0] === 0x20 && b[1] === 0x02) return { version: 4, bytes: b.slice(2, 6) };
  return undefined;
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.max(0, Math.min(8, prefix - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}

function networkOf(address: IpAddress, prefix: number): IpAddress {
  return { version: address.version, bytes: address.bytes.map((byte, i) => byte & maskByte(prefix, i)) };
}

const range = (text: string): IpRange => {
  const parsed = parseIpRange(text);
  if (!parsed.ok) throw new Error(`bad built-in range ${text}`);
  return parsed.range;
};

/** Where an address leads, when it does not lead to the public internet. */
export type NonPublicKind = 'loopback' | 'private' | 'link-local';

/**
 * Ranges that never reach a public web site (RFC 6890 and its successors). `0.0.0.0/8` and `::` are listed
 * as loopback because Linux and macOS browsers connect to `0.0.0.0` as to `127.0.0.1`; `100.64.0.0/10`
 * (carrier-grade NAT, also used by VPN meshes) and the deprecated IPv6 site-local `fec0::/10` as private.
 */
const NON_PUBLIC_RANGES: readonly { range: IpRange; kind: NonPublicKind }[] = [
  ...['127.0.0.0/8', '0.0.0.0/8', '::1/128', '::/128'].map((r) => ({
    range: range(r),
    kind: 'loopback' as const,
  })),
  ...['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7', 'fec0::/10'].map((r) => ({
    range: range(r),
    kind: 'private' as const,
  })),
  ...['169.254.0.0/16', 'fe80::/10'].map((r) => ({ range: range(r), kind: 'link-local' as const })),
];

/** Whether an address is loopback, private or link-local (an embedded IPv4 address counts as itself). */
export function nonPublicKind(address: IpAddress): NonPublicKind | undefined {
  return NON_PUBLIC_RANGES.find((entry) => rangeContains(entry.range, address))?.kind;
}
