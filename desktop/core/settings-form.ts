/**
 * The settings form → the learner's settings document: only keys the organisation does not enforce, the
 * learner's own LRS (one, docs/policy.md `allowLearnerDestinations`), checked by the policy schema with a
 * message per field. An empty password keeps the saved secret.
 */
import { isLocked, validatePolicy, type PolicyDocument, type ResolvedSettings } from '../../shared/policy';
import type { FieldErrors, SettingsField, SettingsInput } from './contract';

/** The learner's own LRS (one, docs/policy.md `allowLearnerDestinations`). */
export const LEARNER_DESTINATION_ID = 'learner-own-lrs';

export interface SettingsFormContext {
  resolved: ResolvedSettings;
  /** The learner's document as saved (secrets left out). */
  current: PolicyDocument;
  hasSecret: (destinationId: string) => boolean;
}

export type LearnerDocument =
  { ok: true; document: PolicyDocument } | { ok: false; errors: FieldErrors<SettingsField> };

/** The document to save, normalised as the policy schema says (endpoints end with "/", ...), or the errors. */
export function learnerDocument(input: SettingsInput, context: SettingsFormContext): LearnerDocument {
  const { resolved, current } = context;
  const locked = (path: string) => isLocked(resolved, path);
  const document: PolicyDocument = { ...current };

  const learner = { ...current.learner };
  if (!locked('learner.name')) setText(learner, 'name', input.name);
  if (!locked('learner.email')) setText(learner, 'email', input.email);
  document.learner = learner;

  const capture = { ...current.capture };
  if (!locked('capture.enabled')) capture.enabled = input.captureEnabled;
  if (!locked('capture.holdMinutes')) capture.holdMinutes = input.holdMinutes;
  if (!locked('capture.reviewBeforeSync')) capture.reviewBeforeSync = input.reviewBeforeSync;
  document.capture = capture;

  const errors: FieldErrors<SettingsField> = {};
  const others = (current.destinations ?? []).filter((d) => d.id !== LEARNER_DESTINATION_ID);
  if (input.destination === null || !resolved.settings.allowLearnerDestinations) {
    document.destinations = others;
  } else {
    const d = input.destination;
    const keepSecret = d.password === '' && context.hasSecret(LEARNER_DESTINATION_ID);
    if (d.password === '' && !keepSecret) errors.password = { key: 'settings.secretRequired' };
    document.destinations = [
      ...others,
      {
        id: LEARNER_DESTINATION_ID,
        name: 'My LRS',
        endpoint: d.endpoint.trim(),
        username: d.username.trim(),
        // A placeholder that passes validation when the saved secret is kept; never stored (see below).
        password: keepSecret ? KEPT : d.password,
      },
    ];
  }

  const validation = validatePolicy(document, 'your settings');
  for (const issue of validation.issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= { key: 'settings.invalid', params: { message: issue.message } };
  }
  // "This entry was ignored because of the problems above" adds nothing next to those problems.
  if (errors.form && Object.keys(errors).length > 1) delete errors.form;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const valid = validation.document;
  for (const d of valid.destinations ?? []) if (d.password === KEPT) delete d.password;
  return { ok: true, document: valid };
}

/** Stands in for a saved secret during validation only; removed before saving. */
const KEPT = 'trailnote:kept-secret:9f2c41';

function setText(target: Record<string, unknown>, key: string, value: string): void {
  const text = value.trim();
  if (text === '') delete target[key];
  else target[key] = text;
}

function fieldOf(path: string): SettingsField {
  if (path === 'learner.name') return 'name';
  if (path === 'learner.email') return 'email';
  if (path === 'capture.holdMinutes') return 'holdMinutes';
  if (/^destinations\[\d+\]\.endpoint$/.test(path)) return 'endpoint';
  if (/^destinations\[\d+\]\.username$/.test(path)) return 'username';
  if (/^destinations\[\d+\]\.password$/.test(path)) return 'password';
  return 'form';
}
