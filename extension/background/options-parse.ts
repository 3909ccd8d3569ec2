/**
 * The options page's messages as the background accepts them: a bounded parser per request (sizes far above any
 * real settings, far below harm), and the page's destination draft as the learner core's form. The values
 * themselves are checked by shared/policy validatePolicy when handled, with messages per key.
 */
import { secretInput, type DestinationForm } from '../../shared/learner/settings';
import { XAPI_VERSIONS, type XapiVersion } from '../../shared/policy';
import type { DestinationDraft, LearnerEditable } from '../platform/messages';
import { isRecord as isRec, type UnknownRecord as Rec } from '../../shared/guards';

// Bounds on what a page may send: far above any real settings (10,000 domains per list), far below harm.
const MAX_SETTINGS_CHARS = 2_000_000;
const MAX_IMPORT_CHARS = 5_000_000;
const MAX_SECRET_CHARS = 4096;

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isXapiVersion = (v: unknown): v is XapiVersion => (XAPI_VERSIONS as readonly unknown[]).includes(v);

function parseDraft(v: unknown): DestinationDraft | undefined {
  if (!isRec(v)) return undefined;
  const { id, name, endpoint, auth, username, password, token, xapiVersion } = v;
  if (id !== undefined && !(str(id, 64) && /^[\w.-]+$/.test(id))) return undefined;
  if (!str(name, 200) || !str(endpoint, 2048)) return undefined;
  if (auth !== 'basic' && auth !== 'token') return undefined;
  if (!str(username, MAX_SECRET_CHARS) || !str(password, MAX_SECRET_CHARS) || !str(token, MAX_SECRET_CHARS))
    return undefined;
  if (!isXapiVersion(xapiVersion)) return undefined;
  return {
    ...(id !== undefined ? { id } : {}),
    name,
    endpoint,
    auth,
    username,
    password,
    token,
    xapiVersion,
  };
}

function sizeOf(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** `options/save`: the learner's `learner` and `capture` groups (their values are checked when handled). */
export function parseSettingsPayload({ settings }: Rec): { settings: LearnerEditable } | undefined {
  if (!isRec(settings) || Object.keys(settings).some((k) => k !== 'learner' && k !== 'capture'))
    return undefined;
  return sizeOf(settings) > MAX_SETTINGS_CHARS ? undefined : { settings };
}

/** `destination/save`, `destination/test`: the form's draft. */
export function parseDraftPayload({ destination }: Rec): { destination: DestinationDraft } | undefined {
  const draft = parseDraft(destination);
  return draft && { destination: draft };
}

/** `destination/remove`: a destination id. */
export function parseDestinationRef({ id }: Rec): { id: string } | undefined {
  return str(id, 64) && id.length > 0 ? { id } : undefined;
}

/** `settings/import`: the file's text, preview or apply, and the endpoints the learner saw in the preview. */
export function parseImportPayload({
  text,
  apply,
  confirmed,
}: Rec): { text: string; apply: boolean; confirmed?: string[] } | undefined {
  if (!str(text, MAX_IMPORT_CHARS) || typeof apply !== 'boolean') return undefined;
  if (confirmed === undefined) return { text, apply };
  if (!Array.isArray(confirmed) || confirmed.length > 20) return undefined;
  const seen: string[] = [];
  for (const endpoint of confirmed) {
    if (!str(endpoint, 2048)) return undefined;
    seen.push(endpoint);
  }
  return { text, apply, confirmed: seen };
}

/**
 * The page's destination draft as the learner core's form (shared/learner/settings.ts): a blank credential means
 * "keep the saved one" (the page never shows one).
 */
export function destinationForm(draft: DestinationDraft, id: string): DestinationForm {
  return {
    id,
    name: draft.name,
    endpoint: draft.endpoint,
    xapiVersion: draft.xapiVersion,
    auth: draft.auth,
    username: secretInput(draft.username),
    password: secretInput(draft.password),
    token: secretInput(draft.token),
  };
}
