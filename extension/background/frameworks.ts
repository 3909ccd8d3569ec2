/**
 * The extension's skill frameworks: the learner core's store (shared/learner/frameworks.ts: the rules, the pickers'
 * view) over IndexedDB, refreshed by the background, read by the pages.
 *
 * Why IndexedDB (its own Dexie database) and not storage.local: a large framework (ESCO's full collection,
 * ~14k skills with labels and descriptions) is several MB; storage.local holds 10 MB for everything the
 * extension keeps there (sessions, settings) and hands whole values to every onChanged listener. IndexedDB
 * has the origin's quota (hundreds of MB), no unlimitedStorage permission needed, and a separate database
 * keeps the outbox's schema untouched. The last refresh is kept there too, so a restarted background knows it.
 *
 * When it downloads: checked at start-up, when the policy or the learner's settings change (new URLs load at
 * once) and on the sync alarm (the store's refreshIfDue: at most daily, an hour after a failure).
 */
import { Dexie, type Table } from 'dexie';
import {
  FrameworkStore,
  type FrameworkSettings,
  type RefreshLog,
  type SkillFrameworksView,
} from '../../shared/learner/frameworks';
import type { CachedFramework, FetchFunction, FrameworkCache, FrameworkRefresh } from '../../shared/skills';
import { loadSettings } from './settings';

interface RefreshRecord extends FrameworkRefresh {
  key: 'last';
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

function dexieRefreshLog(db: FrameworksDb): RefreshLog {
  return {
    get: () => db.refreshes.get('last'),
    put: async (refresh) => {
      await db.refreshes.put({ key: 'last', ...refresh });
    },
  };
}

export interface ExtensionFrameworksDeps {
  fetch: FetchFunction;
  now: () => number;
  /** Database name (tests use their own). */
  name?: string;
}

/** The store over the extension's IndexedDB. */
export function openFrameworkStore(deps: ExtensionFrameworksDeps): FrameworkStore {
  const db = new FrameworksDb(deps.name ?? 'trailnote-frameworks');
  return new FrameworkStore({
    cache: dexieFrameworkCache(db),
    log: dexieRefreshLog(db),
    fetch: deps.fetch,
    now: deps.now,
    // A restarted background may hold other copies: its stamps differ from the previous one's.
    runId: Math.random().toString(36).slice(2, 10),
    onError: (error) => console.error('Trailnote frameworks:', error),
  });
}

let store: FrameworkStore | undefined;

/** The background's one store (opened on first use). */
export function frameworkStore(): FrameworkStore {
  store ??= openFrameworkStore({ fetch: (url, init) => fetch(url, init), now: () => Date.now() });
  return store;
}

type SkillsPart = { skills: FrameworkSettings };

/** The stamp of `skills/frameworks`' answer for these settings (sent with every `popup/state`). */
export function frameworksStamp(settings: SkillsPart): Promise<string> {
  return frameworkStore().readyStamp(settings.skills);
}

/**
 * `skills/frameworks`: what the pickers search (the settings' frameworks as far as they are available offline,
 * then the starter set). Fetched once per page, again when the stamp changes.
 */
export function skillFrameworksView(settings: SkillsPart): Promise<SkillFrameworksView> {
  return frameworkStore().pickerView(settings.skills);
}

/** At start-up, on the sync alarm, after a settings change: cheap unless something is due. */
export async function refreshFrameworksIfDue(): Promise<void> {
  try {
    const { settings } = await loadSettings();
    await frameworkStore().refreshIfDue(settings.skills);
  } catch (error) {
    console.error('Trailnote frameworks: refresh failed', error);
  }
}
