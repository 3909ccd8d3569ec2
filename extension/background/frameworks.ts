/**
 * Skill frameworks the policy names by URL (docs/policy.md `skills.frameworks[].url`), for the extension: the pure
 * loader (shared/skills/remote.ts) with an IndexedDB cache, refreshed by the background, read by the popup.
 *
 * Why IndexedDB (its own Dexie database) and not storage.local: a large framework (ESCO's full collection,
 * ~14k skills with labels and descriptions) is several MB; storage.local holds 10 MB for everything the
 * extension keeps there (sessions, settings) and hands whole values to every onChanged listener. IndexedDB
 * has the origin's quota (hundreds of MB), no unlimitedStorage permission needed, and a separate database
 * keeps the outbox's schema untouched.
 *
 * When it downloads: checked at start-up, when the policy or the learner's settings change (new URLs load at
 * once) and on the sync alarm. A copy younger than a day is never fetched again (the loader's rule), and
 * after a failed attempt the alarm waits an hour before trying again, so a broken server is not asked every
 * 5 minutes.
 */
import { Dexie, type Table } from 'dexie';
import { fnv1a } from '../../shared/fingerprint';
import type { Settings } from '../../shared/policy';
import {
  frameworkRefreshDue,
  isRemoteSource,
  loadFrameworks,
  type CachedFramework,
  type FetchFunction,
  type FrameworkCache,
  type FrameworkStatus,
  type SkillFramework,
  STARTER_FRAMEWORK,
} from '../../shared/skills';
import type { SkillFrameworksView } from '../platform/messages';
import { loadSettings } from './settings';

interface RefreshRecord {
  key: 'last';
  /** The settings' frameworks it was made for (JSON). */
  sources: string;
  at: number;
  statuses: FrameworkStatus[];
}

class FrameworksDb extends Dexie {
  frameworks!: Table<CachedFramework, string>;
  refreshes!: Table<RefreshRecord, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ frameworks: 'key', refreshes: 'key' });
  }
}

function dexieFrameworkCache(db: FrameworksDb): FrameworkCache {
  return {
    get: (key) => db.frameworks.get(key),
    put: async (entry) => {
      await db.frameworks.put(entry);
    },
    retain: async (keys) => {
      const keep = new Set(keys);
      await db.frameworks.filter((entry) => !keep.has(entry.key)).delete();
    },
  };
}

export interface FrameworkStoreDeps {
  fetch: FetchFunction;
  now: () => number;
  /** Database name (tests use their own). */
  name?: string;
}

type SkillsPart = Pick<Settings, 'skills'>;

export class FrameworkStore {
  private readonly db: FrameworksDb;
  private readonly cache: FrameworkCache;
  /** The last frameworks read, by the settings they were read for: the popup asks every few seconds. */
  private memo: { sources: string; frameworks: Promise<SkillFramework[]> } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts refreshes: part of the stamp, so pages fetch the frameworks again after a download. */
  private generation = 0;
  /** Tells this background's stamps from a previous one's (a restart resets `generation`). */
  private readonly boot = Math.random().toString(36).slice(2, 10);

  constructor(private readonly deps: FrameworkStoreDeps) {
    this.db = new FrameworksDb(deps.name ?? 'trailnote-frameworks');
    this.cache = dexieFrameworkCache(this.db);
  }

  /** The settings' frameworks, ready to search, from the policy and the offline copies (no network). */
  current(settings: SkillsPart): Promise<SkillFramework[]> {
    const sources = JSON.stringify(settings.skills.frameworks);
    if (this.memo?.sources !== sources) {
      const frameworks = loadFrameworks(settings.skills, { cache: this.cache, now: this.deps.now }).then(
        (loaded) => loaded.frameworks,
      );
      this.memo = { sources, frameworks };
    }
    return this.memo.frameworks;
  }

  /**
   * Changes whenever what `current` gives may have changed (other settings' frameworks, a refresh): the popup
   * gets it every few seconds instead of the frameworks themselves (a 14k-skill framework is megabytes).
   */
  stamp(settings: SkillsPart): string {
    return `${this.boot}.${this.generation}.${fnv1a(JSON.stringify(settings.skills.frameworks))}`;
  }

  /** Downloads what is missing or older than a day; returns (and keeps) one status per framework. */
  refresh(settings: SkillsPart, options: { force?: boolean } = {}): Promise<FrameworkStatus[]> {
    return this.serially(() => this.refreshNow(settings, options));
  }

  /**
   * At start-up, on the sync alarm and when the settings change: refreshes at once when the frameworks
   * changed (new URLs load, dropped ones are forgotten), else a day after the last refresh, or an hour after
   * one that left a framework failing or stale. Nothing to do costs one small IndexedDB read.
   */
  refreshIfDue(settings: SkillsPart): Promise<void> {
    return this.serially(() => this.refreshIfDueNow(settings));
  }

  /**
   * One refresh (or due check) at a time: two events at once (a policy change during the alarm's refresh)
   * would otherwise both decide to download.
   */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async refreshIfDueNow(settings: SkillsPart): Promise<void> {
    const sources = JSON.stringify(settings.skills.frameworks);
    const last = await this.db.refreshes.get('last');
    if (
      !settings.skills.frameworks.some(isRemoteSource) &&
      (last === undefined || last.sources === sources)
    ) {
      return; // nothing to download, nothing to forget
    }
    if (frameworkRefreshDue(last, sources, this.deps.now())) await this.refreshNow(settings, {});
  }

  /**
   * One status per framework of the settings (for the options page): the last refresh's, when it was made for
   * these frameworks (it knows why a download failed), else what the offline copies give.
   */
  async statuses(settings: SkillsPart): Promise<FrameworkStatus[]> {
    const last = await this.db.refreshes.get('last').catch(() => undefined);
    if (last?.sources === JSON.stringify(settings.skills.frameworks)) return last.statuses;
    return (await loadFrameworks(settings.skills, { cache: this.cache, now: this.deps.now })).statuses;
  }

  private async refreshNow(settings: SkillsPart, options: { force?: boolean }): Promise<FrameworkStatus[]> {
    const loaded = await loadFrameworks(settings.skills, {
      fetch: this.deps.fetch,
      cache: this.cache,
      now: this.deps.now,
      force: options.force,
    });
    this.memo = undefined; // the pages see new downloads at their next state refresh (the stamp changes)
    this.generation += 1;
    const sources = JSON.stringify(settings.skills.frameworks);
    await this.db.refreshes
      .put({ key: 'last', sources, at: this.deps.now(), statuses: loaded.statuses })
      .catch((error: unknown) => console.error('Trailnote frameworks: could not keep the status', error));
    return loaded.statuses;
  }
}

let store: FrameworkStore | undefined;

/** The background's one store (opened on first use). */
export function frameworkStore(): FrameworkStore {
  store ??= new FrameworkStore({ fetch: (url, init) => fetch(url, init), now: () => Date.now() });
  return store;
}

/** What the popup's skill picker searches: the settings' frameworks as far as they are available offline. */
function currentFrameworks(settings: SkillsPart): Promise<SkillFramework[]> {
  return frameworkStore().current(settings);
}

/** The stamp of `skills/frameworks`' answer for these settings (sent with every `popup/state`). */
export function frameworksStamp(settings: SkillsPart): string {
  return frameworkStore().stamp(settings);
}

/**
 * `skills/frameworks`: what the pickers search, the settings' frameworks plus the starter set, trimmed to what
 * search and attribution need (no descriptions). Fetched once per page, again when the stamp changes.
 */
export async function skillFrameworksView(settings: SkillsPart): Promise<SkillFrameworksView> {
  const stamp = frameworksStamp(settings);
  const frameworks = [...(await currentFrameworks(settings)), STARTER_FRAMEWORK].map((f) => ({
    id: f.id,
    name: f.name,
    attribution: f.attribution,
    skills: f.skills.map((s) => ({ id: s.id, name: s.name, altNames: s.altNames })),
  }));
  return { stamp, frameworks };
}

/** At start-up, on the sync alarm, after a settings change: cheap unless something is due (refreshIfDue). */
export async function refreshFrameworksIfDue(): Promise<void> {
  try {
    const { settings } = await loadSettings();
    await frameworkStore().refreshIfDue(settings);
  } catch (error) {
    console.error('Trailnote frameworks: refresh failed', error);
  }
}

// ---- messages from extension pages (extension/platform/messages.ts § FRAMEWORKS)

const MESSAGE_TYPES = ['frameworks/status', 'frameworks/refresh', 'skills/frameworks'] as const;
export type FrameworkMessageType = (typeof MESSAGE_TYPES)[number];

export function isFrameworkMessageType(type: unknown): type is FrameworkMessageType {
  return MESSAGE_TYPES.includes(type as FrameworkMessageType);
}

/**
 * `frameworks/status`: how each framework loaded. `frameworks/refresh`: download them all again now.
 * `skills/frameworks`: the frameworks themselves, for the skill pickers.
 */
export async function handleFrameworkMessage(
  type: FrameworkMessageType,
): Promise<{ statuses: FrameworkStatus[] } | SkillFrameworksView> {
  const { settings } = await loadSettings();
  if (type === 'skills/frameworks') return skillFrameworksView(settings);
  const store = frameworkStore();
  if (type === 'frameworks/refresh') return { statuses: await store.refresh(settings, { force: true }) };
  return { statuses: await store.statuses(settings) };
}
