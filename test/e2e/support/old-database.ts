/**
 * The Node side of the old-database check: the page module (./old-database-page.ts) bundled, and calls into it.
 * Shared by the e2e test and `npm run bench:upgrade`.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { OldDatabasePage } from './old-database-page';

/** The page module bundled as the apps bundle shared/outbox (Dexie and all), as one classic script. */
export async function oldDatabaseScript(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, 'old-database-page.ts')],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}

/** Calls a method of the page's `window.oldDatabase`. */
export function call<K extends keyof OldDatabasePage>(
  on: Page,
  name: K,
  ...args: Parameters<OldDatabasePage[K]>
): Promise<Awaited<ReturnType<OldDatabasePage[K]>>> {
  return on.evaluate(
    ([n, a]) =>
      (window as unknown as { oldDatabase: Record<string, (...x: unknown[]) => unknown> }).oldDatabase[n]!(
        ...a,
      ),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<OldDatabasePage[K]>>>;
}
