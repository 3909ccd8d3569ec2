/**
 * The desktop's copies of the skill frameworks the policy names by URL (docs/policy.md `skills.frameworks[].url` +
 * `format`): the learner core's FrameworkCache port (shared/learner/frameworks.ts has the store and its rules) as
 * files in the app's user-data folder (`userData/frameworks/`, one JSON file per framework URL), so the skill
 * pickers work offline and after a restart. Main checks what is due on its hourly tick; the store notices when the
 * settings name other frameworks.
 */
import { createHash } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CachedFramework, FrameworkCache } from '../../shared/skills';
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
