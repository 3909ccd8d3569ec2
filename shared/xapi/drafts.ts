/**
 * Statements built from a recipe (builder name + input) kept with an outbox item (`meta.draft`), so a held item
 * can be rebuilt with the learner's skills and reflection while keeping its id and timestamp (docs/xapi-profile.md
 * § Every statement: the id is set once at capture). Used by both apps: the extension keeps the builder input
 * itself in `draft.input`, the desktop app keeps `{ recipe }` there (so `durationUnknown` travels with it).
 */
import type { StatementContext } from './builders/context';
import { buildArticleRead, type ArticleReadInput } from './builders/article';
import { buildAttended, type AttendedInput } from './builders/attended';
import { buildBookRead, type BookReadInput } from './builders/book';
import { buildExperienced, type ExperiencedInput } from './builders/experienced';
import { buildMediaPlayed, type MediaPlayedInput } from './builders/media';
import { freezeStatement } from './freeze';
import type { XapiStatement } from './types';

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

/** The statement context as kept in a draft: dates as ISO strings (the extension's `now` may still be a Date). */
export type StoredDraftContext = Omit<StatementContext, 'timestamp' | 'now'> & {
  timestamp: string;
  now?: string | Date;
};

/** What a rebuild needs of an outbox item (structurally shared/outbox's OutboxItem). */
export interface DraftedItem<M> {
  id: string;
  createdAt: number;
  meta: M & { draft?: { builder: string; input: unknown; context: unknown } };
}

export interface DraftTags {
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

/**
 * The item's statement rebuilt with new tags: same id, actor, timestamp and input. The draft may come from
 * another process (the desktop's outbox window), so its shape is checked before use; a draft this app cannot
 * rebuild throws `notOurs`. A draft without `now` (older extension items) uses the item's creation time.
 */
export function rebuildWithTags<M>(
  item: DraftedItem<M>,
  tags: DraftTags,
  notOurs: string,
): { json: string; meta: DraftedItem<M>['meta'] & DraftTags } {
  const draft = item.meta.draft;
  const recipe = draft ? recipeOf(draft) : undefined;
  const stored = draft?.context;
  if (
    !draft ||
    !isRecord(recipe) ||
    !BUILDERS.includes(recipe.builder as DraftBuilder) ||
    recipe.builder !== draft.builder ||
    !isRecord(recipe.input) ||
    !isStoredContext(stored)
  ) {
    throw new Error(notOurs);
  }
  const reflection = tags.reflection?.trim() || undefined;
  const ctx: StatementContext = {
    ...stored,
    id: item.id,
    timestamp: new Date(stored.timestamp),
    now: stored.now !== undefined ? new Date(stored.now) : new Date(item.createdAt),
    skills: tags.skills,
    reflection,
  };
  const statement = buildFromRecipe(recipe as DraftRecipe, ctx);
  return { json: freezeStatement(statement), meta: { ...item.meta, skills: tags.skills, reflection } };
}

/** The desktop keeps `{ recipe }` as the draft's input; the extension keeps the builder input itself. */
function recipeOf(draft: { builder: string; input: unknown }): unknown {
  if (isRecord(draft.input) && isRecord(draft.input.recipe)) return draft.input.recipe;
  return { builder: draft.builder, input: draft.input };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoredContext(value: unknown): value is StoredDraftContext {
  return (
    isRecord(value) &&
    typeof value.timestamp === 'string' &&
    (value.now === undefined || typeof value.now === 'string' || value.now instanceof Date) &&
    isRecord(value.actor) &&
    isRecord(value.source) &&
    typeof value.platform === 'string'
  );
}
