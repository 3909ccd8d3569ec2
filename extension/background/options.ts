/**
 * The options page's side of the background: what the page shows, and the learner's changes to their own
 * settings (storage.local `learnerSettings`, policy-shaped: docs/policy.md § Shape). Every change goes through
 * shared/policy validatePolicy before it is stored, and loadSettings layers it under the organisation's policy
 * at once. Credentials are typed into the page and sent here, stored here, and never sent back: replies only
 * say `hasSecret: true` (docs/policy.md: credentials stay in the background).
 */
import {
  SETTINGS_LEAF_PATHS,
  XAPI_VERSIONS,
  destinationCredentials,
  resolveSettings,
  validatePolicy,
  type DestinationEntry,
  readPath,
  type PolicyDocument,
  type PolicyIssue,
  type XapiVersion,
} from '../../shared/policy';
import { isIdentified } from '../../shared/xapi';
import { LrsClient, LrsTransportError, aboutVersions, lrsMessage, type LrsResponse } from '../../shared/sync';
import type {
  ConnectionTest,
  DestinationDraft,
  DestinationSummary,
  ImportedDestination,
  ImportResult,
  LearnerEditable,
  OptionsState,
  PageMessage,
  PageToBackground,
  SaveResult,
} from '../platform/messages';
import { getLearnerSettings, setLearnerSettings } from '../platform/secrets';
import { getLocal, getManaged } from '../platform/storage';
import { LEARNER_SOURCE, ORGANISATION_SOURCE, loadSettings } from './settings';
import { isRec, type Rec } from './validate';

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

const OPTIONS_TYPES = [
  'options/state',
  'options/save',
  'destination/save',
  'destination/remove',
  'destination/test',
  'settings/export',
  'settings/import',
] as const;

export type OptionsMessage = Extract<PageMessage, { type: (typeof OPTIONS_TYPES)[number] }>;
type OptionsResponse = PageToBackground[OptionsMessage['type']]['response'];

/** Keys a learner's document may set that only the organisation decides (layer.ts ignores them). */
const ORGANISATION_ONLY_KEYS = ['allowLearnerDestinations', 'recommended'] as const;

// Bounds on what a page may send: far above any real settings (10,000 domains per list), far below harm.
const MAX_SETTINGS_CHARS = 2_000_000;
const MAX_IMPORT_CHARS = 5_000_000;
const MAX_SECRET_CHARS = 4096;

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

export function isOptionsMessageType(type: unknown): type is OptionsMessage['type'] {
  return (OPTIONS_TYPES as readonly unknown[]).includes(type);
}

function parseDraft(v: unknown): DestinationDraft | undefined {
  if (!isRec(v)) return undefined;
  const { id, name, endpoint, auth, username, password, token, xapiVersion } = v;
  if (id !== undefined && !(str(id, 64) && /^[\w.-]+$/.test(id))) return undefined;
  if (!str(name, 200) || !str(endpoint, 2048)) return undefined;
  if (auth !== 'basic' && auth !== 'token') return undefined;
  if (![username, password, token].every((s) => str(s, MAX_SECRET_CHARS))) return undefined;
  if (!(XAPI_VERSIONS as readonly unknown[]).includes(xapiVersion)) return undefined;
  return {
    ...(id !== undefined ? { id } : {}),
    name,
    endpoint,
    auth,
    username: username as string,
    password: password as string,
    token: token as string,
    xapiVersion: xapiVersion as XapiVersion,
  };
}

function sizeOf(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** Parse a message of the options family, or undefined when it does not fit the contract. */
export function parseOptionsMessage(v: Rec): OptionsMessage | undefined {
  switch (v.type) {
    case 'options/state':
    case 'settings/export':
      return { type: v.type };
    case 'options/save': {
      const s = v.settings;
      if (!isRec(s) || Object.keys(s).some((k) => k !== 'learner' && k !== 'capture')) return undefined;
      if (sizeOf(s) > MAX_SETTINGS_CHARS) return undefined;
      // The values themselves are checked by validatePolicy when handled, with messages per key.
      return { type: 'options/save', settings: s };
    }
    case 'destination/save':
    case 'destination/test': {
      const destination = parseDraft(v.destination);
      return destination ? { type: v.type, destination } : undefined;
    }
    case 'destination/remove':
      return str(v.id, 64) && v.id.length > 0 ? { type: 'destination/remove', id: v.id } : undefined;
    case 'settings/import': {
      if (!str(v.text, MAX_IMPORT_CHARS) || typeof v.apply !== 'boolean') return undefined;
      const confirmed = v.confirmed;
      if (confirmed === undefined) return { type: 'settings/import', text: v.text, apply: v.apply };
      return Array.isArray(confirmed) && confirmed.length <= 20 && confirmed.every((e) => str(e, 2048))
        ? { type: 'settings/import', text: v.text, apply: v.apply, confirmed }
        : undefined;
    }
    default:
      return undefined;
  }
}

export async function handleOptionsMessage(msg: OptionsMessage, deps: OptionsDeps): Promise<OptionsResponse> {
  switch (msg.type) {
    case 'options/state':
      return optionsState();
    case 'options/save':
      return saveSettings(msg.settings, deps);
    case 'destination/save':
      return saveDestination(msg.destination, deps);
    case 'destination/remove':
      return removeDestination(msg.id, deps);
    case 'destination/test':
      return testDestination(msg.destination, deps);
    case 'settings/export':
      return { document: await exportSettings() };
    case 'settings/import':
      return importSettings(msg.text, msg.apply, deps, msg.confirmed);
  }
}

// ---- reading the layers

/** The learner's stored document, validated (what loadSettings layers). */
async function ownDocument(): Promise<PolicyDocument> {
  return validatePolicy(await getLearnerSettings(), LEARNER_SOURCE).document;
}

async function organisationDocument(): Promise<PolicyDocument> {
  return validatePolicy(await getManaged(), ORGANISATION_SOURCE).document;
}

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

async function optionsState(): Promise<OptionsState> {
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

// ---- saving the learner's settings

async function saveSettings(input: LearnerEditable, deps: OptionsDeps): Promise<SaveResult> {
  const checked = validatePolicy(input, LEARNER_SOURCE);
  if (checked.issues.length > 0) return { ok: false, issues: checked.issues };
  const stored = await ownDocument();
  const { locked } = await loadSettings();
  const next: PolicyDocument = { ...stored };
  for (const group of ['learner', 'capture'] as const) {
    const value: Rec = { ...(checked.document[group] ?? {}) };
    // The page sends no enforced key: the learner's own value stays, to apply if the organisation lets go.
    for (const path of locked) {
      const [head, key] = path.split('.');
      if (head !== group || key === undefined) continue;
      const kept = readPath(stored, path.split('.'));
      if (kept !== undefined) value[key] = kept;
    }
    if (Object.keys(value).length > 0) next[group] = value;
    else delete next[group];
  }
  await setLearnerSettings(next);
  void deps.sync().catch(() => undefined);
  return { ok: true };
}

// ---- the learner's destinations

/** A policy destination entry from the form; blank secrets take the stored ones of the same kind. */
function entryFromDraft(draft: DestinationDraft, id: string, existing?: DestinationEntry): DestinationEntry {
  const entry: Rec = { id, endpoint: draft.endpoint.trim(), xapiVersion: draft.xapiVersion };
  const name = draft.name.trim();
  if (name) entry.name = name;
  if (draft.auth === 'token') {
    entry.token = draft.token === '' && existing?.token !== undefined ? existing.token : draft.token;
  } else if (draft.username === '' && draft.password === '' && existing?.username !== undefined) {
    entry.username = existing.username;
    entry.password = existing.password;
  } else {
    entry.username = draft.username;
    entry.password = draft.password;
  }
  return entry as unknown as DestinationEntry;
}

/** Validates one entry as a policy destination; its issues' paths are the form's field names. */
function checkEntry(entry: DestinationEntry): { entry?: DestinationEntry; issues: PolicyIssue[] } {
  const checked = validatePolicy({ destinations: [entry] }, LEARNER_SOURCE);
  const issues = checked.issues
    .filter((i) => !/^destinations\[0\]$/.test(i.path) || !/was ignored because/.test(i.message))
    .map((i) => ({
      ...i,
      path: i.path.replace(/^destinations\[0\]\.?/, ''),
      message: i.message.replace(/^destinations\[0\](?::\s*|\.)/, ''),
    }));
  const valid = checked.document.destinations?.[0];
  return issues.length === 0 && valid ? { entry: valid, issues } : { issues };
}

async function learnerDestinations(): Promise<{ stored: PolicyDocument; list: DestinationEntry[] }> {
  const stored = await ownDocument();
  return { stored, list: stored.destinations ?? [] };
}

async function saveDestination(draft: DestinationDraft, deps: OptionsDeps): Promise<SaveResult> {
  const { settings } = await loadSettings();
  if (!settings.allowLearnerDestinations) return { ok: false, error: 'not-allowed' };
  const { stored, list } = await learnerDestinations();
  const existing = draft.id === undefined ? undefined : list.find((d) => d.id === draft.id);
  if (draft.id !== undefined && !existing) return { ok: false, error: 'not-found' };
  const id = existing?.id ?? `mine-${(deps.randomId ?? randomId)().slice(0, 8)}`;
  const { entry, issues } = checkEntry(entryFromDraft(draft, id, existing));
  if (!entry) return { ok: false, issues };
  const next = existing ? list.map((d) => (d.id === id ? entry : d)) : [...list, entry];
  if (next.length > 20) return { ok: false, error: 'too-many' };
  await setLearnerSettings({ ...stored, destinations: next });
  void deps.sync().catch(() => undefined);
  return { ok: true, id };
}

async function removeDestination(id: string, deps: OptionsDeps): Promise<{ ok: boolean; error?: string }> {
  const { stored, list } = await learnerDestinations();
  if (!list.some((d) => d.id === id)) return { ok: false, error: 'not-found' };
  const next = list.filter((d) => d.id !== id);
  const doc: PolicyDocument = { ...stored, destinations: next };
  if (next.length === 0) delete doc.destinations;
  await setLearnerSettings(doc);
  void deps.sync().catch(() => undefined);
  return { ok: true };
}

// ---- "Test connection": reads /about, then checks the credentials; stores nothing

/**
 * Checks what the learner typed: `GET about` for the versions the LRS speaks, then a statements GET of a
 * random id with the credentials (200 or 404 means they were accepted; 401 that they were refused). A 403
 * means the LRS knows the key but will not let it read: docs/policy.md advises write-only keys, which is fine for
 * sending, so it passes, saying so (`writeOnly`).
 */
export async function testDestination(draft: DestinationDraft, deps: OptionsDeps): Promise<ConnectionTest> {
  // Editing: blank secrets mean "the stored ones", so those are tested; they still never leave the background.
  const existing =
    draft.id === undefined ? undefined : (await learnerDestinations()).list.find((d) => d.id === draft.id);
  const { entry, issues } = checkEntry(entryFromDraft(draft, 'connection-test', existing));
  if (!entry) return { ok: false, problem: 'invalid', issues };
  const client = new LrsClient(
    { endpoint: entry.endpoint, credentials: destinationCredentials(entry) ?? { kind: 'none' } },
    { timeoutMs: deps.testTimeoutMs ?? 15_000, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  );
  const call = async (request: () => Promise<LrsResponse>) => {
    try {
      return { res: await request() };
    } catch (err) {
      const detail = err instanceof LrsTransportError || err instanceof Error ? err.message : String(err);
      return { failed: { ok: false, problem: 'network', detail } satisfies ConnectionTest };
    }
  };
  const refused = (res: LrsResponse) => res.status === 401 || res.status === 403;

  const about = await call(() => client.about());
  if (!about.res) return about.failed;
  if (refused(about.res)) return { ok: false, problem: 'credentials', detail: lrsMessage(about.res) };
  const read = aboutVersions(about.res);
  if ('error' in read) return { ok: false, problem: 'about', detail: read.error };
  const { versions } = read;
  const speaks = (v: string) => versions.some((x) => x.startsWith(v.slice(0, 3)));
  if (entry.xapiVersion && entry.xapiVersion !== 'auto' && !speaks(entry.xapiVersion)) {
    return { ok: false, problem: 'version', versions, detail: entry.xapiVersion };
  }
  // The same choice as the sync engine (shared/sync/engine.ts): 2.0.0 when listed, else 1.0.3.
  const version =
    entry.xapiVersion && entry.xapiVersion !== 'auto' ? entry.xapiVersion : speaks('2.0') ? '2.0.0' : '1.0.3';

  const probe = await call(() => client.getStatement((deps.randomId ?? randomId)(), version));
  if (!probe.res) return probe.failed;
  if (probe.res.status === 401)
    return { ok: false, problem: 'credentials', versions, detail: lrsMessage(probe.res) };
  if (probe.res.status === 403) return { ok: true, versions, writeOnly: true };
  if (probe.res.status === 200 || probe.res.status === 404) return { ok: true, versions };
  return { ok: false, problem: 'lrs', versions, detail: lrsMessage(probe.res) };
}

function randomId(): string {
  return crypto.randomUUID();
}

// ---- export and import (the same policy shape; docs/policy.md: learners import the same shape)

/** The learner's own settings, without any credential (the page says so). */
export async function exportSettings(): Promise<PolicyDocument> {
  const own = await ownDocument();
  const doc: PolicyDocument = { ...own };
  for (const key of ORGANISATION_ONLY_KEYS) delete doc[key];
  if (own.destinations) {
    doc.destinations = own.destinations.map(({ username: _u, password: _p, token: _t, ...rest }) => rest);
  }
  return doc;
}

/**
 * Validates an imported settings file. Its destinations usually come without credentials (an export has
 * none): one with the id of a destination stored here takes the stored credentials, but only when its endpoint
 * has the same origin, so a crafted file cannot redirect the learner's key. The preview lists every endpoint;
 * applying needs the endpoints the learner saw (`confirmed`), so nothing goes to an address they did not see.
 */
async function importSettings(
  text: string,
  apply: boolean,
  deps: OptionsDeps,
  confirmed?: readonly string[],
): Promise<ImportResult> {
  const { stored, list } = await learnerDestinations();
  const raw = parseJsonObject(text);
  const secrets = new Map<string, ImportedDestination['secret']>();
  if (raw && Array.isArray(raw.destinations)) {
    raw.destinations = raw.destinations.map((d: unknown) => {
      if (!isRec(d)) return d;
      if ('username' in d || 'password' in d || 'token' in d) {
        secrets.set(String(d.id), 'in-file');
        return d;
      }
      const known = list.find((s) => s.id === d.id);
      if (!known || typeof d.endpoint !== 'string') return d;
      if (originOf(known.endpoint) !== originOf(d.endpoint)) {
        secrets.set(String(d.id), 'not-reused');
        return d;
      }
      secrets.set(String(d.id), 'kept');
      return { ...d, ...credentialsOf(known) };
    });
  }
  const checked = validatePolicy(raw ?? text, 'imported file');
  const doc = checked.document;
  const ignored = ORGANISATION_ONLY_KEYS.filter((k) => doc[k] !== undefined);
  const keys = [
    ...SETTINGS_LEAF_PATHS.filter(
      (p) =>
        p !== 'destinations' && !p.startsWith('allowLearner') && readPath(doc, p.split('.')) !== undefined,
    ),
    ...(doc.destinations ?? []).map((d) => `destinations[${d.id}]`),
  ];
  // Every destination the file names, valid or not: the learner sees each address before anything is applied.
  const destinations: ImportedDestination[] = (Array.isArray(raw?.destinations) ? raw.destinations : [])
    .filter((d): d is Rec => isRec(d) && typeof d.id === 'string' && typeof d.endpoint === 'string')
    .map((d) => ({
      id: d.id as string,
      ...(typeof d.name === 'string' ? { name: d.name } : {}),
      endpoint: d.endpoint as string,
      secret: secrets.get(d.id as string) ?? 'none',
    }));
  const result: ImportResult = {
    ok: true,
    issues: checked.issues,
    keys,
    ignored: [...ignored],
    applied: false,
    destinations,
  };
  if (!apply || keys.length === 0) return result;
  const seen = [...(confirmed ?? [])].sort();
  const wanted = destinations.map((d) => d.endpoint).sort();
  if (seen.length !== wanted.length || seen.some((e, i) => e !== wanted[i])) {
    return {
      ...result,
      error:
        'The destinations to import were not confirmed: preview the file again and check every address before applying.',
    };
  }

  const next: PolicyDocument = { ...stored };
  for (const group of ['learner', 'capture', 'skills'] as const) {
    if (doc[group]) next[group] = { ...(stored[group] ?? {}), ...doc[group] };
  }
  if (doc.destinations) {
    const imported = new Map(doc.destinations.map((d) => [d.id, d]));
    const merged = [...list.map((d) => imported.get(d.id) ?? d)];
    for (const d of doc.destinations) if (!list.some((s) => s.id === d.id)) merged.push(d);
    next.destinations = merged.slice(0, 20);
  }
  await setLearnerSettings(next);
  void deps.sync().catch(() => undefined);
  return { ...result, applied: true };
}

/** The scheme, host and port of an endpoint, or the text itself when it is not a URL. */
function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return endpoint;
  }
}

function credentialsOf(d: DestinationEntry): Rec {
  return d.token !== undefined ? { token: d.token } : { username: d.username, password: d.password };
}

function parseJsonObject(text: string): Rec | undefined {
  try {
    const v: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return isRec(v) ? v : undefined;
  } catch {
    return undefined; // validatePolicy names the problem from the text itself
  }
}
