/**
 * Statements built from a recipe (builder name + input) that is kept with the outbox item (`meta.draft`), so a
 * held item can be rebuilt with the learner's skills and reflection while keeping its id and timestamp
 * (docs/xapi-profile.md § Every statement: the id is set once at capture). Used by the quick log and by the media
 * watcher's finished items.
 */
import type { ItemMeta, NewItem, OutboxItem } from '../../shared/outbox';
import {
  buildFromRecipe,
  freezeStatement,
  rebuildWithTags as rebuildDraft,
  type DraftRecipe,
  type DraftTags,
  type StatementContext,
  type StoredDraftContext,
  type XapiAgent,
} from '../../shared/xapi';

/** `context.platform` of every desktop statement: the app name (docs/xapi-profile.md § Every statement). */
export const DESKTOP_PLATFORM = 'Trailnote desktop';

/** Who and what every statement of this install carries. */
export interface StatementEnv {
  actor: XapiAgent;
  now: number;
  /** The app's version (source activity). */
  version: string;
  language?: string;
}

/** A new outbox item from a recipe: a fresh statement id, the learner's tags, the draft kept for re-tagging. */
export function draftItem(
  recipe: DraftRecipe,
  env: StatementEnv,
  options: DraftTags & {
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
  const context: StoredDraftContext = {
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

/** The item's statement rebuilt with new tags (shared/xapi rebuildWithTags; the draft's shape is checked). */
export function rebuildWithTags(item: OutboxItem, tags: DraftTags): { json: string; meta: ItemMeta } {
  return rebuildDraft(item, tags, 'This item was not made by the desktop app and cannot be changed here.');
}
