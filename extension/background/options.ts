/**
 * The options page's side of the background: what the page shows, and the learner's changes to their own
 * settings and destinations (storage.local `learnerSettings`, policy-shaped: docs/policy.md § Shape), saved through
 * the learner core (shared/learner/settings.ts: validated by shared/policy, enforced keys kept, saved credentials
 * kept by an explicit marker). Credentials are typed into the page and sent here, stored here, and never sent
 * back: replies only say `hasSecret: true` (docs/policy.md: credentials stay in the background).
 * The page's messages are parsed in options-parse.ts and routed in options-routes.ts; "Test connection" is
 * options-connection.ts; the settings file's export and import are options-import.ts.
 */
import { checkDestination, withChoices } from '../../shared/learner/settings';
import {
  SETTINGS_LEAF_PATHS,
  readPath,
  resolveSettings,
  type PolicyDocument,
  type XapiVersion,
} from '../../shared/policy';
import { isIdentified } from '../../shared/xapi';
import type {
  DestinationDraft,
  DestinationSummary,
  LearnerEditable,
  OptionsState,
  SaveResult,
} from '../platform/messages';
import { setLearnerSettings } from '../platform/secrets';
import { getLocal } from '../platform/storage';
import { destinationForm } from './options-parse';
import {
  LEARNER_SOURCE,
  ORGANISATION_SOURCE,
  learnerDestinations,
  loadSettings,
  organisationDocument,
  ownDocument,
} from './settings';

export interface OptionsDeps {
  /** Runs a sync (saved settings may release items: a learner who just identified, a new destination). */
  sync: () => Promise<void>;
  /** For "Test connection" (tests pass their own; the default is the global fetch). */
  fetch?: typeof fetch;
  /** A fresh random id (destination ids, the statement id probed by the connection test). */
  randomId?: () => string;
  /** Budget of each request of the connection test, in ms. */
  testTimeoutMs?: number;
}

/** The learner may keep up to 20 destinations of their own (docs/policy.md `destinations`). */
const MAX_LEARNER_DESTINATIONS = 20;

function summary(d: {
  id: string;
  name: string;
  endpoint: string;
  xapiVersion: XapiVersion;
  token?: string;
  origin: 'organisation' | 'learner';
}): DestinationSummary {
  return {
    id: d.id,
    name: d.name,
    endpoint: d.endpoint,
    xapiVersion: d.xapiVersion,
    auth: d.token !== undefined ? 'token' : 'basic',
    origin: d.origin,
    hasSecret: true,
  };
}

export async function optionsState(): Promise<OptionsState> {
  // loadSettings also refreshes the stored `policyIssues` that the page lists.
  const resolved = await loadSettings();
  const organisation = await organisationDocument();
  const own = await ownDocument();
  const base = resolveSettings({ enforced: organisation }).settings;
  const { settings } = resolved;
  const learner = settings.learner;
  return {
    destinations: settings.destinations.map(summary),
    allowLearnerDestinations: settings.allowLearnerDestinations,
    effective: { learner, capture: settings.capture },
    base: { learner: base.learner, capture: base.capture },
    own: {
      ...(own.learner ? { learner: own.learner } : {}),
      ...(own.capture ? { capture: own.capture } : {}),
    },
    locked: [...resolved.locked],
    recommended: SETTINGS_LEAF_PATHS.filter(
      (path) => readPath(organisation.recommended, path.split('.')) !== undefined,
    ),
    identified: isIdentified(learner), // as sending decides (shared/policy maySend)
    issues: ((await getLocal('policyIssues')) ?? []).map((issue) => ({
      ...issue,
      from: issue.source === ORGANISATION_SOURCE ? 'organisation' : 'learner',
    })),
  };
}

/** The learner's choices (learner, capture); the page sends no enforced key, the learner's own value stays. */
export async function saveSettings(input: LearnerEditable, deps: OptionsDeps): Promise<SaveResult> {
  const { locked } = await loadSettings();
  const result = withChoices(await ownDocument(), input, locked, LEARNER_SOURCE);
  if (!result.ok) return { ok: false, issues: result.issues };
  await setLearnerSettings(result.document);
  void deps.sync().catch(() => undefined);
  return { ok: true };
}

/** Adds or edits one of the learner's destinations; blank credentials keep the saved ones of the same field. */
export async function saveDestination(draft: DestinationDraft, deps: OptionsDeps): Promise<SaveResult> {
  const { settings } = await loadSettings();
  if (!settings.allowLearnerDestinations) return { ok: false, error: 'not-allowed' };
  const { stored, list } = await learnerDestinations();
  const existing = draft.id === undefined ? undefined : list.find((d) => d.id === draft.id);
  if (draft.id !== undefined && !existing) return { ok: false, error: 'not-found' };
  const id = existing?.id ?? `mine-${(deps.randomId ?? (() => crypto.randomUUID()))().slice(0, 8)}`;
  const checked = checkDestination(destinationForm(draft, id), existing, LEARNER_SOURCE);
  if (!checked.ok) return { ok: false, issues: checked.issues };
  const { entry } = checked;
  const next = existing ? list.map((d) => (d.id === id ? entry : d)) : [...list, entry];
  if (next.length > MAX_LEARNER_DESTINATIONS) return { ok: false, error: 'too-many' };
  await setLearnerSettings({ ...stored, destinations: next });
  void deps.sync().catch(() => undefined);
  return { ok: true, id };
}

export async function removeDestination(
  id: string,
  deps: OptionsDeps,
): Promise<{ ok: boolean; error?: string }> {
  const { stored, list } = await learnerDestinations();
  if (!list.some((d) => d.id === id)) return { ok: false, error: 'not-found' };
  const next = list.filter((d) => d.id !== id);
  const doc: PolicyDocument = { ...stored, destinations: next };
  if (next.length === 0) delete doc.destinations;
  await setLearnerSettings(doc);
  void deps.sync().catch(() => undefined);
  return { ok: true };
}
