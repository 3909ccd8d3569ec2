import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where Debian's Chromium reads enterprise policy (docs/policy.md, ENVIRONMENT.md). */
export const CHROMIUM_POLICY_FILE = '/etc/chromium/policies/managed/trailnote-e2e.json';

/** Install a managed policy for the extension, as an admin would; returns the function that removes it. */
export function installChromiumPolicy(extensionId: string, document: object): () => void {
  mkdirSync(dirname(CHROMIUM_POLICY_FILE), { recursive: true });
  writeFileSync(
    CHROMIUM_POLICY_FILE,
    JSON.stringify({ '3rdparty': { extensions: { [extensionId]: document } } }, null, 2),
  );
  return () => rmSync(CHROMIUM_POLICY_FILE, { force: true });
}
