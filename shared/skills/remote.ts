// Frameworks the policy names by URL (docs/policy.md `skills.frameworks[].url` + `format`): downloaded, parsed,
// and kept in a cache so the skill picker works offline. Pure: the fetch function, the cache and the clock
// are injected, so the extension (IndexedDB) and the desktop app (a file) share this and differ only in
// storage.
//
// Rules: a cached copy younger than `maxAgeMs` (a day) is used without asking the server; an older one is
// revalidated (If-None-Match / If-Modified-Since); on any failure the cached copy is kept and the status says
// so. A download that yields no skills never replaces a good copy. Nothing here throws.

import { parseCaseJson } from './case-json';
import { ESCO_ATTRIBUTION, isEscoIri } from './esco';
import { parseEscoCsv } from './esco-csv';
import { MAX_FRAMEWORK_SKILLS, type FrameworkParseResult } from './parse-result';
import {
  isRemoteSource,
  type FrameworkFormat,
  type FrameworkSource,
  type RemoteFrameworkSource,
} from './source';
import type { Skill, SkillFramework } from './types';

/** A downloaded framework as the cache keeps it, under `key` (format + URL, not the framework's id). */
export interface CachedFramework {
  key: string;
  url: string;
  format: FrameworkFormat;
  skills: Skill[];
  /** Rows or items skipped when it was parsed. */
  problems: string[];
  /** When this content was downloaded. */
  fetchedAt: number;
  /** When the server last confirmed it (a download or a 304). */
  checkedAt: number;
  etag?: string;
  lastModified?: string;
}

export interface FrameworkCache {
  get(key: string): Promise<CachedFramework | undefined>;
  put(entry: CachedFramework): Promise<void>;
  /** Forget every entry whose key is not listed (frameworks the policy no longer names). */
  retain(keys: readonly string[]): Promise<void>;
}

/**
 * `inline`: listed in the policy. `downloaded`: fetched now. `cached`: the cached copy is current (fresh, or
 * the server said unchanged). `stale`: the download failed, the cached copy is used. `failed`: nothing to
 * use. `pending`: not downloaded yet (read without network).
 */
export type FrameworkLoadState = 'inline' | 'downloaded' | 'cached' | 'stale' | 'failed' | 'pending';

export interface FrameworkStatus {
  id: string;
  name: string;
  url?: string;
  format?: FrameworkFormat;
  state: FrameworkLoadState;
  skillCount: number;
  /** For the learner and the admin: "using copy from …", "could not load: …" (English; logs, the desktop). */
  message?: string;
  /**
   * Why it could not be downloaded (`stale`, `failed`, `pending`) or kept offline (`downloaded`): the technical
   * detail ("HTTP 404 Not Found"), so pages can word the status from `state` in their own language.
   */
  reason?: string;
  /** Rows or items skipped in the file (each names its line or item). */
  problems: string[];
  fetchedAt?: number;
}

export interface LoadedFrameworks {
  /** The usable frameworks, in the order of the settings. */
  frameworks: SkillFramework[];
  /** One per framework of the settings, in the same order. */
  statuses: FrameworkStatus[];
}

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface LoadOptions {
  /** Without it nothing is downloaded: URL frameworks come from the cache only (e.g. for each popup view). */
  fetch?: FetchFunction;
  cache: FrameworkCache;
  now: () => number;
  /** A cached copy younger than this is used as is (default: one day). */
  maxAgeMs?: number;
  /** Revalidate even fresh copies (the admin asked for a refresh). */
  force?: boolean;
  /** Per download (default 30 s). */
  timeoutMs?: number;
  /** Largest file accepted (default 32 MB: ESCO's full 14k-skill CSV is about 9 MB). */
  maxBytes?: number;
  /** Most skills kept per framework (default: the policy's 20,000). */
  maxSkills?: number;
}

export const FRAMEWORK_MAX_AGE_MS = 24 * 60 * 60_000;
/** After a refresh that left a framework failing or stale, the apps try again no sooner than this. */
export const FRAMEWORK_RETRY_MS = 60 * 60_000;
export const FRAMEWORK_MAX_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

const ACCEPT: Readonly<Record<FrameworkFormat, string>> = {
  'esco-csv': 'text/csv, text/plain;q=0.8, */*;q=0.1',
  'case-json': 'application/json, */*;q=0.1',
};

export function cacheKey(source: Pick<RemoteFrameworkSource, 'url' | 'format'>): string {
  return `${source.format} ${source.url}`;
}

/** "2026-11-30 14:05 UTC": the same text for every learner, whatever the locale. */
export function formatCopyDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The attribution shown with a framework's labels: the admin's text, plus ESCO's required sentence whenever
 * the framework holds an ESCO skill and the admin's text does not already say it (ESCO is CC BY 4.0).
 */
export function frameworkAttribution(
  given: string | undefined,
  skills: readonly Skill[],
): string | undefined {
  const parts = given?.trim() ? [given.trim()] : [];
  if (!parts[0]?.includes(ESCO_ATTRIBUTION) && skills.some((skill) => isEscoIri(skill.id))) {
    parts.push(ESCO_ATTRIBUTION);
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function withAttribution(framework: SkillFramework, given: string | undefined): SkillFramework {
  const { attribution: _ignored, ...rest } = framework;
  const attribution = frameworkAttribution(given, framework.skills);
  return attribution === undefined ? rest : { ...rest, attribution };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'the server did not answer in time';
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) is in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}

class LoadError extends Error {}

/** The body as text, refusing more than `maxBytes` without reading it all first. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const mb = maxBytes / (1024 * 1024);
  const tooLarge = `the file is larger than ${mb >= 1 ? `${Math.floor(mb)} MB` : `${maxBytes} bytes`}`;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new LoadError(tooLarge);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new LoadError(tooLarge);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function parse(source: RemoteFrameworkSource, text: string, maxSkills: number): FrameworkParseResult {
  const meta = { id: source.id, name: source.name };
  return source.format === 'case-json'
    ? parseCaseJson(text, meta, { maxSkills })
    : parseEscoCsv(text, meta, { maxSkills });
}

/** What to cache: the new download, or the previous copy confirmed unchanged (HTTP 304). */
interface Download {
  notModified: boolean;
  entry: CachedFramework;
}

/** Downloads and parses one framework; throws a LoadError (or a fetch error) with the reason. */
async function download(
  source: RemoteFrameworkSource,
  previous: CachedFramework | undefined,
  fetch: FetchFunction,
  options: LoadOptions,
): Promise<Download> {
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    throw new LoadError(`"${source.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LoadError(`only http and https URLs can be downloaded, not ${url.protocol}`);
  }
  const headers: Record<string, string> = { Accept: ACCEPT[source.format] };
  if (previous?.etag) headers['If-None-Match'] = previous.etag;
  if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified;
  const response = await fetch(url.href, {
    headers,
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    credentials: 'omit',
  });
  if (response.status === 304 && previous) {
    return { notModified: true, entry: { ...previous, checkedAt: options.now() } };
  }
  if (!response.ok) {
    throw new LoadError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const text = await readText(response, options.maxBytes ?? FRAMEWORK_MAX_BYTES);
  const { framework, problems } = parse(source, text, options.maxSkills ?? MAX_FRAMEWORK_SKILLS);
  if (framework.skills.length === 0) {
    throw new LoadError(`no skills in the file${problems[0] ? ` (${problems[0]})` : ''}`);
  }
  const now = options.now();
  const entry: CachedFramework = {
    key: cacheKey(source),
    url: source.url,
    format: source.format,
    skills: framework.skills,
    problems,
    fetchedAt: now,
    checkedAt: now,
  };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) entry.etag = etag;
  if (lastModified) entry.lastModified = lastModified;
  return { notModified: false, entry };
}

function fromCache(source: RemoteFrameworkSource, entry: CachedFramework): SkillFramework {
  const skills = entry.skills.map((skill) =>
    skill.frameworkId === source.id ? skill : { ...skill, frameworkId: source.id },
  );
  return withAttribution({ id: source.id, name: source.name, skills }, source.attribution);
}

async function loadRemote(
  source: RemoteFrameworkSource,
  options: LoadOptions,
): Promise<{ framework?: SkillFramework; status: FrameworkStatus }> {
  const base = { id: source.id, name: source.name, url: source.url, format: source.format };
  const key = cacheKey(source);
  let cached: CachedFramework | undefined;
  let cacheProblem: string | undefined;
  try {
    cached = await options.cache.get(key);
  } catch (error) {
    cacheProblem = `the offline copy could not be read (${errorText(error)})`;
  }
  const usingCopy = (entry: CachedFramework, state: FrameworkLoadState, reason?: string) => {
    const copyDate = formatCopyDate(entry.fetchedAt);
    return {
      framework: fromCache(source, entry),
      status: {
        ...base,
        state,
        skillCount: entry.skills.length,
        message: `${reason ? `could not load: ${reason}; ` : ''}using copy from ${copyDate}`,
        ...(reason ? { reason } : {}),
        problems: entry.problems,
        fetchedAt: entry.fetchedAt,
      },
    };
  };

  const now = options.now();
  const fresh = cached !== undefined && now - cached.checkedAt < (options.maxAgeMs ?? FRAMEWORK_MAX_AGE_MS);
  if (cached && (!options.fetch || (fresh && !options.force))) return usingCopy(cached, 'cached');
  if (!options.fetch) {
    const message = cacheProblem ? `could not load: ${cacheProblem}` : 'not downloaded yet';
    const reason = cacheProblem ? { reason: cacheProblem } : {};
    return { status: { ...base, state: 'pending', skillCount: 0, message, ...reason, problems: [] } };
  }

  let result: Download;
  try {
    result = await download(source, cached, options.fetch, options);
  } catch (error) {
    const reason = errorText(error);
    if (cached) return usingCopy(cached, 'stale', reason);
    const message = `could not load: ${reason}`;
    return { status: { ...base, state: 'failed', skillCount: 0, message, reason, problems: [] } };
  }
  const { entry } = result;
  let saveProblem: string | undefined;
  try {
    await options.cache.put(entry);
  } catch (error) {
    saveProblem = errorText(error);
  }
  if (result.notModified) return usingCopy(entry, 'cached');
  const count = entry.skills.length;
  return {
    framework: fromCache(source, entry),
    status: {
      ...base,
      state: 'downloaded',
      skillCount: count,
      message: `loaded ${count} ${count === 1 ? 'skill' : 'skills'}${saveProblem ? `; not kept for offline use (${saveProblem})` : ''}`,
      ...(saveProblem ? { reason: saveProblem } : {}),
      problems: entry.problems,
      fetchedAt: entry.fetchedAt,
    },
  };
}

/**
 * The frameworks of the settings, ready to search: inline ones as given (with ESCO's attribution where
 * needed), URL ones from the cache or downloaded (see the rules at the top). Never throws: a framework that
 * cannot be had is left out and its status says why. With `fetch`, cache entries of frameworks the settings
 * no longer name are dropped.
 */
export async function loadFrameworks(
  settings: { readonly frameworks: readonly FrameworkSource[] },
  options: LoadOptions,
): Promise<LoadedFrameworks> {
  const loaded = await Promise.all(
    settings.frameworks.map(async (source) => {
      if (!isRemoteSource(source)) {
        const framework = withAttribution(source, source.attribution);
        const status: FrameworkStatus = {
          id: source.id,
          name: source.name,
          state: 'inline',
          skillCount: source.skills.length,
          problems: [],
        };
        return { framework, status };
      }
      try {
        return await loadRemote(source, options);
      } catch (error) {
        const reason = errorText(error);
        const status: FrameworkStatus = {
          ...{ id: source.id, name: source.name, url: source.url, format: source.format },
          state: 'failed',
          skillCount: 0,
          message: `could not load: ${reason}`,
          reason,
          problems: [],
        };
        return { framework: undefined, status };
      }
    }),
  );
  if (options.fetch) {
    const keys = settings.frameworks.filter(isRemoteSource).map(cacheKey);
    await options.cache.retain(keys).catch(() => undefined); // a leftover entry only costs space
  }
  return {
    frameworks: loaded.flatMap(({ framework }) => (framework ? [framework] : [])),
    statuses: loaded.map(({ status }) => status),
  };
}

/** What the apps remember of their last refresh: for which frameworks (their JSON), when, and how it went. */
export interface FrameworkRefresh {
  sources: string;
  at: number;
  statuses: readonly FrameworkStatus[];
}

/**
 * The apps' refresh rule (both run it on a timer): at once for other frameworks than last time, else once a day,
 * or an hour after a refresh that left one failing or stale, so a broken server is not asked every few minutes.
 */
export function frameworkRefreshDue(
  last: FrameworkRefresh | undefined,
  sources: string,
  now: number,
): boolean {
  if (last === undefined || last.sources !== sources) return true;
  const troubled = last.statuses.some((s) => s.state === 'failed' || s.state === 'stale');
  return now - last.at >= (troubled ? FRAMEWORK_RETRY_MS : FRAMEWORK_MAX_AGE_MS);
}
