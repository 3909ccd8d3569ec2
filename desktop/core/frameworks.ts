/**
 * Skill frameworks the policy names by URL (docs/policy.md `skills.frameworks[].url` + `format`) on the desktop:
 * the shared loader (shared/skills/remote.ts) with a cache of files in the app's user-data folder
 * (`userData/frameworks/`, one JSON file per framework URL), so the skill pickers work offline and after a
 * restart.
 *
 * When it downloads: at start, when the settings name other frameworks (a policy change: `snapshot` notices),
 * and on main's hourly tick once a day has passed since the last refresh (an hour after one that left a
 * framework failing or stale). The loader itself never asks the server again for a copy younger than a day.
 */
import { createHash } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fnv1a } from '../../shared/fingerprint';
import {
  frameworkRefreshDue,
  isRemoteSource,
  loadFrameworks,
  type CachedFramework,
  type FetchFunction,
  type FrameworkCache,
  type FrameworkSource,
  type FrameworkStatus,
  type SkillFramework,
} from '../../shared/skills';
import { diskFile } from './settings-store';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** One file per cache key; the name is a hash of the key (format + URL), never the URL itself. */
export function frameworkFileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
}

function isCachedFramework(v: unknown, key: string): v is CachedFramework {
  if (typeof v !== 'object' || v === null) return false;
  const entry = v as Partial<CachedFramework>;
  return (
    entry.key === key &&
    typeof entry.url === 'string' &&
    (entry.format === 'esco-csv' || entry.format === 'case-json') &&
    Array.isArray(entry.skills) &&
    entry.skills.every((s) => typeof s?.id === 'string' && typeof s.name === 'string') &&
    Array.isArray(entry.problems) &&
    typeof entry.fetchedAt === 'number' &&
    typeof entry.checkedAt === 'number'
  );
}

/**
 * The loader's cache in a folder. A file that cannot be read as an entry (damaged, another version's) counts
 * as absent, so the framework is downloaded again; a file is replaced whole (settings-store's diskFile).
 */
export function fileFrameworkCache(dir: string): FrameworkCache {
  return {
    async get(key) {
      const text = await diskFile(join(dir, frameworkFileName(key))).read();
      if (text === undefined) return undefined;
      try {
        const entry: unknown = JSON.parse(text);
        return isCachedFramework(entry, key) ? entry : undefined;
      } catch {
        return undefined;
      }
    },
    async put(entry) {
      await diskFile(join(dir, frameworkFileName(entry.key))).write(JSON.stringify(entry));
    },
    async retain(keys) {
      const keep = new Set(keys.map(frameworkFileName));
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const name of names) {
        if (name.endsWith('.json') && !keep.has(name)) await unlink(join(dir, name));
      }
    },
  };
}

/** An in-memory cache: for a DesktopApp given no file cache (nothing is downloaded then). */
export function memoryFrameworkCache(): FrameworkCache {
  const entries = new Map<string, CachedFramework>();
  return {
    get: (key) => Promise.resolve(entries.get(key)),
    put: (entry) => {
      entries.set(entry.key, entry);
      return Promise.resolve();
    },
    retain: (keys) => {
      for (const key of entries.keys()) if (!keys.includes(key)) entries.delete(key);
      return Promise.resolve();
    },
  };
}

/**
 * The skill frameworks of the settings as loaded so far, for DesktopApp (the quick log's and My learning's
 * pickers, the settings window's statuses). `stamp` changes whenever `frameworks` may have.
 */
export interface LoadedFrameworkSource {
  snapshot(skills: Skills): { frameworks: SkillFramework[]; statuses: FrameworkStatus[]; stamp: string };
}

export interface DesktopFrameworksDeps {
  cache: FrameworkCache;
  /** Without it nothing is downloaded (offline copies only). */
  fetch?: FetchFunction;
  now: () => number;
  /** The loaded frameworks changed (a refresh finished): windows and pickers load them again. */
  onChange?: () => void;
  onError?: (error: unknown) => void;
}

type Skills = { readonly frameworks: readonly FrameworkSource[] };

interface Loaded {
  sources: string;
  frameworks: SkillFramework[];
  statuses: FrameworkStatus[];
  at: number;
}

/** Main's frameworks: the last loaded set, refreshed in the background; what DesktopApp offers the pickers. */
export class DesktopFrameworks implements LoadedFrameworkSource {
  private loaded: Loaded | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight: string | undefined;
  private generation = 0;

  constructor(private readonly deps: DesktopFrameworksDeps) {}

  /**
   * What the pickers search now. When the settings name frameworks other than those loaded (a policy change),
   * their inline frameworks are offered at once and the URL ones load in the background (cache, then network).
   */
  snapshot(skills: Skills): { frameworks: SkillFramework[]; statuses: FrameworkStatus[]; stamp: string } {
    const sources = JSON.stringify(skills.frameworks);
    if (this.loaded?.sources === sources) {
      const { frameworks, statuses } = this.loaded;
      return { frameworks, statuses, stamp: `${this.generation}.${fnv1a(sources)}` };
    }
    if (this.inFlight !== sources) void this.refresh(skills).catch((e: unknown) => this.deps.onError?.(e));
    const frameworks = skills.frameworks.filter((f): f is SkillFramework => !isRemoteSource(f));
    const statuses = skills.frameworks.map((f): FrameworkStatus =>
      isRemoteSource(f)
        ? {
            ...{ id: f.id, name: f.name, url: f.url, format: f.format },
            ...{ state: 'pending', skillCount: 0, message: 'not loaded yet', problems: [] },
          }
        : { id: f.id, name: f.name, state: 'inline', skillCount: f.skills.length, problems: [] },
    );
    return { frameworks, statuses, stamp: `loading.${fnv1a(sources)}` };
  }

  /** Load now (downloading what is missing or a day old; `force`: every URL again). One at a time. */
  refresh(skills: Skills, options: { force?: boolean } = {}): Promise<FrameworkStatus[]> {
    const sources = JSON.stringify(skills.frameworks);
    this.inFlight = sources;
    const run = this.queue.then(async () => {
      try {
        // Offline copies first, so a slow server never keeps the pickers empty at start or after a change.
        if (this.loaded?.sources !== sources) {
          const cached = await loadFrameworks(skills, { cache: this.deps.cache, now: this.deps.now });
          this.keep(sources, cached, this.loaded?.at ?? 0);
        }
        const result = await loadFrameworks(skills, {
          cache: this.deps.cache,
          now: this.deps.now,
          fetch: this.deps.fetch,
          force: options.force,
        });
        this.keep(sources, result, this.deps.now());
        return result.statuses;
      } finally {
        if (this.inFlight === sources) this.inFlight = undefined;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Main's hourly tick: refresh once a day, an hour after a failure, or at once for other frameworks. */
  refreshIfDue(skills: Skills): Promise<FrameworkStatus[] | undefined> {
    const sources = JSON.stringify(skills.frameworks);
    const last = this.loaded;
    const now = this.deps.now();
    return frameworkRefreshDue(last, sources, now) && this.inFlight !== sources
      ? this.refresh(skills)
      : Promise.resolve(undefined);
  }

  private keep(sources: string, result: Awaited<ReturnType<typeof loadFrameworks>>, at: number): void {
    this.loaded = { sources, frameworks: result.frameworks, statuses: result.statuses, at };
    this.generation++;
    this.deps.onChange?.();
  }
}
