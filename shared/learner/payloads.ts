/**
 * One validator per learner payload kind, for both apps: what the extension's pages send the background and what
 * the desktop's windows send main (docs/xapi-profile.md § Reflections for tags and comments). Exact shapes, types
 * and the limits of ./limits.ts; a payload that does not fit is refused as a whole with a reason for the log,
 * never coerced (except that skill names are trimmed, as the picker shows them).
 */
import { hasExactKeys, isPlainRecord, isStringUpTo } from '../guards';
import { isAbsoluteIri } from '../xapi';
import {
  isItemId,
  MAX_REFLECTION_LENGTH,
  MAX_SKILL_ID_LENGTH,
  MAX_SKILL_NAME_LENGTH,
  MAX_SKILLS,
  QUICK_LOG_INPUT_BOUNDS as QL,
} from './limits';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (reason: string): Parsed<never> => ({ ok: false, reason });
/** The value, or undefined when the payload does not fit (the extension's parsers answer so). */
export const valueOf = <T>(parsed: Parsed<T>): T | undefined => (parsed.ok ? parsed.value : undefined);

/** A skill as items carry it: its IRI and its label. */
export interface SkillRef {
  id: string;
  name: string;
}

/** The learner's skills and reflection for an item (an item card's save). */
export interface ItemTags {
  id: string;
  skills: SkillRef[];
  reflection: string;
}

/** A reflection or skills added to a sent item (a `commented` statement). */
export interface ItemComment {
  id: string;
  reflection: string;
  addSkills: SkillRef[];
}

export type ExportFormat = 'xapi' | 'csv';

/** The quick-log form as a window sends it: raw text fields, checked field by field by the quick log. */
export interface QuickLogInput {
  kind: string;
  title: string;
  /** A URL or an ISBN. */
  link: string;
  /** `YYYY-MM-DDTHH:mm` (a datetime-local field, local time), an ISO instant, or '' for now. */
  when: string;
  /** Whole minutes as typed, or ''. */
  minutes: string;
  mentor: string;
  completed: boolean;
  skills: SkillRef[];
  reflection: string;
}

/**
 * Skills: at most MAX_SKILLS, each exactly `{ id, name }`, the id an absolute IRI, the name not blank. Names are
 * trimmed (the extension always did; the desktop let a blank name through, which no picker can make).
 */
export function parseSkills(v: unknown): Parsed<SkillRef[]> {
  if (!Array.isArray(v) || v.length > MAX_SKILLS) return bad(`skills: at most ${MAX_SKILLS}`);
  const out: SkillRef[] = [];
  for (const s of v) {
    if (!isPlainRecord(s) || !hasExactKeys(s, ['id', 'name'])) return bad('skills: unexpected fields');
    if (!isStringUpTo(s.id, MAX_SKILL_ID_LENGTH) || !isAbsoluteIri(s.id)) return bad('skills: id');
    if (!isStringUpTo(s.name, MAX_SKILL_NAME_LENGTH) || s.name.trim() === '') return bad('skills: name');
    out.push({ id: s.id, name: s.name.trim() });
  }
  return ok(out);
}

/** An item id: the statement's UUID (./limits.ts isItemId). */
export function parseItemId(v: unknown): Parsed<string> {
  return isItemId(v) ? ok(v) : bad('expected an item id');
}

/** `{ id }`, as the extension's item messages carry it. */
export function parseItemRef(v: unknown): Parsed<{ id: string }> {
  if (!isPlainRecord(v) || !hasExactKeys(v, ['id'])) return bad('item: unexpected fields');
  return isItemId(v.id) ? ok({ id: v.id }) : bad('item: id');
}

const isReflection = (v: unknown): v is string => isStringUpTo(v, MAX_REFLECTION_LENGTH);

export function parseItemTags(v: unknown): Parsed<ItemTags> {
  if (!isPlainRecord(v) || !hasExactKeys(v, ['id', 'skills', 'reflection']))
    return bad('item tags: unexpected fields');
  if (!isItemId(v.id)) return bad('item tags: id');
  if (!isReflection(v.reflection)) return bad('item tags: reflection');
  const skills = parseSkills(v.skills);
  if (!skills.ok) return bad(`item tags: ${skills.reason}`);
  return ok({ id: v.id, skills: skills.value, reflection: v.reflection });
}

/** A comment must add something: a reflection that is not blank, or at least one skill. */
export function parseItemComment(v: unknown): Parsed<ItemComment> {
  if (!isPlainRecord(v) || !hasExactKeys(v, ['id', 'reflection', 'addSkills']))
    return bad('comment: unexpected fields');
  if (!isItemId(v.id)) return bad('comment: id');
  if (!isReflection(v.reflection)) return bad('comment: reflection');
  const addSkills = parseSkills(v.addSkills);
  if (!addSkills.ok) return bad(`comment: ${addSkills.reason}`);
  if (v.reflection.trim() === '' && addSkills.value.length === 0) return bad('comment: nothing to add');
  return ok({ id: v.id, reflection: v.reflection, addSkills: addSkills.value });
}

export function parseExportFormat(v: unknown): Parsed<ExportFormat> {
  return v === 'xapi' || v === 'csv' ? ok(v) : bad('export: unknown format');
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
 * The quick-log form's raw fields: their shapes and outer bounds. Whether the values make sense (a known kind,
 * a valid ISBN, a past date) is the quick log's own check, which answers with a message per field.
 */
export function parseQuickLogInput(v: unknown): Parsed<QuickLogInput> {
  if (!isPlainRecord(v) || !hasExactKeys(v, QUICK_LOG_KEYS)) return bad('quick log: unexpected fields');
  const { kind, title, link, when, minutes, mentor, completed, reflection } = v;
  if (!isStringUpTo(kind, QL.kind)) return bad('quick log: kind');
  if (!isStringUpTo(title, QL.title)) return bad('quick log: title');
  if (!isStringUpTo(link, QL.link)) return bad('quick log: link');
  if (!isStringUpTo(when, QL.when)) return bad('quick log: when');
  if (!isStringUpTo(minutes, QL.minutes)) return bad('quick log: minutes');
  if (!isStringUpTo(mentor, QL.mentor)) return bad('quick log: mentor');
  if (typeof completed !== 'boolean') return bad('quick log: completed');
  if (!isStringUpTo(reflection, QL.reflection)) return bad('quick log: reflection');
  const skills = parseSkills(v.skills);
  if (!skills.ok) return bad(`quick log: ${skills.reason}`);
  return ok({ kind, title, link, when, minutes, mentor, completed, skills: skills.value, reflection });
}

/**
 * A message's payload: the message without its `type` (the extension sends `{ type, ...payload }`), so the
 * payload validators above apply to it unchanged.
 */
export function payloadOf(message: unknown): unknown {
  if (!isPlainRecord(message)) return message;
  const { type: _type, ...payload } = message;
  return payload;
}
