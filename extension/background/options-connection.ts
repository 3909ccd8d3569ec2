/**
 * The options page's "Test connection": checks the destination the learner typed (with the saved credentials of
 * the one being edited where the fields are blank) against its LRS, and stores nothing. Credentials never leave
 * the background.
 */
import { checkDestination } from '../../shared/learner/settings';
import { destinationCredentials } from '../../shared/policy';
import { LrsClient, checkConnection, connectionVerdict } from '../../shared/sync';
import type { ConnectionTest, DestinationDraft } from '../platform/messages';
import type { OptionsDeps } from './options';
import { destinationForm } from './options-parse';
import { LEARNER_SOURCE, learnerDestinations } from './settings';

/**
 * Checks what the learner typed: `GET about` for the versions the LRS speaks, then a statements GET of a
 * random id with the credentials (200 or 404 means they were accepted; 401 that they were refused). A 403
 * means the LRS knows the key but will not let it read: docs/policy.md advises write-only keys, which is fine for
 * sending, so it passes, saying so (`writeOnly`).
 */
export async function testDestination(draft: DestinationDraft, deps: OptionsDeps): Promise<ConnectionTest> {
  const saved =
    draft.id === undefined ? undefined : (await learnerDestinations()).list.find((d) => d.id === draft.id);
  const checked = checkDestination(destinationForm(draft, 'connection-test'), saved, LEARNER_SOURCE);
  if (!checked.ok) return { ok: false, problem: 'invalid', issues: checked.issues };
  const { entry } = checked;
  const client = new LrsClient(
    { endpoint: entry.endpoint, credentials: destinationCredentials(entry) ?? { kind: 'none' } },
    { timeoutMs: deps.testTimeoutMs ?? 15_000, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  );
  // One connection test for this page and `trailnote check-lrs` (shared/sync/connection-test.ts).
  const setting = entry.xapiVersion ?? 'auto';
  const probeId = (deps.randomId ?? (() => crypto.randomUUID()))();
  return connectionVerdict(await checkConnection(client, setting, probeId), setting);
}
