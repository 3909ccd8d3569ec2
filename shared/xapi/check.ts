// Our own structural checks, run before a statement is frozen into the outbox. An LRS answers 400 to a bad
// statement and the outbox can only quarantine it, so it is far cheaper to refuse it at capture time with a
// message naming the field. The checks are the xAPI 1.0.3 rules our statements can break plus the
// profile's own (docs/xapi-profile.md § Every statement). Deliberately strict: anything we do not produce is an error.
import { isRecord } from '../guards';
import { PROFILE_DURATION_PATTERN } from './duration';
import { isAbsoluteIri } from './iri';
import { isLanguageTag } from './language';
import { ACTIVITY_TYPES, PROFILE_ACTIVITY_ID } from './vocab';

type Report = (path: string, problem: string) => void;
type Json = Record<string, unknown>;

// RFC 4122 variant, versions 1-8 (crypto.randomUUID() gives v4). Learning Locker checks the variant digit too.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// Same address rule as actor.ts (Learning Locker's mailto pattern).
const MAILTO = /^mailto:[A-Z0-9.`'_%+-]+@[A-Z0-9.-]+\.[A-Z]{1,63}$/i;
const SHA1 = /^[0-9a-f]{40}$/i;
// RFC 3339 with a zone; xAPI forbids the "unknown offset" -00:00 (xAPI-Data.md § 4.5).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp'];
const LRS_OWNED_KEYS = ['stored', 'authority', 'version'];
const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'account', 'openid'];
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'account', 'openid'];
const ACTIVITY_KEYS = ['objectType', 'id', 'definition'];
const DEFINITION_KEYS = ['type', 'name', 'description', 'moreInfo', 'extensions'];
const RESULT_KEYS = ['success', 'completion', 'response', 'duration', 'extensions'];
const CONTEXT_KEYS = [
  'registration',
  'instructor',
  'contextAgents',
  'contextActivities',
  'platform',
  'language',
  'extensions',
];
const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'];

/** Problems with `statement`, one line each (`"<path>: <problem>"`); empty when it may be sent. */
export function checkStatement(statement: unknown): string[] {
  const problems: string[] = [];
  const report: Report = (path, problem) => problems.push(`${path}: ${problem}`);
  if (!isRecord(statement)) return ['statement: must be a JSON object'];

  checkJsonSafe(statement, 'statement', false, report);
  for (const key of LRS_OWNED_KEYS) {
    if (key in statement) report(`statement.${key}`, 'is set by the LRS and must not be sent');
  }
  checkKeys(statement, [...STATEMENT_KEYS, ...LRS_OWNED_KEYS], 'statement', report);

  if (typeof statement.id !== 'string' || !UUID.test(statement.id)) report('statement.id', 'must be a UUID');
  checkAgent(statement.actor, 'statement.actor', report);
  checkVerb(statement.verb, 'statement.verb', report);
  const objectIsActivity = checkObject(statement.object, 'statement.object', report);
  if (statement.result !== undefined) checkResult(statement.result, 'statement.result', report);
  checkContext(statement.context, 'statement.context', objectIsActivity, report);
  checkTimestamp(statement.timestamp, 'statement.timestamp', report);
  return problems;
}

/**
 * No null or undefined outside extensions (docs/xapi-profile.md § Every statement), and no number JSON cannot carry
 * (NaN and ±Infinity would be sent as null), anywhere.
 */
function checkJsonSafe(value: unknown, path: string, inExtensions: boolean, report: Report): void {
  if (value === undefined) report(path, 'is undefined');
  else if (value === null) {
    if (!inExtensions) report(path, 'is null');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) report(path, 'is not a finite number');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkJsonSafe(item, `${path}[${index}]`, inExtensions, report));
  } else if (typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      checkJsonSafe(member, `${path}.${key}`, inExtensions || key === 'extensions', report);
    }
  } else if (typeof value !== 'string' && typeof value !== 'boolean') {
    report(path, `is a ${typeof value}, not a JSON value`);
  }
}

function checkKeys(value: Json, allowed: readonly string[], path: string, report: Report): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) report(`${path}.${key}`, 'is not a property we send');
  }
}

function checkIri(value: unknown, path: string, report: Report): void {
  if (!isAbsoluteIri(value)) report(path, 'must be an absolute IRI');
}

function checkNonEmptyString(value: unknown, path: string, report: Report): void {
  if (typeof value !== 'string' || value.trim() === '') report(path, 'must be a non-empty string');
}

function checkLanguageMap(value: unknown, path: string, report: Report): void {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    report(path, 'must be a non-empty language map');
    return;
  }
  for (const [tag, text] of Object.entries(value)) {
    if (!isLanguageTag(tag)) report(`${path}.${tag}`, 'key is not a language tag');
    checkNonEmptyString(text, `${path}.${tag}`, report);
  }
}

function checkExtensions(value: unknown, path: string, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an object');
    return;
  }
  for (const key of Object.keys(value)) checkIri(key, `${path}[${JSON.stringify(key)}]`, report);
}

/** Exactly one IFI (xAPI-Data.md § 2.4.2.1; docs/xapi-profile.md § Every statement: mbox, mbox_sha1sum or account). */
function checkAgent(value: unknown, path: string, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an Agent object');
    return;
  }
  checkKeys(value, AGENT_KEYS, path, report);
  if (value.objectType !== undefined && value.objectType !== 'Agent')
    report(`${path}.objectType`, 'must be "Agent"');
  if (value.name !== undefined && typeof value.name !== 'string') report(`${path}.name`, 'must be a string');

  const ifis = IFI_KEYS.filter((key) => value[key] !== undefined);
  if (ifis.length !== 1) {
    report(path, `must have exactly one identifier (mbox, mbox_sha1sum or account), has ${ifis.length}`);
  }
  if (value.openid !== undefined) report(`${path}.openid`, 'is not an identifier this profile uses');
  if (value.mbox !== undefined && (typeof value.mbox !== 'string' || !MAILTO.test(value.mbox))) {
    report(`${path}.mbox`, 'must be mailto:<address>');
  }
  if (
    value.mbox_sha1sum !== undefined &&
    (typeof value.mbox_sha1sum !== 'string' || !SHA1.test(value.mbox_sha1sum))
  ) {
    report(`${path}.mbox_sha1sum`, 'must be 40 hex digits');
  }
  if (value.account !== undefined) {
    const account = value.account;
    if (!isRecord(account)) {
      report(`${path}.account`, 'must be an object');
    } else {
      checkKeys(account, ['homePage', 'name'], `${path}.account`, report);
      checkIri(account.homePage, `${path}.account.homePage`, report);
      checkNonEmptyString(account.name, `${path}.account.name`, report);
    }
  }
}

function checkVerb(value: unknown, path: string, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an object');
    return;
  }
  checkKeys(value, ['id', 'display'], path, report);
  checkIri(value.id, `${path}.id`, report);
  checkLanguageMap(value.display, `${path}.display`, report);
}

function checkActivity(value: unknown, path: string, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an Activity object');
    return;
  }
  checkKeys(value, ACTIVITY_KEYS, path, report);
  if (value.objectType !== undefined && value.objectType !== 'Activity') {
    report(`${path}.objectType`, 'must be "Activity"');
  }
  checkIri(value.id, `${path}.id`, report);
  if (value.definition === undefined) return;
  const definition = value.definition;
  if (!isRecord(definition)) {
    report(`${path}.definition`, 'must be an object');
    return;
  }
  checkKeys(definition, DEFINITION_KEYS, `${path}.definition`, report);
  if (definition.type !== undefined) checkIri(definition.type, `${path}.definition.type`, report);
  if (definition.name !== undefined) checkLanguageMap(definition.name, `${path}.definition.name`, report);
  if (definition.description !== undefined) {
    checkLanguageMap(definition.description, `${path}.definition.description`, report);
  }
  if (definition.moreInfo !== undefined) checkIri(definition.moreInfo, `${path}.definition.moreInfo`, report);
  if (definition.extensions !== undefined) {
    checkExtensions(definition.extensions, `${path}.definition.extensions`, report);
  }
}

function checkStatementRef(value: Json, path: string, report: Report): void {
  checkKeys(value, ['objectType', 'id'], path, report);
  if (typeof value.id !== 'string' || !UUID.test(value.id)) report(`${path}.id`, 'must be a UUID');
}

/** Returns whether the object is an Activity (which decides whether `context.platform` is allowed). */
function checkObject(value: unknown, path: string, report: Report): boolean {
  if (!isRecord(value)) {
    report(path, 'must be an object');
    return false;
  }
  if (value.objectType === 'StatementRef') {
    checkStatementRef(value, path, report);
    return false;
  }
  if (value.objectType === undefined || value.objectType === 'Activity') {
    checkActivity(value, path, report);
    return true;
  }
  report(`${path}.objectType`, 'must be "Activity" or "StatementRef"');
  return false;
}

function checkResult(value: unknown, path: string, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an object');
    return;
  }
  checkKeys(value, RESULT_KEYS, path, report);
  for (const key of ['success', 'completion'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean')
      report(`${path}.${key}`, 'must be a boolean');
  }
  if (value.response !== undefined && typeof value.response !== 'string') {
    report(`${path}.response`, 'must be a string');
  }
  if (value.duration !== undefined) {
    if (typeof value.duration !== 'string' || !PROFILE_DURATION_PATTERN.test(value.duration)) {
      report(`${path}.duration`, 'must be PT#H#M#.##S (at most 2 decimals)');
    }
  }
  if (value.extensions !== undefined) checkExtensions(value.extensions, `${path}.extensions`, report);
}

function checkContext(value: unknown, path: string, objectIsActivity: boolean, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an object (every statement carries the profile category)');
    return;
  }
  checkKeys(value, CONTEXT_KEYS, path, report);
  if (
    value.registration !== undefined &&
    (typeof value.registration !== 'string' || !UUID.test(value.registration))
  ) {
    report(`${path}.registration`, 'must be a UUID');
  }
  if (value.instructor !== undefined) checkAgent(value.instructor, `${path}.instructor`, report);
  if (value.contextAgents !== undefined)
    checkContextAgents(value.contextAgents, `${path}.contextAgents`, report);
  if (value.platform !== undefined) {
    if (!objectIsActivity) report(`${path}.platform`, 'is only allowed when the object is an Activity');
    checkNonEmptyString(value.platform, `${path}.platform`, report);
  }
  if (typeof value.language !== 'string' || !isLanguageTag(value.language)) {
    report(`${path}.language`, 'must be a language tag');
  }
  if (value.extensions !== undefined) checkExtensions(value.extensions, `${path}.extensions`, report);
  checkContextActivities(value.contextActivities, `${path}.contextActivities`, report);
}

/** xAPI 2.0 context agents, with the relevant types ADL's LRS (and our profile) require. */
function checkContextAgents(value: unknown, path: string, report: Report): void {
  if (!Array.isArray(value) || value.length === 0) {
    report(path, 'must be a non-empty array');
    return;
  }
  value.forEach((item, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(item)) return report(at, 'must be a context agent object');
    checkKeys(item, ['objectType', 'agent', 'relevantTypes'], at, report);
    if (item.objectType !== 'contextAgent') report(`${at}.objectType`, 'must be "contextAgent"');
    checkAgent(item.agent, `${at}.agent`, report);
    if (!Array.isArray(item.relevantTypes) || item.relevantTypes.length === 0) {
      report(`${at}.relevantTypes`, 'must be a non-empty array of IRIs');
    } else {
      item.relevantTypes.forEach((t, i) => {
        if (typeof t !== 'string' || !isAbsoluteIri(t))
          report(`${at}.relevantTypes[${i}]`, 'must be an absolute IRI');
      });
    }
  });
}

function checkContextActivities(value: unknown, path: string, report: Report): void {
  if (!isRecord(value)) {
    report(path, 'must be an object with a category');
    return;
  }
  checkKeys(value, CONTEXT_ACTIVITY_KEYS, path, report);
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report(`${path}.${key}`, 'must be an array');
      continue;
    }
    list.forEach((item, index) => checkActivity(item, `${path}.${key}[${index}]`, report));
  }
  const category = Array.isArray(value.category) ? value.category.filter(isRecord) : [];
  const hasType = (activity: Json, type: string): boolean =>
    isRecord(activity.definition) && activity.definition.type === type;
  if (
    !category.some(
      (activity) => activity.id === PROFILE_ACTIVITY_ID && hasType(activity, ACTIVITY_TYPES.profile),
    )
  ) {
    report(`${path}.category`, 'must hold the Trailnote profile activity');
  }
  if (!category.some((activity) => hasType(activity, ACTIVITY_TYPES.source))) {
    report(`${path}.category`, 'must hold the capture-source activity');
  }
}

function checkTimestamp(value: unknown, path: string, report: Report): void {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    report(path, 'must be an ISO 8601 timestamp with a time zone');
  } else if (value.endsWith('-00:00')) {
    report(path, 'must not use the -00:00 offset');
  }
}
