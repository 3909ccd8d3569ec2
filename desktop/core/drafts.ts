/**
 * The desktop's statement environment for the shared item maker (shared/learner/items.ts): this app as the
 * statements' source and its name as `context.platform` unless a player names itself. Used by the quick log and
 * by the media watcher's finished items.
 */
import type { ItemMeta, NewItem } from '../../shared/outbox';
import type { DraftRecipe, DraftTags } from '../../shared/learner/drafts';
import { newItem } from '../../shared/learner/items';
import type { XapiAgent } from '../../shared/xapi';

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
    /** Held for the hold time or review (shared/learner/items.ts holdFor); none: ready at once. */
    hold?: { holdUntil: number; review: boolean };
    /** `context.platform`; default DESKTOP_PLATFORM. */
    platform?: string;
  },
): NewItem {
  return newItem(
    recipe,
    { actor: env.actor, source: { surface: 'desktop', version: env.version }, language: env.language },
    {
      timestamp: options.timestamp,
      now: env.now,
      platform: options.platform?.trim() || DESKTOP_PLATFORM,
      tags: { skills: options.skills, reflection: options.reflection },
      meta: options.meta,
      hold: options.hold,
    },
  );
}
