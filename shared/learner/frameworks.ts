/**
 * The skill frameworks store, once for both apps: the settings' frameworks (docs/policy.md `skills.frameworks`,
 * inline or by URL) as the skill pickers search them, and their load statuses. It talks to the world through
 * ports: a FrameworkCache for the downloaded copies (IndexedDB in the extension, files on desktop), a RefreshLog for
 * the last refresh, fetch and a clock.
 *
 * Rules: a copy younger than a day is never fetched again (the loader, shared/skills/remote.ts), a refresh runs at
 * once for other frameworks, else once a day, or an hour after one that left a framework failing or stale
 * (frameworkRefreshDue); a failed download keeps the last copy ("stale"); one refresh at a time. The pickers get the
 * settings' frameworks, then the curated ESCO starter set, each with its attribution (ESCO's terms ask for it).
 */
import { fnv1a } from '../fingerprint';
import {
  STARTER_FRAMEWORK,
  frameworkRefreshDue,
  isRemoteSource,
  loadFrameworks,
  type CachedFramework,
  type FetchFunction,
  type FrameworkCache,
  type FrameworkRefresh,
  type FrameworkSource,
  type FrameworkStatus,
  type SkillFramework,
} from '../skills';

/** What the skill pickers search, with the stamp it was made for (trimmed: no descriptions). */
export interface SkillFrameworksView {
  stamp: string;
  frameworks: Array<{
    id: string;
    name: string;
    attribution?: string;
    skills: Array<{ id: string; name: string; altNames?: string[] }>;
  }>;
}

/** Where the last refresh is remembered (the extension keeps it in IndexedDB, so a restart knows it). */
export interface RefreshLog {
  get(): Promise<FrameworkRefresh | undefined>;
  put(refresh: FrameworkRefresh): Promise<void>;
}

export interface FrameworkStoreDeps {
  cache: FrameworkCache;
  /** Without it nothing is downloaded (offline copies only). */
  fetch?: FetchFunction;
  now: () => number;
  /** Default: remembered in memory only. */
  log?: RefreshLog;
  /** Tells this run's stamps from a previous run's (the extension's background restarts often). */
  runId?: string;
  /** The loaded frameworks changed (a load or refresh finished): pages and pickers load them again. */
  onChange?: () => void;
  /** A background load failed (snapshot's). */
  onError?: (error: unknown) => void;
}

/** The part of the settings the store reads. */
export interface FrameworkSettings {
  readonly frameworks: readonly FrameworkSource[];
}

export interface FrameworkSnapshot {
  frameworks: SkillFramework[];
  statuses: FrameworkStatus[];
  stamp: string;
}

interface Loaded {
  sources: string;
  frameworks: SkillFramework[];
  statuses: FrameworkStatus[];
}

const sourcesOf = (skills: FrameworkSettings) => JSON.stringify(skills.frameworks);

export class FrameworkStore {
  private loaded: Loaded | undefined;
  /** The offline load under way, by the settings it is for (pages ask every few seconds). */
  private reading: { sources: string; done: Promise<Loaded> } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts loads: part of the stamp, so pages fetch the frameworks again after one. */
  private generation = 0;
  private readonly log: RefreshLog;

  constructor(private readonly deps: FrameworkStoreDeps) {
    this.log = deps.log ?? memoryRefreshLog();
  }

  /**
   * Changes whenever what the pickers get may have changed (other settings' frameworks, a load, a refresh): pages
   * get it with their state instead of the frameworks themselves (a 14k-skill framework is megabytes).
   */
  stamp(skills: FrameworkSettings): string {
    const sources = sourcesOf(skills);
    const generation = this.loaded?.sources === sources ? this.generation : 'loading';
    return `${this.deps.runId ?? ''}.${generation}.${fnv1a(sources)}`;
  }

  /** The settings' frameworks, loaded from the offline copies if not yet (no network). */
  async current(skills: FrameworkSettings): Promise<SkillFramework[]> {
    return (await this.ready(skills)).frameworks;
  }

  /** The stamp once the settings' frameworks are loaded (what `current` and the pickers' view will carry). */
  async readyStamp(skills: FrameworkSettings): Promise<string> {
    await this.ready(skills);
    return this.stamp(skills);
  }

  /**
   * What the pickers search now, without waiting. When the settings name frameworks other than those loaded (a
   * policy change), their inline frameworks are offered at once and the rest load in the background (copies, then
   * what is due from the network).
   */
  snapshot(skills: FrameworkSettings): FrameworkSnapshot {
    const sources = sourcesOf(skills);
    if (this.loaded?.sources === sources) {
      const { frameworks, statuses } = this.loaded;
      return { frameworks, statuses, stamp: this.stamp(skills) };
    }
    void this.refreshIfDue(skills).catch((error: unknown) => this.deps.onError?.(error));
    return {
      frameworks: skills.frameworks.filter((f): f is SkillFramework => !isRemoteSource(f)),
      statuses: skills.frameworks.map(notLoadedStatus),
      stamp: this.stamp(skills),
    };
  }

  /**
   * One status per framework: the last refresh's when it was made for these frameworks (it knows why a download
   * failed), else what the offline copies give.
   */
  async statuses(skills: FrameworkSettings): Promise<FrameworkStatus[]> {
    const sources = sourcesOf(skills);
    const last = await this.log.get().catch(() => undefined);
    if (last?.sources === sources) return [...last.statuses];
    return (await this.ready(skills)).statuses;
  }

  /** Downloads what is missing or a day old (`force`: every URL again); one at a time. */
  refresh(skills: FrameworkSettings, options: { force?: boolean } = {}): Promise<FrameworkStatus[]> {
    return this.serially(() => this.refreshNow(skills, options));
  }

  /**
   * On the apps' timers and when the settings change: refreshes at once when the frameworks changed (new URLs
   * load, dropped ones are forgotten), else a day after the last refresh, or an hour after one that left a
   * framework failing or stale. Nothing due costs one read of the log. Returns the statuses when it refreshed.
   */
  refreshIfDue(skills: FrameworkSettings): Promise<FrameworkStatus[] | undefined> {
    return this.serially(async () => {
      const sources = sourcesOf(skills);
      const last = await this.log.get();
      const remote = skills.frameworks.some(isRemoteSource);
      if (!remote && (last === undefined || last.sources === sources)) return undefined; // nothing to do
      return frameworkRefreshDue(last, sources, this.deps.now()) ? this.refreshNow(skills, {}) : undefined;
    });
  }

  /** The settings' frameworks for the pickers, then the starter set (loaded from the copies if not yet). */
  async pickerView(skills: FrameworkSettings): Promise<SkillFrameworksView> {
    const frameworks = await this.current(skills);
    return pickerFrameworks(frameworks, this.stamp(skills));
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private ready(skills: FrameworkSettings): Promise<Loaded> {
    const sources = sourcesOf(skills);
    if (this.loaded?.sources === sources) return Promise.resolve(this.loaded);
    if (this.reading?.sources !== sources) {
      const done = loadFrameworks(skills, { cache: this.deps.cache, now: this.deps.now }).then((result) =>
        // A refresh that finished meanwhile wins: it read the same copies and perhaps the network.
        this.loaded?.sources === sources ? this.loaded : this.keep(sources, result),
      );
      this.reading = { sources, done };
      const settled = () => {
        if (this.reading?.done === done) this.reading = undefined;
      };
      done.then(settled, settled); // a failed load is tried again next time; the caller sees the error
    }
    return this.reading.done;
  }

  private async refreshNow(
    skills: FrameworkSettings,
    options: { force?: boolean },
  ): Promise<FrameworkStatus[]> {
    const sources = sourcesOf(skills);
    await this.ready(skills); // offline copies first: a slow server never keeps the pickers empty
    const result = await loadFrameworks(skills, {
      cache: this.deps.cache,
      now: this.deps.now,
      fetch: this.deps.fetch,
      force: options.force,
    });
    this.keep(sources, result);
    await this.log
      .put({ sources, at: this.deps.now(), statuses: result.statuses })
      .catch((error: unknown) => this.deps.onError?.(error));
    return result.statuses;
  }

  private keep(
    sources: string,
    result: { frameworks: SkillFramework[]; statuses: FrameworkStatus[] },
  ): Loaded {
    this.loaded = { sources, frameworks: result.frameworks, statuses: result.statuses };
    this.generation += 1;
    this.deps.onChange?.();
    return this.loaded;
  }
}

/** The pickers' view: the settings' frameworks, then the starter set, trimmed to what search and attribution need. */
export function pickerFrameworks(frameworks: readonly SkillFramework[], stamp: string): SkillFrameworksView {
  return {
    stamp,
    frameworks: [...frameworks, STARTER_FRAMEWORK].map((f) => ({
      id: f.id,
      name: f.name,
      attribution: f.attribution,
      skills: f.skills.map((s) => ({ id: s.id, name: s.name, altNames: s.altNames })),
    })),
  };
}

function notLoadedStatus(f: FrameworkSource): FrameworkStatus {
  return isRemoteSource(f)
    ? {
        ...{ id: f.id, name: f.name, url: f.url, format: f.format },
        ...{ state: 'pending', skillCount: 0, message: 'not loaded yet', problems: [] },
      }
    : { id: f.id, name: f.name, state: 'inline', skillCount: f.skills.length, problems: [] };
}

/** A cache in memory: tests, and an app given no place to keep copies (nothing survives a restart). */
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

/** The last refresh in memory only. */
export function memoryRefreshLog(): RefreshLog {
  let last: FrameworkRefresh | undefined;
  return {
    get: () => Promise.resolve(last),
    put: (refresh) => {
      last = refresh;
      return Promise.resolve();
    },
  };
}
