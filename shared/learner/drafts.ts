/**
 * The draft kept with an outbox item (`meta.draft`): the builder, its input and the statement's context, so a
 * held item can be rebuilt with the learner's skills and reflection while keeping its id and timestamp
 * (docs/xapi-profile.md § Every statement: the id is set once at capture). One versioned shape for both apps,
 * plain JSON (dates as ISO strings), and an upgrade for the two shapes stored before it.
 */
import { isRecord, type UnknownRecord } from '../guards';
import {
  buildArticleRead,
  buildAttended,
  buildBookRead,
  buildExperienced,
  buildMediaPlayed,
  type ArticleReadInput,
  type AttendedInput,
  type BookReadInput,
  type ExperiencedInput,
  type MediaPlayedInput,
  type StatementContext,
  type XapiStatement,
} from '../xapi';

export type DraftRecipe = (
  | { builder: 'book'; input: BookReadInput }
  | { builder: 'attended'; input: AttendedInput }
  | { builder: 'article'; input: ArticleReadInput }
  | { builder: 'media'; input: MediaPlayedInput }
  | { builder: 'experienced'; input: ExperiencedInput }
) & {
  /**
   * The learner gave no duration: the article/media builders require one, and `PT0S` would claim nothing was
   * read or played, so `result.duration` is left out instead.
   */
  durationUnknown?: boolean;
};

export type DraftBuilder = DraftRecipe['builder'];
const BUILDERS: readonly string[] = ['book', 'attended', 'article', 'media', 'experienced'] as const;

export const DRAFT_VERSION = 2;

/** The statement's context as a draft keeps it: what the learner's tags do not change, dates as ISO strings. */
export type StoredDraftContext = Omit<
  StatementContext,
  'id' | 'timestamp' | 'now' | 'skills' | 'reflection'
> & {
  timestamp: string;
  /** The clock the timestamp was clamped against when the item was made. */
  now: string;
};

/** The one draft shape (v2): a recipe with its context. */
export type StoredDraft = DraftRecipe & { v: typeof DRAFT_VERSION; context: StoredDraftContext };

export interface DraftTags {
  skills: Array<{ id: string; name: string }>;
  reflection?: string;
}

export function buildFromRecipe(recipe: DraftRecipe, ctx: StatementContext): XapiStatement {
  const statement = buildOnce(recipe, ctx);
  if (recipe.durationUnknown === true && statement.result) {
    const { duration: _unknown, ...result } = statement.result;
    if (Object.keys(result).length > 0) return { ...statement, result };
    const { result: _none, ...rest } = statement;
    return rest;
  }
  return statement;
}

function buildOnce(recipe: DraftRecipe, ctx: StatementContext): XapiStatement {
  switch (recipe.builder) {
    case 'book':
      return buildBookRead(recipe.input, ctx);
    case 'attended':
      return buildAttended(recipe.input, ctx);
    case 'article':
      return buildArticleRead(recipe.input, ctx);
    case 'media':
      return buildMediaPlayed(recipe.input, ctx);
    case 'experienced':
      return buildExperienced(recipe.input, ctx);
  }
}

/** The draft to store for a statement built from `recipe` in `ctx` (the tags live in the item's meta). */
export function storeDraft(recipe: DraftRecipe, ctx: StatementContext): StoredDraft {
  const context: StoredDraftContext = {
    actor: ctx.actor,
    timestamp: ctx.timestamp.toISOString(),
    now: (ctx.now ?? new Date()).toISOString(),
    platform: ctx.platform,
    source: ctx.source,
    ...(ctx.language !== undefined ? { language: ctx.language } : {}),
  };
  const { durationUnknown, ...bare } = recipe;
  const flag = durationUnknown === true ? { durationUnknown: true } : {};
  return { v: DRAFT_VERSION, ...bare, ...flag, context };
}

/** The context to rebuild a draft's statement in: its own, with the item's id and the learner's tags. */
export function draftContext(draft: StoredDraft, id: string, tags: DraftTags): StatementContext {
  const { timestamp, now, ...rest } = draft.context;
  return {
    ...rest,
    id,
    timestamp: new Date(timestamp),
    now: new Date(now),
    skills: tags.skills,
    reflection: tags.reflection,
  };
}

/**
 * A stored draft in the current shape, or undefined when it cannot be rebuilt. Two shapes came before v2:
 * the extension's (`input` the builder input itself, `context.now` a Date as IndexedDB keeps it, or missing on
 * the oldest items) and the desktop's (`input` = `{ recipe }`, `context.now` an ISO string). A missing or
 * unreadable `now` is the item's creation time (`createdAt`, ms).
 */
export function upgradeDraft(draft: unknown, createdAt: number): StoredDraft | undefined {
  if (!isRecord(draft)) return undefined;
  if (draft.v === DRAFT_VERSION) return isCurrent(draft) ? draft : undefined;
  if (draft.v !== undefined || typeof draft.builder !== 'string') return undefined;
  const recipe =
    isRecord(draft.input) && isRecord(draft.input.recipe)
      ? draft.input.recipe // desktop: { recipe }
      : { builder: draft.builder, input: draft.input }; // extension: the builder input itself
  if (recipe.builder !== draft.builder || !isRecord(recipe.input)) return undefined;
  const context = upgradeContext(draft.context, createdAt);
  if (!context) return undefined;
  const upgraded: UnknownRecord = { v: DRAFT_VERSION, builder: draft.builder, input: recipe.input, context };
  if (recipe.durationUnknown === true) upgraded.durationUnknown = true;
  return isCurrent(upgraded) ? upgraded : undefined;
}

function upgradeContext(value: unknown, createdAt: number): StoredDraftContext | undefined {
  if (!isRecord(value)) return undefined;
  const timestamp = isoOf(value.timestamp);
  if (timestamp === undefined) return undefined;
  const now = isoOf(value.now) ?? new Date(createdAt).toISOString();
  const { id: _id, skills: _skills, reflection: _reflection, language, ...rest } = value;
  const context: UnknownRecord = { ...rest, timestamp, now };
  if (typeof language === 'string') context.language = language;
  return isContext(context) ? context : undefined;
}

/** A stored date: an ISO string, a Date (structured clone), or epoch milliseconds. */
function isoOf(value: unknown): string | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function isCurrent(draft: UnknownRecord): draft is StoredDraft {
  return (
    draft.v === DRAFT_VERSION &&
    typeof draft.builder === 'string' &&
    BUILDERS.includes(draft.builder) &&
    isRecord(draft.input) &&
    (draft.durationUnknown === undefined || typeof draft.durationUnknown === 'boolean') &&
    isContext(draft.context)
  );
}

function isContext(value: unknown): value is StoredDraftContext {
  return (
    isRecord(value) &&
    typeof value.timestamp === 'string' &&
    typeof value.now === 'string' &&
    (value.language === undefined || typeof value.language === 'string') &&
    isRecord(value.actor) &&
    isRecord(value.source) &&
    typeof value.platform === 'string'
  );
}
