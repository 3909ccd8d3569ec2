/**
 * Ask the browser to keep the extension's storage under pressure (the outbox holds the learner's record and
 * unsent statements). `unlimitedStorage` in the manifest lifts the quota; `persist()` asks that nothing be
 * evicted. It exists on extension pages (Window), not in every service worker: where it is missing this does
 * nothing, and Chromium already treats an extension with `unlimitedStorage` as persistent.
 */
export async function keepStorage(): Promise<boolean | undefined> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.persist !== 'function') return undefined;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return undefined; // a browser that refuses to answer: nothing more to do here
  }
}
