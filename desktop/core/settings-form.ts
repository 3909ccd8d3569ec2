/**
 * The settings form → the learner's settings document: only keys the organisation does not enforce, and the
 * learner's own LRS (one, docs/policy.md `allowLearnerDestinations`), both checked by the learner core
 * (shared/learner/settings.ts: the policy schema, a message per field). An empty password keeps the saved secret,
 * passed on as the core's explicit "unchanged" marker.
 */
import {
  checkDestination,
  secretInput,
  withChoices,
  withoutKept,
  type CheckedDestination,
} from '../../shared/learner/settings';
import type { DestinationEntry, PolicyDocument, ResolvedSettings } from '../../shared/policy';
import type { FieldErrors, SettingsField, SettingsInput } from './contract';

/** The learner's own LRS (one, docs/policy.md `allowLearnerDestinations`). */
export const LEARNER_DESTINATION_ID = 'learner-own-lrs';

const SOURCE = 'your settings';

export interface SettingsFormContext {
  resolved: ResolvedSettings;
  /** The learner's document as saved (secrets left out). */
  current: PolicyDocument;
  /** A saved destination with its secrets opened: what a password left blank stands for. */
  saved: (destinationId: string) => DestinationEntry | undefined;
}

export type LearnerDocument =
  { ok: true; document: PolicyDocument } | { ok: false; errors: FieldErrors<SettingsField> };

/**
 * The document to save, normalised as the policy schema says (endpoints end with "/", ...), or the errors. A
 * kept secret is left out of it: the settings store keeps the sealed one saved for the destination's id.
 */
export function learnerDocument(input: SettingsInput, context: SettingsFormContext): LearnerDocument {
  const { resolved, current } = context;
  const errors: FieldErrors<SettingsField> = {};
  const invalid = (field: SettingsField, message: string) => {
    errors[field] ??= { key: 'settings.invalid', params: { message } };
  };

  // The form's fields over the saved groups: keys the form does not show stay as they are.
  const learner: Record<string, unknown> = { ...current.learner };
  setText(learner, 'name', input.name);
  setText(learner, 'email', input.email);
  const capture = {
    ...current.capture,
    enabled: input.captureEnabled,
    holdMinutes: input.holdMinutes,
    reviewBeforeSync: input.reviewBeforeSync,
  };
  const choices = withChoices(current, { learner, capture }, resolved.locked, SOURCE);
  if (!choices.ok) for (const issue of choices.issues) invalid(choiceField(issue.path), issue.message);

  let destinations = (current.destinations ?? []).filter((d) => d.id !== LEARNER_DESTINATION_ID);
  if (input.destination !== null && resolved.settings.allowLearnerDestinations) {
    const checked = checkOwnLrs(input.destination, context.saved(LEARNER_DESTINATION_ID));
    if (checked.ok) {
      destinations = [...destinations, withoutKept(checked.entry, checked.kept)];
    } else {
      if (checked.missing.length > 0) errors.password = { key: 'settings.secretRequired' };
      for (const issue of checked.issues) {
        if (!checked.missing.includes(issue.path as 'password'))
          invalid(destinationField(issue.path), issue.message);
      }
    }
  }
  if (!choices.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, document: { ...choices.document, destinations } };
}

function checkOwnLrs(
  d: NonNullable<SettingsInput['destination']>,
  saved: DestinationEntry | undefined,
): CheckedDestination {
  return checkDestination(
    {
      id: LEARNER_DESTINATION_ID,
      name: 'My LRS',
      endpoint: d.endpoint,
      auth: 'basic',
      username: d.username,
      password: secretInput(d.password),
    },
    saved,
    SOURCE,
  );
}

function setText(target: Record<string, unknown>, key: string, value: string): void {
  const text = value.trim();
  if (text === '') delete target[key];
  else target[key] = text;
}

function choiceField(path: string): SettingsField {
  if (path === 'learner.name') return 'name';
  if (path === 'learner.email') return 'email';
  if (path === 'capture.holdMinutes') return 'holdMinutes';
  return 'form';
}

/** The destination's issues come with the form's field names (shared/learner destinationFieldIssues). */
function destinationField(path: string): SettingsField {
  return path === 'endpoint' || path === 'username' || path === 'password' ? path : 'form';
}
