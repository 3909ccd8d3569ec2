/**
 * The quick-log form: field checks with a message per field for the learner, then the item through the shared
 * recipe (shared/learner/quick-log.ts) and item maker, said by this app (./drafts.ts).
 */
import { MAX_SKILL_ID_LENGTH, QUICK_LOG_LIMITS } from '../../shared/learner/limits';
import {
  isQuickLogKind,
  quickLogRecipe,
  type QuickLogEntry,
  type QuickLogKind,
} from '../../shared/learner/quick-log';
import type { NewItem } from '../../shared/outbox';
import { isAbsoluteIri, isHttpUrl, normaliseIsbn } from '../../shared/xapi';
import type { FieldErrors, QuickLogField, QuickLogInput } from './contract';
import { draftItem, type StatementEnv } from './drafts';

export type QuickLogCheck =
  { ok: true; entry: QuickLogEntry } | { ok: false; errors: FieldErrors<QuickLogField> };

/** One minute of leeway: the learner's and this machine's idea of "now" may differ by a few seconds. */
const FUTURE_SLACK_MS = 60_000;

/** Check every field; all problems are reported at once so the form can mark each inline. */
export function checkQuickLog(input: QuickLogInput, now: number): QuickLogCheck {
  const errors: FieldErrors<QuickLogField> = {};
  const kind = isQuickLogKind(input.kind) ? input.kind : undefined;
  if (kind === undefined) errors.kind = { key: 'quicklog.error.kind' };

  const title = input.title.replace(/\s+/g, ' ').trim();
  if (title === '') errors.title = { key: 'quicklog.error.titleRequired' };
  else if (title.length > QUICK_LOG_LIMITS.title) {
    errors.title = { key: 'quicklog.error.tooLong', params: { max: QUICK_LOG_LIMITS.title } };
  }

  const link = checkLink(input.link, kind);
  if ('error' in link) errors.link = link.error;

  const when = checkWhen(input.when, now);
  if (when === 'invalid') errors.when = { key: 'quicklog.error.when' };
  else if (when === 'future') errors.when = { key: 'quicklog.error.whenFuture' };

  const minutesText = input.minutes.trim();
  let durationSeconds: number | undefined;
  if (minutesText !== '') {
    const minutes = /^\d{1,6}$/.test(minutesText) ? Number(minutesText) : NaN;
    if (!(minutes >= 1 && minutes <= QUICK_LOG_LIMITS.minutes)) {
      errors.minutes = { key: 'quicklog.error.minutes', params: { max: QUICK_LOG_LIMITS.minutes } };
    } else durationSeconds = minutes * 60;
  }

  const mentor = input.mentor.replace(/\s+/g, ' ').trim();
  if (mentor.length > QUICK_LOG_LIMITS.mentor) {
    errors.mentor = { key: 'quicklog.error.tooLong', params: { max: QUICK_LOG_LIMITS.mentor } };
  }

  const skills = input.skills.map((s) => ({ id: s.id.trim(), name: s.name.trim() }));
  const skillsOk =
    skills.length <= QUICK_LOG_LIMITS.skills &&
    skills.every(
      (s) =>
        isAbsoluteIri(s.id) &&
        s.id.length <= MAX_SKILL_ID_LENGTH &&
        s.name !== '' &&
        s.name.length <= QUICK_LOG_LIMITS.skillName,
    );
  if (!skillsOk) errors.skills = { key: 'quicklog.error.skills', params: { max: QUICK_LOG_LIMITS.skills } };

  const reflection = input.reflection.trim();
  if (reflection.length > QUICK_LOG_LIMITS.reflection) {
    errors.reflection = { key: 'quicklog.error.tooLong', params: { max: QUICK_LOG_LIMITS.reflection } };
  }

  if (kind === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    entry: {
      kind,
      title,
      url: 'url' in link ? link.url : undefined,
      isbn: 'isbn' in link ? link.isbn : undefined,
      when: when instanceof Date ? when : undefined,
      durationSeconds,
      mentor: mentor === '' ? undefined : mentor,
      completed: input.completed,
      skills,
      reflection: reflection === '' ? undefined : reflection,
    },
  };
}

type LinkCheck =
  | { none: true }
  | { url: string }
  | { isbn: string }
  | {
      error: {
        key:
          | 'quicklog.error.link'
          | 'quicklog.error.isbn'
          | 'quicklog.error.isbnNotBook'
          | 'quicklog.error.tooLong';
        params?: { max: number };
      };
    };

function checkLink(raw: string, kind: QuickLogKind | undefined): LinkCheck {
  const text = raw.trim();
  if (text === '') return { none: true };
  if (text.length > QUICK_LOG_LIMITS.link) {
    return { error: { key: 'quicklog.error.tooLong', params: { max: QUICK_LOG_LIMITS.link } } };
  }
  if (/^https?:\/\//i.test(text))
    return isHttpUrl(text) ? { url: text } : { error: { key: 'quicklog.error.link' } };
  // Digits, hyphens, spaces and an optional "ISBN" prefix: the learner meant an ISBN.
  if (/^(isbn(-1[03])?:?)?[\d\s-]+[\dxX]$/i.test(text)) {
    if (kind !== undefined && kind !== 'book') return { error: { key: 'quicklog.error.isbnNotBook' } };
    const isbn = normaliseIsbn(text);
    return isbn === undefined ? { error: { key: 'quicklog.error.isbn' } } : { isbn };
  }
  return { error: { key: 'quicklog.error.link' } };
}

/** '' → undefined (now); a local `YYYY-MM-DDTHH:mm[:ss]` or an ISO instant → Date. */
function checkWhen(raw: string, now: number): Date | undefined | 'invalid' | 'future' {
  const text = raw.trim();
  if (text === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) {
    return 'invalid';
  }
  // A date alone is local midnight, as a datetime-local field would mean it.
  const date = new Date(text.includes('T') ? text : `${text}T00:00`);
  const time = date.getTime();
  if (Number.isNaN(time) || date.getFullYear() < 1900) return 'invalid';
  if (time > now + FUTURE_SLACK_MS) return 'future';
  return date;
}

/**
 * The outbox item for a checked entry. A logged item is ready at once: the learner wrote, tagged and reflected
 * on it just now, so the hold and review meant for automatic captures (docs/policy.md `capture.holdMinutes`,
 * `reviewBeforeSync`) have nothing left to offer.
 */
export function quickLogItem(entry: QuickLogEntry, env: StatementEnv): NewItem {
  return draftItem(quickLogRecipe(entry), env, {
    timestamp: entry.when ?? new Date(env.now),
    skills: entry.skills,
    reflection: entry.reflection,
    meta: {
      kind: entry.kind,
      title: entry.title,
      url: entry.url,
      details: entry.durationSeconds === undefined ? undefined : { minutes: entry.durationSeconds / 60 },
    },
  });
}
