/**
 * Statements built from a recipe (builder name + input) that is kept with the outbox item (`meta.draft`), so a
 * held item can be rebuilt with the learner's skills and reflection while keeping its id and timestamp
 * (xapi-profile.md § Every statement: the id is set once at capture). Used by the quick log and by the media
 * watcher's finished items.
 */
import type { ItemMeta, NewItem, OutboxItem } from '../../shared/outbox';
import {
  buildArticleRead,
  buildAttended,
  buildBookRead,
  buildExperienced,
  buildMediaPlayed,
  freezeStatement,
  type ArticleReadInput,
  type AttendedInput,
  type BookReadInput,
  type ExperiencedInput,
  type MediaPlayedInput,
  type StatementContext,
  type XapiAgent,
  type XapiStatement,
} from '../../shared/xapi';

/** `context.platform` of every desktop statement: the app name (xapi-profile.md § Every statement). */
export const DESKTOP_PLATFORM = 'Trailnote desktop';

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
const BUILDERS: readonly DraftBuilder[] = ['book', 'attended', 'article', 'media', 'experienced'];

/** Who and what every statement of this install carries. */
export interface StatementEnv {
  actor: XapiAgent;
  now: number;
  /** The app's version (source activity). */
  version: string;
  language?: string;
}

type StoredContext = Omit<StatementContext, 'timestamp' | 'now'> & { timestamp: string; now: string };

interface Tags {
  skills: Array<{ id: string; name: string }>;
  reflection?: string;
}

export function buildFromRecipe(recipe: DraftRecipe, ctx: StatementContext): XapiStatement {
  const statement = buildOnce(recipe, ctx);
  if (recipe.durationUnknown === true && statement.result) {
    const { duration: _unknown, ...result } = statement.result;
    return Object.keys(result).length > 0 ? { ...statement, result } : omitResult(statement);
  }
  return statement;
}

function omitResult(statement: XapiStatement): XapiStatement {
  const { result: _none, ...rest } = statement;
  return rest;
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

/** A new outbox item from a recipe: a fresh statement id, the learner's tags, the draft kept for re-tagging. */
export function draftItem(
  recipe: DraftRecipe,
  env: StatementEnv,
  options: Tags & {
    timestamp: Date;
    meta: Omit<ItemMeta, 'skills' | 'reflection' | 'source' | 'draft'>;
    holdUntil?: number;
    review?: boolean;
    /** `context.platform`; default DESKTOP_PLATFORM. */
    platform?: string;
  },
): NewItem {
  const ctx: StatementContext = {
    id: crypto.randomUUID(),
    actor: env.actor,
    timestamp: options.timestamp,
    now: new Date(env.now),
    language: env.language,
    platform: options.platform?.trim() || DESKTOP_PLATFORM,
    source: { surface: 'desktop', version: env.version },
    skills: options.skills,
    reflection: options.reflection,
  };
  const statement = buildFromRecipe(recipe, ctx);
  const { skills: _s, reflection: _r, ...bare } = ctx;
  const context: StoredContext = {
    ...bare,
    timestamp: ctx.timestamp.toISOString(),
    now: new Date(env.now).toISOString(),
  };
  return {
    id: statement.id,
    json: freezeStatement(statement),
    meta: {
      ...options.meta,
      skills: options.skills,
      reflection: options.reflection,
      source: 'desktop',
      draft: { builder: recipe.builder, input: { recipe }, context },
    },
    holdUntil: options.holdUntil,
    review: options.review,
  };
}

/**
 * The item's statement rebuilt with new tags: same id, actor, timestamp and input. The draft comes back from
 * the outbox window, so its shape is checked before use.
 */
export function rebuildWithTags(item: OutboxItem, tags: Tags): { json: string; meta: ItemMeta } {
  const draft = item.meta.draft;
  const recipe = isRecord(draft?.input) ? draft.input.recipe : undefined;
  const stored = draft?.context;
  if (
    !draft ||
    !isRecord(recipe) ||
    !BUILDERS.includes(recipe.builder as DraftBuilder) ||
    recipe.builder !== draft.builder ||
    !isRecord(recipe.input) ||
    !isStoredContext(stored)
  ) {
    throw new Error('This item was not made by the desktop app and cannot be changed here.');
  }
  const reflection = tags.reflection?.trim() || undefined;
  const ctx: StatementContext = {
    ...stored,
    id: item.id,
    timestamp: new Date(stored.timestamp),
    now: new Date(stored.now),
    skills: tags.skills,
    reflection,
  };
  const statement = buildFromRecipe(recipe as DraftRecipe, ctx);
  return { json: freezeStatement(statement), meta: { ...item.meta, skills: tags.skills, reflection } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoredContext(value: unknown): value is StoredContext {
  return (
    isRecord(value) &&
    typeof value.timestamp === 'string' &&
    typeof value.now === 'string' &&
    isRecord(value.actor) &&
    isRecord(value.source) &&
    typeof value.platform === 'string'
  );
}
