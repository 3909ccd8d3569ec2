/**
 * Every payload that crosses into the main process is checked here before anything acts on it (issue 5,
 * part 6): exact shapes, types and bounds. A payload that does not fit is refused as a whole, with a reason
 * for the log; nothing is coerced.
 */
import { policySchema } from '../../shared/policy';
import { isAbsoluteIri } from '../../shared/xapi';
import type {
  ExportFormat,
  ItemComment,
  ItemTags,
  RecordFile,
  OutboxReply,
  OutboxSummary,
  PauseChoice,
  QuickLogInput,
  SettingsInput,
  UiInvokeMethod,
} from './contract';
import type { SkillRef } from '../../shared/ui';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function exactKeys(v: Rec, keys: readonly string[]): boolean {
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const bool = (v: unknown): v is boolean => typeof v === 'boolean';

/** Outbox item ids are statement ids: UUIDs. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isItemId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

export const BOUNDS = {
  kind: 32,
  title: 1_000,
  link: 4_096,
  when: 40,
  minutes: 12,
  mentor: 1_000,
  reflection: 10_000,
  skills: 20,
  skillId: 2_048,
  skillName: 200,
  name: 500,
  email: 320,
  endpoint: 2_048,
  username: 1_000,
  password: 4_096,
} as const;

function parseSkills(v: unknown): SkillRef[] | undefined {
  if (!Array.isArray(v) || v.length > BOUNDS.skills) return undefined;
  const out: SkillRef[] = [];
  for (const s of v) {
    if (!isRec(s) || !exactKeys(s, ['id', 'name'])) return undefined;
    if (!str(s.id, BOUNDS.skillId) || !isAbsoluteIri(s.id) || !str(s.name, BOUNDS.skillName))
      return undefined;
    out.push({ id: s.id, name: s.name });
  }
  return out;
}

const QUICK_LOG_KEYS = [
  'kind',
  'title',
  'link',
  'when',
  'minutes',
  'mentor',
  'completed',
  'skills',
  'reflection',
] as const;

/**
 * The form's raw fields: their shapes and outer bounds. Whether the values make sense (a known kind, a valid
 * ISBN, a past date) is the quick log's own check, which answers with a message per field.
 */
export function parseQuickLogInput(v: unknown): Parsed<QuickLogInput> {
  if (!isRec(v) || !exactKeys(v, QUICK_LOG_KEYS)) return bad('quick log: unexpected fields');
  if (!str(v.kind, BOUNDS.kind)) return bad('quick log: kind');
  if (!str(v.title, BOUNDS.title)) return bad('quick log: title');
  if (!str(v.link, BOUNDS.link)) return bad('quick log: link');
  if (!str(v.when, BOUNDS.when)) return bad('quick log: when');
  if (!str(v.minutes, BOUNDS.minutes)) return bad('quick log: minutes');
  if (!str(v.mentor, BOUNDS.mentor)) return bad('quick log: mentor');
  if (!bool(v.completed)) return bad('quick log: completed');
  if (!str(v.reflection, BOUNDS.reflection)) return bad('quick log: reflection');
  const skills = parseSkills(v.skills);
  if (!skills) return bad('quick log: skills');
  return ok({
    kind: v.kind,
    title: v.title,
    link: v.link,
    when: v.when,
    minutes: v.minutes,
    mentor: v.mentor,
    completed: v.completed,
    skills,
    reflection: v.reflection,
  });
}

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

const PAUSE_CHOICES: readonly PauseChoice[] = ['hour', 'tomorrow', 'resumed', 'resume'];

export function parsePauseChoice(v: unknown): Parsed<PauseChoice> {
  return typeof v === 'string' && (PAUSE_CHOICES as readonly string[]).includes(v)
    ? ok(v as PauseChoice)
    : bad('pause: unknown choice');
}

export function parseItemTags(v: unknown): Parsed<ItemTags> {
  if (!isRec(v) || !exactKeys(v, ['id', 'skills', 'reflection'])) return bad('item tags: unexpected fields');
  if (!isItemId(v.id)) return bad('item tags: id');
  if (!str(v.reflection, BOUNDS.reflection)) return bad('item tags: reflection');
  const skills = parseSkills(v.skills);
  if (!skills) return bad('item tags: skills');
  return ok({ id: v.id, skills, reflection: v.reflection });
}

export function parseItemComment(v: unknown): Parsed<ItemComment> {
  if (!isRec(v) || !exactKeys(v, ['id', 'reflection', 'addSkills'])) return bad('comment: unexpected fields');
  if (!isItemId(v.id)) return bad('comment: id');
  if (!str(v.reflection, BOUNDS.reflection)) return bad('comment: reflection');
  const addSkills = parseSkills(v.addSkills);
  if (!addSkills) return bad('comment: skills');
  if (v.reflection.trim() === '' && addSkills.length === 0) return bad('comment: nothing to add');
  return ok({ id: v.id, reflection: v.reflection, addSkills });
}

export function parseExportFormat(v: unknown): Parsed<ExportFormat> {
  return v === 'xapi' || v === 'csv' ? ok(v) : bad('export: unknown format');
}

/**
 * An export file from the outbox window. Its name becomes the save dialog's default path: only the names the
 * shared exporter makes (no directory part, no surprises) are accepted.
 */
export function isRecordFile(v: unknown): v is RecordFile {
  return (
    isRec(v) &&
    typeof v.text === 'string' &&
    (v.mimeType === 'application/json' || v.mimeType === 'text/csv') &&
    typeof v.filename === 'string' &&
    /^trailnote-(statements|record)-\d{4}-\d{2}-\d{2}\.(json|csv)$/.test(v.filename)
  );
}

/** The arguments of each UI invoke channel, parsed; the tuple handed to the handler. */
export type UiArgs = {
  quickLogSetup: [];
  saveQuickLog: [QuickLogInput];
  closeWindow: [];
  status: [];
  saveSettings: [SettingsInput];
  pause: [PauseChoice];
  sendNow: [];
  setStartAtLogin: [boolean];
  updateItem: [ItemTags];
  discardItem: [string];
  approveItem: [string];
  recordView: [];
  skillFrameworks: [];
  commentItem: [ItemComment];
  deleteItem: [string];
  exportRecord: [ExportFormat];
};

const none = (args: unknown[]): Parsed<[]> => (args.length === 0 ? ok([]) : bad('expected no arguments'));
function one<T>(args: unknown[], parse: (v: unknown) => Parsed<T>): Parsed<[T]> {
  if (args.length !== 1) return bad('expected one argument');
  const parsed = parse(args[0]);
  return parsed.ok ? ok([parsed.value]) : parsed;
}

const UI_PARSERS: { [M in UiInvokeMethod]: (args: unknown[]) => Parsed<UiArgs[M]> } = {
  quickLogSetup: none,
  saveQuickLog: (a) => one(a, parseQuickLogInput),
  closeWindow: none,
  status: none,
  saveSettings: (a) => one(a, parseSettingsInput),
  pause: (a) => one(a, parsePauseChoice),
  sendNow: none,
  setStartAtLogin: (a) => one(a, (v) => (bool(v) ? ok(v) : bad('expected true or false'))),
  updateItem: (a) => one(a, parseItemTags),
  discardItem: (a) => one(a, (v) => (isItemId(v) ? ok(v) : bad('expected an item id'))),
  approveItem: (a) => one(a, (v) => (isItemId(v) ? ok(v) : bad('expected an item id'))),
  recordView: none,
  skillFrameworks: none,
  commentItem: (a) => one(a, parseItemComment),
  deleteItem: (a) => one(a, (v) => (isItemId(v) ? ok(v) : bad('expected an item id'))),
  exportRecord: (a) => one(a, parseExportFormat),
};

export function parseUiArgs<M extends UiInvokeMethod>(method: M, args: unknown[]): Parsed<UiArgs[M]> {
  return UI_PARSERS[method](args);
}

/**
 * A reply from the outbox window. Its `value` is checked by the op that asked (main knows which), here only
 * the envelope: a positive integer request id and ok/value or an error text.
 */
export function parseOutboxReply(v: unknown): Parsed<OutboxReply> {
  if (!isRec(v) || typeof v.requestId !== 'number' || !Number.isSafeInteger(v.requestId) || v.requestId < 1) {
    return bad('outbox reply: request id');
  }
  if (v.ok === true && Object.hasOwn(v, 'value') && Object.keys(v).length === 3) {
    return ok(v as OutboxReply);
  }
  if (v.ok === false && str(v.error, 10_000) && Object.keys(v).length === 3) {
    return ok({ requestId: v.requestId, ok: false, error: v.error });
  }
  return bad('outbox reply: shape');
}

/** The summary's numbers are what main acts on (tray count, destination states); check those. */
export function isOutboxSummary(v: unknown): v is OutboxSummary {
  if (
    !isRec(v) ||
    typeof v.waiting !== 'number' ||
    !Array.isArray(v.destinations) ||
    !Array.isArray(v.items)
  ) {
    return false;
  }
  return v.destinations.every(
    (d) => isRec(d) && typeof d.pending === 'number' && isRec(d.state) && typeof d.state.id === 'string',
  );
}
