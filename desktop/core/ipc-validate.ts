/**
 * The settings form's payload, checked in main before anything acts on it: exact shape, types and bounds; a
 * payload that does not fit is refused as a whole, with a reason for the log, nothing coerced. Every other UI
 * payload has its validator in shared/learner/payloads.ts (dispatched by ui-payloads.ts).
 */
import { hasExactKeys as exactKeys, isPlainRecord as isRec, isStringUpTo as str } from '../../shared/guards';
import { bad, ok, type Parsed } from '../../shared/learner/payloads';
import { policySchema } from '../../shared/policy';
import type { SettingsInput } from './contract';

const bool = (v: unknown): v is boolean => typeof v === 'boolean';

/** The settings form's outer bounds (the learner's payloads take theirs from shared/learner/limits.ts). */
const BOUNDS = {
  name: 500,
  email: 320,
  endpoint: 2_048,
  username: 1_000,
  password: 4_096,
} as const;

/** The policy schema's own bound (docs/policy.md `capture.holdMinutes`), so the two cannot drift apart. */
const MAX_HOLD_MINUTES = policySchema.properties.capture.properties.holdMinutes.max;

const SETTINGS_KEYS = [
  'name',
  'email',
  'captureEnabled',
  'holdMinutes',
  'reviewBeforeSync',
  'destination',
] as const;

export function parseSettingsInput(v: unknown): Parsed<SettingsInput> {
  if (!isRec(v) || !exactKeys(v, SETTINGS_KEYS)) return bad('settings: unexpected fields');
  if (!str(v.name, BOUNDS.name) || !str(v.email, BOUNDS.email)) return bad('settings: identity');
  if (!bool(v.captureEnabled) || !bool(v.reviewBeforeSync)) return bad('settings: capture flags');
  if (
    typeof v.holdMinutes !== 'number' ||
    !Number.isInteger(v.holdMinutes) ||
    v.holdMinutes < 0 ||
    v.holdMinutes > MAX_HOLD_MINUTES
  ) {
    return bad('settings: holdMinutes');
  }
  let destination: SettingsInput['destination'] = null;
  if (v.destination !== null) {
    const d = v.destination;
    if (!isRec(d) || !exactKeys(d, ['endpoint', 'username', 'password'])) return bad('settings: destination');
    if (
      !str(d.endpoint, BOUNDS.endpoint) ||
      !str(d.username, BOUNDS.username) ||
      !str(d.password, BOUNDS.password)
    ) {
      return bad('settings: destination fields');
    }
    destination = { endpoint: d.endpoint, username: d.username, password: d.password };
  }
  return ok({
    name: v.name,
    email: v.email,
    captureEnabled: v.captureEnabled,
    holdMinutes: v.holdMinutes,
    reviewBeforeSync: v.reviewBeforeSync,
    destination,
  });
}
