/**
 * The learner's settings file: export (their own settings, never a credential) and import (the same policy shape,
 * docs/policy.md: learners import the same shape), previewed first, applied only for the addresses the learner saw.
 */
import {
  SETTINGS_LEAF_PATHS,
  readPath,
  validatePolicy,
  type DestinationEntry,
  type PolicyDocument,
} from '../../shared/policy';
import type { ImportedDestination, ImportResult } from '../platform/messages';
import { setLearnerSettings } from '../platform/secrets';
import type { OptionsDeps } from './options';
import { learnerDestinations, ownDocument } from './settings';
import { isRecord as isRec, type UnknownRecord as Rec } from '../../shared/guards';

/** Keys a learner's document may set that only the organisation decides (layer.ts ignores them). */
const ORGANISATION_ONLY_KEYS = ['allowLearnerDestinations', 'recommended'] as const;

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
export async function importSettings(
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
