/**
 * Where capture may happen: domain matching, the built-in sensitive sites, and the one decision that the
 * extension and the desktop app both ask before capturing a page.
 */
import { isIpv4, normaliseDomain } from './formats';
import { SENSITIVE_HOST_LABELS, SENSITIVE_SITES } from './sensitive-sites';
import type { CaptureKind, Settings } from './types';

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

/** True for the built-in sensitive sites and for hosts whose first label marks a sign-in or mail page. */
export function isSensitiveHost(host: string): boolean {
  const h = comparable(host);
  if (SENSITIVE_SITES.some((site) => domainMatches(h, site.domain))) return true;
  const labels = h.split('.');
  return labels.length >= 2 && !isIpLiteral(h) && SENSITIVE_HOST_LABELS.has(labels[0] ?? '');
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
  'not-http' | 'incognito' | 'disabled' | 'paused' | 'kind-off' | 'blocked' | 'sensitive' | 'not-allowed';

export type CaptureDecision = { capture: true } | { capture: false; reason: CaptureSkipReason };

/**
 * Whether to capture `url`, and if not, the first reason in this order: not an http(s) page, private window,
 * capture off, paused, kind switched off, blocked by the organisation, built-in sensitive site, outside a
 * non-empty `allowedDomains`. Blocks win over `allowedDomains`: allowing `acme.example` does not reopen
 * `hr.acme.example` if it is blocked, nor a sensitive sign-in page under it.
 */
export function captureDecision(
  url: string,
  settings: Pick<Settings, 'capture'>,
  state: CaptureState,
): CaptureDecision {
  const host = httpHost(url);
  if (host === undefined) return skip('not-http');
  // Private windows are never captured, whatever the settings (POLICY.md).
  if (state.incognito) return skip('incognito');
  const capture = settings.capture;
  if (!capture.enabled) return skip('disabled');
  if (state.pausedUntil !== undefined && state.now < state.pausedUntil) return skip('paused');
  if (!capture.kinds.includes(state.kind)) return skip('kind-off');
  if (matchesAnyDomain(host, capture.blockedDomains)) return skip('blocked');
  if (isSensitiveHost(host)) return skip('sensitive');
  if (capture.allowedDomains.length > 0 && !matchesAnyDomain(host, capture.allowedDomains)) {
    return skip('not-allowed');
  }
  return { capture: true };
}

function skip(reason: CaptureSkipReason): CaptureDecision {
  return { capture: false, reason };
}

function httpHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname === '' ? undefined : parsed.hostname;
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
