// The options form's model, apart from the components so it can be tested alone: form values from the
// background's state, the policy-shaped document a save sends, and which field each validation issue is about.

import type { CaptureKind, PolicyIssue } from '../../../shared/policy';
import type { LearnerEditable, OptionsState } from '../../platform/messages';

/** What the form edits, as the controls hold it (numbers and domain or host lists as typed text). */
export interface FormValues {
  'learner.name': string;
  'learner.email': string;
  'learner.accountHomePage': string;
  'learner.accountName': string;
  'capture.enabled': boolean;
  'capture.kinds': CaptureKind[];
  'capture.blockedDomains': string;
  'capture.allowedDomains': string;
  'capture.allowedPrivateHosts': string;
  'capture.keepQueryStrings': boolean;
  'capture.articleMinSeconds': string;
  'capture.mediaMinSeconds': string;
  'capture.mediaMinPercent': string;
  'capture.holdMinutes': string;
  'capture.reviewBeforeSync': boolean;
}

export type FieldPath = keyof FormValues;

const TEXT_FIELDS = [
  'learner.name',
  'learner.email',
  'learner.accountHomePage',
  'learner.accountName',
] as const;
const NUMBER_FIELDS = [
  'capture.articleMinSeconds',
  'capture.mediaMinSeconds',
  'capture.mediaMinPercent',
  'capture.holdMinutes',
] as const;
const LIST_FIELDS = [
  'capture.blockedDomains',
  'capture.allowedDomains',
  'capture.allowedPrivateHosts',
] as const;
const BOOLEAN_FIELDS = ['capture.enabled', 'capture.keepQueryStrings', 'capture.reviewBeforeSync'] as const;

export const FIELD_PATHS: readonly FieldPath[] = [
  ...TEXT_FIELDS,
  ...BOOLEAN_FIELDS,
  'capture.kinds',
  ...LIST_FIELDS,
  ...NUMBER_FIELDS,
];

type Groups = OptionsState['effective'];

/** The value of a form field in a settings group (what applies, the defaults, the learner's own). */
export function valueOf(groups: Groups | LearnerEditable, path: FieldPath): unknown {
  const [group, key] = path.split('.') as ['learner' | 'capture', string];
  const values = groups[group] as Record<string, unknown> | undefined;
  return values?.[key];
}

/** The form as it opens: what applies now. */
export function formValues(effective: Groups): FormValues {
  const text = (path: FieldPath) => scalarText(valueOf(effective, path));
  const list = (path: FieldPath) => ((valueOf(effective, path) as string[] | undefined) ?? []).join('\n');
  return {
    'learner.name': text('learner.name'),
    'learner.email': text('learner.email'),
    'learner.accountHomePage': text('learner.accountHomePage'),
    'learner.accountName': text('learner.accountName'),
    'capture.enabled': effective.capture.enabled,
    'capture.kinds': [...effective.capture.kinds],
    'capture.blockedDomains': list('capture.blockedDomains'),
    'capture.allowedDomains': list('capture.allowedDomains'),
    'capture.allowedPrivateHosts': list('capture.allowedPrivateHosts'),
    'capture.keepQueryStrings': effective.capture.keepQueryStrings,
    'capture.articleMinSeconds': text('capture.articleMinSeconds'),
    'capture.mediaMinSeconds': text('capture.mediaMinSeconds'),
    'capture.mediaMinPercent': text('capture.mediaMinPercent'),
    'capture.holdMinutes': text('capture.holdMinutes'),
    'capture.reviewBeforeSync': effective.capture.reviewBeforeSync,
  };
}

/** One domain or host per line (commas and spaces also separate), blank entries dropped. */
export function domainList(text: string): string[] {
  return text
    .split(/[\n,\s]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** A typed number, or the text itself so that validation names what is wrong with it; blank is "not set". */
function typedNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A form value as the policy document holds it; undefined when the learner leaves it unset. */
function documentValue(values: FormValues, path: FieldPath): unknown {
  const value = values[path];
  if ((TEXT_FIELDS as readonly string[]).includes(path)) {
    const text = (value as string).trim();
    return text === '' ? undefined : text;
  }
  if ((NUMBER_FIELDS as readonly string[]).includes(path)) return typedNumber(value as string);
  if ((LIST_FIELDS as readonly string[]).includes(path)) return domainList(value as string);
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The learner's settings a save sends (policy-shaped): a field goes in when the learner has their own value
 * for it or now differs from what would apply without one, so unchanged defaults keep following the
 * organisation's recommendations. Enforced fields are never sent.
 */
export function settingsDocument(values: FormValues, state: OptionsState): LearnerEditable {
  const doc: Record<'learner' | 'capture', Record<string, unknown>> = { learner: {}, capture: {} };
  for (const path of FIELD_PATHS) {
    if (state.locked.includes(path)) continue;
    const value = documentValue(values, path);
    if (value === undefined) continue;
    const own = valueOf(state.own, path);
    if (own === undefined && same(value, valueOf(state.base, path))) continue;
    const [group, key] = path.split('.') as ['learner' | 'capture', string];
    doc[group][key] = value;
  }
  const out: LearnerEditable = {};
  if (Object.keys(doc.learner).length) out.learner = doc.learner;
  if (Object.keys(doc.capture).length) out.capture = doc.capture;
  return out;
}

/**
 * Issues grouped by the field they are about (`capture.blockedDomains[2]` belongs to the domains field);
 * issues about no field of the form go under `''`.
 */
export function issuesByField(issues: readonly PolicyIssue[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.path.replace(/\[.*$/, '');
    const field = (FIELD_PATHS as readonly string[]).includes(path) ? path : '';
    (byField[field] ??= []).push(issue.message);
  }
  return byField;
}

/** A value as the page shows it next to "Set by your organisation" or "Default". */
export function shownValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(', ');
  return scalarText(value);
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
