/**
 * A quick log (the desktop's form: a book, a course, mentoring, a link...) as a recipe for the shared item maker
 * (./items.ts): docs/xapi-profile.md § What is captured (book, course/workshop/conference/webinar/mentoring,
 * anything else; articles, videos and podcasts with a link use the article and media rows). The form's field
 * checks, with a message per field, are the desktop's (desktop/core/quick-log.ts); what they give is an entry.
 */
import { ACTIVITY_TYPES } from '../xapi';
import type { DraftRecipe } from './drafts';

/** What the learner can log by hand (issue 5, part 2). */
export const QUICK_LOG_KINDS = [
  'book',
  'article',
  'video',
  'podcast',
  'course',
  'workshop',
  'conference',
  'webinar',
  'mentoring',
  'practice',
  'other',
] as const;
export type QuickLogKind = (typeof QUICK_LOG_KINDS)[number];

export function isQuickLogKind(value: unknown): value is QuickLogKind {
  return typeof value === 'string' && (QUICK_LOG_KINDS as readonly string[]).includes(value);
}

/** A checked quick-log entry. */
export interface QuickLogEntry {
  kind: QuickLogKind;
  title: string;
  url?: string;
  /** ISBN-13 digits (books only). */
  isbn?: string;
  when?: Date;
  durationSeconds?: number;
  mentor?: string;
  completed: boolean;
  skills: Array<{ id: string; name: string }>;
  reflection?: string;
}

/** The builder and its input for an entry, so a held copy can be rebuilt (./drafts.ts) exactly as here. */
export function quickLogRecipe(entry: QuickLogEntry): DraftRecipe {
  const { kind, title, url, durationSeconds } = entry;
  const keepQueryStrings = true; // the learner typed this link: keep it as given
  switch (kind) {
    case 'book':
      return {
        builder: 'book',
        input: {
          title,
          isbn: entry.isbn,
          url,
          keepQueryStrings,
          durationSeconds,
          completed: entry.completed,
        },
      };
    case 'course':
    case 'workshop':
    case 'conference':
    case 'webinar':
    case 'mentoring':
      return {
        builder: 'attended',
        input: {
          kind,
          title,
          url,
          keepQueryStrings,
          durationSeconds,
          completed: kind === 'course' ? entry.completed : undefined,
          mentor: entry.mentor === undefined ? undefined : { name: entry.mentor },
        },
      };
    case 'article':
      if (url !== undefined) {
        return {
          builder: 'article',
          input: {
            url,
            keepQueryStrings,
            title,
            engagedSeconds: durationSeconds ?? 0,
            completed: entry.completed,
          },
          durationUnknown: durationSeconds === undefined,
        };
      }
      return experienced(entry, ACTIVITY_TYPES.article);
    case 'video':
    case 'podcast':
      if (url !== undefined) {
        return {
          builder: 'media',
          input: {
            media: kind === 'video' ? 'video' : 'audio',
            url,
            keepQueryStrings,
            title,
            playedSeconds: durationSeconds ?? 0,
            segments: [],
            completed: entry.completed,
          },
          durationUnknown: durationSeconds === undefined,
        };
      }
      return experienced(entry, kind === 'video' ? ACTIVITY_TYPES.video : ACTIVITY_TYPES.audio);
    case 'practice':
      return experienced(entry, ACTIVITY_TYPES.project);
    case 'other':
      return experienced(entry, undefined);
  }
}

/** docs/xapi-profile.md "anything else (logged)": `experienced`, a fitting type or none, the learner's word kept. */
function experienced(entry: QuickLogEntry, typeIri: string | undefined): DraftRecipe {
  return {
    builder: 'experienced',
    input: {
      title: entry.title,
      url: entry.url,
      keepQueryStrings: true,
      typeIri,
      durationSeconds: entry.durationSeconds,
      kindLabel: entry.kind,
    },
  };
}
