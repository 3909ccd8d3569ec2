import type { LrsResponse } from './lrs-client';

/**
 * Reading what an LRS said. LRSs, proxies and captive portals answer with HTML pages, truncated JSON or the
 * wrong content type: every function here turns that into a sentence a learner or admin can act on.
 */

/**
 * The LRS's own explanation of a refusal, trimmed to something that fits a status line. A short text answer is
 * the LRS's reason whatever its content type (ADL's LRS sends plain-text reasons labelled `text/html`); only a
 * real HTML page (or a very long answer, e.g. a 1 MB error page) is summarised instead of shown.
 */
export function lrsMessage(res: LrsResponse): string {
  const prefix = `HTTP ${res.status}`;
  const body = res.body.trim();
  if (!body) return prefix;
  const parsed = tryJson(body);
  if (parsed.ok && typeof parsed.value === 'string' && parsed.value.trim()) {
    return `${prefix}: ${clip(parsed.value)}`;
  }
  if (parsed.ok && parsed.value && typeof parsed.value === 'object') {
    const v = parsed.value as Record<string, unknown>;
    const parts: string[] = [];
    if (typeof v.message === 'string') parts.push(v.message);
    if (Array.isArray(v.warnings))
      parts.push(...v.warnings.filter((w): w is string => typeof w === 'string'));
    if (typeof v.error === 'string') parts.push(v.error);
    if (parts.length) return `${prefix}: ${clip(parts.join('; '))}`;
  }
  if (isHtmlPage(body)) {
    const title = /<title[^>]*>([^<]{1,200})</i.exec(body)?.[1]?.trim();
    return `${prefix}: the server answered with an HTML page${title ? ` ("${clip(title, 80)}")` : ''}, not an xAPI response (is the endpoint right?)`;
  }
  if (body.length > LONG_ANSWER) {
    return `${prefix}: the server answered with ${sizeOf(body)} of text, not an xAPI response; it begins: ${clip(body, 160)}`;
  }
  return `${prefix}: ${clip(body)}`;
}

/** Longer than any reason an LRS writes for a person: a page, a dump or a proxy's error document. */
const LONG_ANSWER = 2000;

/** A page rather than a reason: it has the markup of an HTML document. */
function isHtmlPage(body: string): boolean {
  return /<(!doctype\s+html|html[\s>]|body[\s>]|head[\s>])/i.test(body.slice(0, 4096));
}

function sizeOf(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`;
}

/** A successful POST must answer 204, or 200 with a JSON array of the statement ids (C 2.1.2). */
export function checkPostAnswer(res: LrsResponse, ids: readonly string[]): string | undefined {
  if (res.status === 204) return undefined;
  const parsed = tryJson(res.body);
  if (!parsed.ok) {
    return isHtmlPage(res.body)
      ? 'the LRS answered 200 with an HTML page instead of the stored statement ids: is the endpoint right?'
      : `the LRS answered 200 but its body is not JSON (${parsed.error}); the statements are kept and retried`;
  }
  if (!Array.isArray(parsed.value)) {
    return 'the LRS answered 200 without the array of stored statement ids; the statements are kept and retried';
  }
  const got = new Set(
    parsed.value.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()),
  );
  const missing = ids.filter((id) => !got.has(id.toLowerCase()));
  return missing.length
    ? `the LRS answered 200 but did not list ${missing.length} of the ${ids.length} statement ids sent`
    : undefined;
}

/** The versions listed by `GET about`, or a reason why they could not be read. */
export function aboutVersions(res: LrsResponse): { versions: string[] } | { error: string } {
  if (res.status !== 200) return { error: `reading /about failed: ${lrsMessage(res)}` };
  const parsed = tryJson(res.body);
  if (!parsed.ok) return { error: `/about is not JSON (${parsed.error})` };
  const v = parsed.value as { version?: unknown } | null;
  if (!v || !Array.isArray(v.version)) return { error: '/about has no "version" array' };
  const versions = v.version.filter(
    (x): x is string => typeof x === 'string' && /^\d+\.\d+(\.\d+)?$/.test(x),
  );
  if (versions.length === 0)
    return { error: '/about lists no xAPI version (its "version" array is empty or not versions)' };
  return { versions };
}

/** Retry-After as a delay in ms (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(res: LrsResponse, now: number): number | undefined {
  const value = res.headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function clip(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
