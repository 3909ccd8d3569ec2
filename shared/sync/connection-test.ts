/**
 * "Can Trailnote send to this LRS with this key?", asked the same way by the options page's "Test connection" and
 * by `trailnote check-lrs` (scripts/check-lrs/): `GET about` and the sync engine's own version choice
 * (./version.ts, docs/xapi-profile.md § Versions), then a read of a random statement id with the key. 200 or 404:
 * the key is accepted (and may read); 401: rejected; 403: a key the LRS knows that may not read, which
 * docs/policy.md advises (write-only keys) and is fine for sending. Nothing is sent or stored.
 */
import { aboutVersions, lrsMessage } from './answers';
import { LrsTransportError, type LrsClient, type LrsResponse } from './lrs-client';
import { chooseVersion, type VersionChoice, type XapiVersionSetting } from './version';

export type KeyVerdict = 'accepted' | 'write-only' | 'rejected' | 'no-answer' | 'unexpected';

export interface ConnectionCheck {
  /** False: `/about` got no HTTP answer (network, timeout); `detail` says why, and nothing else was asked. */
  reached: boolean;
  /** What `/about` lists, or why it could not be read (`refused`: it answered 401 or 403). */
  about: { versions: string[] } | { error: string; refused?: boolean };
  /** The version the sync engine will speak with these settings, and why it may not be the expected one. */
  choice: VersionChoice;
  /** The key, as the read answered: `no-answer` and `unexpected` (another status) come with `detail`. */
  key: KeyVerdict;
  /** The LRS's own words, or the network error, behind anything but plain success. */
  detail?: string;
  /** The read's answer had no X-Experience-API-Version header (xAPI requires it; Trailnote copes). */
  missingVersionHeader?: boolean;
}

export async function checkConnection(
  client: LrsClient,
  setting: XapiVersionSetting,
  probeId: string,
): Promise<ConnectionCheck> {
  const about = await answer(() => client.about());
  if ('error' in about) {
    const noAnswer = { error: `no answer to /about: ${about.error}` };
    return {
      reached: false,
      about: noAnswer,
      choice: chooseVersion(setting, noAnswer),
      key: 'no-answer',
      detail: about.error,
    };
  }
  const refused = about.status === 401 || about.status === 403;
  const listed = aboutVersions(about);
  const read: ConnectionCheck['about'] = 'error' in listed && refused ? { ...listed, refused } : listed;
  const choice = chooseVersion(setting, listed);
  if (refused) return { reached: true, about: read, choice, key: 'rejected', detail: lrsMessage(about) };
  const probe = await answer(() => client.getStatement(probeId, choice.version));
  if ('error' in probe) return { reached: true, about: read, choice, key: 'no-answer', detail: probe.error };
  const header = probe.headers['x-experience-api-version'] ? {} : { missingVersionHeader: true };
  const s = probe.status;
  const key: KeyVerdict =
    s === 200 || s === 404 ? 'accepted' : s === 403 ? 'write-only' : s === 401 ? 'rejected' : 'unexpected';
  return {
    reached: true,
    about: read,
    choice,
    key,
    ...header,
    ...(key === 'accepted' ? {} : { detail: lrsMessage(probe) }),
  };
}

/** The options page's verdict: what to tell the learner first (docs/policy.md: write-only keys pass). */
export interface ConnectionVerdict {
  ok: boolean;
  problem?: 'network' | 'about' | 'credentials' | 'version' | 'lrs';
  detail?: string;
  versions?: string[];
  writeOnly?: boolean;
}

export function connectionVerdict(c: ConnectionCheck, setting: XapiVersionSetting): ConnectionVerdict {
  if (!c.reached) return { ok: false, problem: 'network', detail: c.detail };
  if ('error' in c.about) {
    return c.about.refused
      ? { ok: false, problem: 'credentials', detail: c.detail }
      : { ok: false, problem: 'about', detail: c.about.error };
  }
  const { versions } = c.about;
  // A version set by hand that /about does not list (chooseVersion's note says so).
  if (setting !== 'auto' && c.choice.note)
    return { ok: false, problem: 'version', versions, detail: setting };
  switch (c.key) {
    case 'accepted':
      return { ok: true, versions };
    case 'write-only':
      return { ok: true, versions, writeOnly: true };
    case 'rejected':
      return { ok: false, problem: 'credentials', versions, detail: c.detail };
    case 'no-answer':
      return { ok: false, problem: 'network', detail: c.detail };
    case 'unexpected':
      return { ok: false, problem: 'lrs', versions, detail: c.detail };
  }
}

async function answer(request: () => Promise<LrsResponse>): Promise<LrsResponse | { error: string }> {
  try {
    return await request();
  } catch (err) {
    return { error: err instanceof LrsTransportError || err instanceof Error ? err.message : String(err) };
  }
}
