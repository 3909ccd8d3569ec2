/**
 * Checking and normalising string values by format. Each check returns the value to keep or a phrase saying
 * what was expected, which validate.ts puts into the admin's message. Uses only `URL`, available in service
 * workers, pages and Node alike.
 */
import { isLoopbackHost } from '../net/host';
import { checkPrivateHostEntry, PRIVATE_HOST_EXPECTATION } from './private-hosts';
import type { StringFormat } from './schema-dsl';

export type FormatResult = { ok: true; value: string } | { ok: false; expected: string };

/** Longest value accepted per format: keeps hostile documents cheap and labels readable. */
export const FORMAT_MAX_LENGTH: Readonly<Record<StringFormat, number>> = {
  text: 200,
  id: 64,
  secret: 4_096,
  endpoint: 2_048,
  'http-url': 2_048,
  email: 254,
  iri: 2_048,
  'base-iri': 2_048,
  domain: 253,
  'private-host': 253,
};

/** What a value of each format looks like, for messages and for the managed schema's descriptions. */
export const FORMAT_EXPECTATION: Readonly<Record<StringFormat, string>> = {
  text: 'a non-empty text',
  id: 'an id made of letters, digits, ".", "_" or "-"',
  secret: 'a non-empty text',
  endpoint: 'an absolute http(s) URL such as "https://lrs.example/xapi/"',
  'http-url': 'an absolute http(s) URL such as "https://sso.example"',
  email: 'an e-mail address such as "ada@example.org"',
  iri: 'an absolute http(s) IRI such as "https://skills.example/s/negotiation"',
  'base-iri': 'an absolute http(s) IRI such as "https://skills.example/custom/"',
  domain: 'a domain name such as "bank.example"',
  'private-host': PRIVATE_HOST_EXPECTATION,
};

/** Why an `http://` endpoint was refused (docs/policy.md § Meaning, `destinations`). */
const HTTPS_ONLY =
  'an https:// URL (http:// only on this computer: localhost, 127.0.0.0/8 or [::1]; elsewhere the LRS key would travel in clear text)';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** Deliberately loose: the LRS only needs a plausible mailbox; we reject what is plainly not one. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@]+$/;

export function checkFormat(
  format: StringFormat,
  raw: string,
  maxLength: number = FORMAT_MAX_LENGTH[format],
): FormatResult {
  // Credentials are taken byte for byte; everything else forgives stray spaces from copy and paste.
  const value = format === 'secret' ? raw : raw.trim();
  const expected = FORMAT_EXPECTATION[format];
  if (value.length === 0) return { ok: false, expected };
  if (value.length > maxLength)
    return { ok: false, expected: `${expected} of at most ${maxLength} characters` };
  switch (format) {
    case 'text':
    case 'secret':
      return { ok: true, value };
    case 'id':
      return ID.test(value) ? { ok: true, value } : { ok: false, expected };
    case 'endpoint':
      return checkEndpoint(value);
    case 'http-url':
    case 'iri':
      // Kept exactly as written: these strings are identities (account.homePage, activity ids) that an LRS
      // compares byte for byte, so "normalising" them would split one learner or skill into two.
      return parseHttpUrl(value) && !/\s/.test(value) ? { ok: true, value } : { ok: false, expected };
    case 'base-iri':
      return checkBaseIri(value);
    case 'email':
      return checkEmail(value);
    case 'domain':
      return checkDomain(value);
    case 'private-host':
      return checkPrivateHostEntry(value);
  }
}

function parseHttpUrl(value: string): URL | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

function checkEndpoint(value: string): FormatResult {
  const url = parseHttpUrl(value);
  if (!url) return { ok: false, expected: FORMAT_EXPECTATION.endpoint };
  if (url.username || url.password) {
    return { ok: false, expected: 'a URL without credentials in it (use username and password, or token)' };
  }
  // Credentials go with every request: in clear text only where they cannot leave the machine.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, expected: HTTPS_ONLY };
  // Resources are appended to the endpoint ("statements", "about"): a query or fragment would end up in the
  // middle of every request URL.
  if (url.search || url.hash)
    return { ok: false, expected: 'an endpoint URL without "?" query or "#" fragment' };
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, value: url.href };
}

function checkBaseIri(value: string): FormatResult {
  if (!parseHttpUrl(value) || /\s/.test(value))
    return { ok: false, expected: FORMAT_EXPECTATION['base-iri'] };
  // A slug is appended to the base (shared/skills mintCustomSkill): a query or fragment would swallow it, and
  // without a final "/" "…/custom" + "negotiation" would run together.
  if (/[?#]/.test(value)) return { ok: false, expected: 'a base IRI without "?" query or "#" fragment' };
  return { ok: true, value: value.endsWith('/') ? value : `${value}/` };
}

function checkEmail(value: string): FormatResult {
  const expected = FORMAT_EXPECTATION.email;
  if (/^mailto:/i.test(value)) return { ok: false, expected: `${expected} (without "mailto:")` };
  if (!EMAIL.test(value)) return { ok: false, expected };
  const domain = value.slice(value.lastIndexOf('@') + 1);
  return normaliseDomain(domain) === undefined ? { ok: false, expected } : { ok: true, value };
}

function checkDomain(value: string): FormatResult {
  // "*.bank.example" means the same as "bank.example" here (subdomains always match): accept the habit.
  const bare = value.startsWith('*.') ? value.slice(2) : value;
  const domain = /[/:?#@\s]/.test(bare) ? undefined : normaliseDomain(bare);
  if (domain !== undefined) return { ok: true, value: domain };
  const host = parseHttpUrl(value)?.hostname;
  const hint = host && normaliseDomain(host) !== undefined ? ` (write just "${host}")` : '';
  return { ok: false, expected: `${FORMAT_EXPECTATION.domain}, without scheme, port or path${hint}` };
}

/**
 * Lower case, without a final dot, internationalised names in their ASCII (punycode) form, the way `URL`
 * reports a page's host; undefined when it is not a host name or IPv4 address.
 */
export function normaliseDomain(value: string): string | undefined {
  let host = value.trim().toLowerCase().replace(/\.$/, '');
  if (host === '' || host.length > FORMAT_MAX_LENGTH.domain) return undefined;
  if (/[^\x21-\x7e]/.test(host)) {
    try {
      host = new URL(`http://${host}`).hostname;
    } catch {
      return undefined;
    }
  }
  if (IPV4.test(host)) return host.split('.').every((part) => Number(part) <= 255) ? host : undefined;
  return host.split('.').every((label) => DOMAIN_LABEL.test(label)) ? host : undefined;
}

export function isIpv4(host: string): boolean {
  return IPV4.test(host);
}
