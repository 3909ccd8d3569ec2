/**
 * The options page's messages as the background accepts them: a bounded parser per request (sizes far above any
 * real settings, far below harm), and the page's destination draft as the learner core's form. The values
 * themselves are checked by shared/policy validatePolicy when handled, with messages per key.
 */
import { secretInput, type DestinationForm } from '../../shared/learner/settings';
import { XAPI_VERSIONS, type XapiVersion } from '../../shared/policy';
import type { DestinationDraft, PageMessage } from '../platform/messages';
import { isRecord as isRec, type UnknownRecord as Rec } from '../../shared/guards';

type OptionsRequest =
  | 'options/state'
  | 'options/save'
  | 'destination/save'
  | 'destination/remove'
  | 'destination/test'
  | 'settings/export'
  | 'settings/import';

export type OptionsMessage = Extract<PageMessage, { type: OptionsRequest }>;

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
