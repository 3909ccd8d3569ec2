/**
 * Where capture may happen: domain matching, the built-in sensitive sites, private hosts, and the one decision
 * that the extension and the desktop app both ask before capturing a page (docs/policy.md § Meaning).
 */
import { privateHostKind } from '../net/host';
import { canonicalUrl } from '../xapi/url';
import { isIpv4, normaliseDomain } from './formats';
import { isAllowedPrivateHost } from './private-hosts';
import { SENSITIVE_HOST_LABELS, SENSITIVE_SITES, type SensitiveSite } from './sensitive-sites';
import type { CaptureKind, CaptureSettings, Settings } from './types';

export {
  SENSITIVE_HOST_LABELS,
  SENSITIVE_SITES,
  type SensitiveCategory,
  type SensitiveSite,
} from './sensitive-sites';

/**
 * True when `host` is `domain` or one of its subdomains. Case and a final dot are ignored, `*.` before the
 * domain is allowed, and only whole labels match: `notbank.example` is not under `bank.example`. An IP
 * address only matches itself (`10.0.0.1` is not "under" `0.0.1`).
 */
export function domainMatches(host: string, domain: string): boolean {
  const h = comparable(host);
  const d = comparable(domain.trim().startsWith('*.') ? domain.trim().slice(2) : domain);
  if (h === '' || d === '') return false;
  if (h === d) return true;
  if (isIpLiteral(h) || isIpLiteral(d)) return false;
  return h.endsWith(`.${d}`);
}

export function matchesAnyDomain(host: string, domains: readonly string[]): boolean {
  return domains.some((domain) => domainMatches(host, domain));
}

/**
 * The built-in sensitive site `url` is on (the first whose domain and paths match), or a sign-in or mail page
 * recognised by its host's first label (category `sign-in`), or undefined.
 */
export function sensitiveSiteOf(url: string): SensitiveSite | undefined {
  const parsed = parseHttp(url);
  if (!parsed) return undefined;
  const host = comparable(parsed.hostname);
  const listed = SENSITIVE_SITES.find(
    (site) =>
      domainMatches(host, site.domain) &&
      (site.paths === undefined || site.paths.some((path) => parsed.pathname.startsWith(path))),
  );
  if (listed) return listed;
  const labels = host.split('.');
  const byLabel = labels.length >= 2 && !isIpLiteral(host) && SENSITIVE_HOST_LABELS.has(labels[0] ?? '');
  return byLabel ? { domain: host, category: 'sign-in' } : undefined;
}

export interface CaptureState {
  /** The page is in a private / incognito window. */
  incognito: boolean;
  /** The learner paused capture until this time (ms since the epoch). */
  pausedUntil?: number;
  /** Now, in ms since the epoch (injected so tests need no clock). */
  now: number;
  kind: CaptureKind;
}

export type CaptureSkipReason =
  | 'not-http'
  | 'incognito'
  | 'disabled'
  | 'paused'
  | 'kind-off'
  | 'blocked'
  | 'sensitive'
  | 'document'
  | 'private-host'
  | 'not-allowed';

export type CaptureDecision = { capture: true } | { capture: false; reason: CaptureSkipReason };

/**
 * Whether to capture `url`, and if not, the first reason in this order: not an http(s) page, private window,
 * capture off, paused, kind switched off, then the site rules of `siteDecision`.
 */
export function captureDecision(
  url: string,
  settings: Pick<Settings, 'capture'>,
  state: CaptureState,
): CaptureDecision {
  if (!parseHttp(url)) return skip('not-http');
  // Private windows are never captured, whatever the settings (docs/policy.md).
  if (state.incognito) return skip('incognito');
  const capture = settings.capture;
  if (!capture.enabled) return skip('disabled');
  if (state.pausedUntil !== undefined && state.now < state.pausedUntil) return skip('paused');
  if (!capture.kinds.includes(state.kind)) return skip('kind-off');
  return siteDecision(url, capture);
}

type SiteRules = Pick<CaptureSettings, 'blockedDomains' | 'allowedDomains' | 'allowedPrivateHosts'>;

/**
 * The rules about where a page is, in this order: blocked by the organisation, a built-in sensitive site, a
 * document-sharing site not named in `allowedDomains`, a private host not listed in `allowedPrivateHosts`,
 * outside a non-empty `allowedDomains`. Blocks win over allowances: allowing `acme.example` does not reopen
 * `hr.acme.example` if it is blocked, nor a sign-in page under it. `allowedDomains` keeps its one meaning
 * ("capture only there"); naming a document-sharing site there (the site or a host under it, not a parent
 * such as `google.com`) is also how an organisation reopens that site.
 */
export function siteDecision(url: string, capture: SiteRules): CaptureDecision {
  const parsed = parseHttp(url);
  if (!parsed) return skip('not-http');
  const host = parsed.hostname;
  if (matchesAnyDomain(host, capture.blockedDomains)) return skip('blocked');
  const sensitive = sensitiveSiteOf(url);
  if (sensitive && sensitive.category !== 'document-sharing') return skip('sensitive');
  if (sensitive && !namesSite(capture.allowedDomains, host, sensitive.domain)) return skip('document');
  if (privateHostKind(host) !== undefined && !isAllowedPrivateHost(host, capture.allowedPrivateHosts)) {
    return skip('private-host');
  }
  if (capture.allowedDomains.length > 0 && !matchesAnyDomain(host, capture.allowedDomains)) {
    return skip('not-allowed');
  }
  return { capture: true };
}

/**
 * The site rules for a page whose activity id may come from its `<link rel=canonical>`: the page's own URL and
 * the URL its statement would name (shared/xapi `canonicalUrl`, which ignores a canonical on another site)
 * must both pass, so a canonical link cannot carry a blocked or sensitive URL into the record.
 */
export function activityDecision(
  page: { url: string; canonicalHref?: string },
  capture: SiteRules,
): CaptureDecision {
  const own = siteDecision(page.url, capture);
  if (!own.capture) return own;
  let activity: string;
  try {
    activity = canonicalUrl(page.url, { canonicalHref: page.canonicalHref, keepQueryStrings: true });
  } catch {
    return skip('not-http');
  }
  return siteDecision(activity, capture);
}

/** Whether an allowedDomains entry covering `host` names `siteDomain` itself or a host under it. */
function namesSite(allowedDomains: readonly string[], host: string, siteDomain: string): boolean {
  return allowedDomains.some((entry) => domainMatches(host, entry) && domainMatches(entry, siteDomain));
}

function skip(reason: CaptureSkipReason): CaptureDecision {
  return { capture: false, reason };
}

function parseHttp(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname === '' ? undefined : parsed;
  } catch {
    return undefined;
  }
}

/** The form hosts take in a parsed URL: lower case, no final dot, internationalised names as punycode. */
function comparable(value: string): string {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  return /[^\x21-\x7e]/.test(host) ? (normaliseDomain(host) ?? host) : host;
}

function isIpLiteral(host: string): boolean {
  return isIpv4(host) || host.includes(':') || host.startsWith('[');
}
