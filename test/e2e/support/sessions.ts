import type { Worker } from 'playwright-core';

/**
 * The extension's open capture sessions as stored (one `session:<statement id>` key each,
 * extension/background/sessions.ts), read inside its service worker.
 */
export async function storedSessions<T = { tabUrl: string; kind: string }>(
  worker: Worker,
): Promise<Record<string, T>> {
  const all = await worker.evaluate(async () => chrome.storage.local.get(null));
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('session:'))) as Record<
    string,
    T
  >;
}
