/**
 * The learner's items, made and changed one way for both apps: an outbox item from a recipe (a finished
 * capture session, a quick log, "capture this page"), and the learner's skills and reflection added to it
 * afterwards (rebuilt while unsent, a `commented` follow-up once sent: docs/xapi-profile.md § Reflections).
 */
import type { ItemMeta, NewItem, OutboxItem } from '../outbox';
import type { CaptureKind } from '../policy';
import { followUpOf } from '../record';
import {
  ACTIVITY_TYPES,
  freezeStatement,
  type ExperiencedInput,
  type StatementContext,
  type StatementSource,
  type XapiAgent,
} from '../xapi';
import {
  buildFromRecipe,
  draftContext,
  storeDraft,
  upgradeDraft,
  type DraftRecipe,
  type DraftTags,
} from './drafts';

/** Who says every statement of this install, and from which app. */
export interface ItemEnv {
  actor: XapiAgent;
  /** The app and its version (the statements' source activity); its surface is the item's `meta.source`. */
  source: StatementSource;
  /** The app's language, when the page gives none. */
  language?: string;
}

export interface NewItemOptions {
  /** The statement id; a fresh UUID unless the capture chose one (a session keeps its id across restarts). */
  id?: string;
  /** When the experience started or happened (clamped to `now`). */
  timestamp: Date;
  now: number;
  /** `context.platform`: the site's host for web captures, the app or player for desktop ones. */
  platform: string;
  language?: string;
  /** The learner's tags, when given with the item (a quick log). */
  tags?: DraftTags;
  meta: Omit<ItemMeta, 'skills' | 'reflection' | 'source' | 'draft'>;
  /** Held for the hold time or review (docs/policy.md `capture.holdMinutes`); none: ready at once. */
  hold?: { holdUntil: number; review: boolean };
}

/** The hold every automatic (or "capture this page") item gets under the policy's capture settings. */
export function holdFor(
  capture: { holdMinutes: number; reviewBeforeSync: boolean },
  now: number,
): { holdUntil: number; review: boolean } {
  return { holdUntil: now + capture.holdMinutes * 60_000, review: capture.reviewBeforeSync };
}

/** A new outbox item: the statement built from the recipe and frozen, the draft kept for re-tagging. */
export function newItem(recipe: DraftRecipe, env: ItemEnv, options: NewItemOptions): NewItem {
  const ctx: StatementContext = {
    id: options.id ?? crypto.randomUUID(),
    actor: env.actor,
    timestamp: options.timestamp,
    now: new Date(options.now),
    language: options.language ?? env.language,
    platform: options.platform,
    source: env.source,
    skills: options.tags?.skills,
    reflection: options.tags?.reflection,
  };
  const statement = buildFromRecipe(recipe, ctx);
  const tags = options.tags ? { skills: options.tags.skills, reflection: options.tags.reflection } : {};
  return {
    id: statement.id,
    json: freezeStatement(statement),
    meta: { ...options.meta, ...tags, source: env.source.surface, draft: storeDraft(recipe, ctx) },
    ...(options.hold ?? {}),
  };
}

/** What rebuilding needs of an outbox item (structurally shared/outbox's OutboxItem). */
export interface DraftedItem {
  id: string;
  createdAt: number;
  meta: ItemMeta;
}

export const NOT_REBUILDABLE = 'This item cannot be changed here: its draft is missing or unreadable.';

/**
 * The item's statement rebuilt with new tags: same id, actor, timestamp and input; the draft stored in the
 * current shape (older shapes are upgraded). Throws NOT_REBUILDABLE when the draft cannot be read.
 */
export function rebuildWithTags(item: DraftedItem, tags: DraftTags): { json: string; meta: ItemMeta } {
  const draft = upgradeDraft(item.meta.draft, item.createdAt);
  if (!draft) throw new Error(NOT_REBUILDABLE);
  const reflection = tags.reflection?.trim() || undefined;
  const skills = tags.skills;
  const statement = buildFromRecipe(draft, draftContext(draft, item.id, { skills, reflection }));
  return { json: freezeStatement(statement), meta: { ...item.meta, skills, reflection, draft } };
}

/** The outbox as tagging needs it: the app's own (extension) or the outbox window behind IPC (desktop). */
export interface TagPorts {
  get(id: string): Promise<OutboxItem | undefined | null>;
  revise(id: string, json: string, meta: ItemMeta): Promise<unknown>;
  /** A follow-up about a sent item (shared/record addFollowUp, wherever the outbox lives). */
  comment(added: {
    id: string;
    reflection: string;
    addSkills: Array<{ id: string; name: string }>;
  }): Promise<{ ok: boolean; error?: string; changed?: boolean }>;
}

export type TagResult = { ok: boolean; error?: string; changed?: boolean };

/**
 * The learner's skills and reflection for an item, as an item card sends them: rebuilt while the item is held
 * or in review; once sent (the hold may run out while the learner types), what is new becomes a follow-up.
 * `changed`: something was written (the caller then asks for a sync).
 */
export async function tagOrComment(
  tags: { id: string; skills: DraftTags['skills']; reflection: string },
  ports: TagPorts,
): Promise<TagResult> {
  try {
    const item = await ports.get(tags.id);
    if (!item || item.state === 'discarded')
      return { ok: false, error: 'This item is no longer in the outbox.' };
    if (item.state === 'ready') {
      const added = followUpOf(item, tags);
      if (!added.reflection && added.addSkills.length === 0) return { ok: true, changed: false };
      return await ports.comment({ id: item.id, ...added });
    }
    const { json, meta } = rebuildWithTags(item, tags);
    await ports.revise(item.id, json, meta);
    return { ok: true, changed: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

// ---- "Capture this page": the learner says what the page is; docs/xapi-profile.md "anything else" row
// (`experienced`, the kind's activity type). No time is claimed: none was measured.

export const MANUAL_KINDS = ['article', 'video', 'podcast', 'other'] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];

const MANUAL_TYPES: Record<ManualKind, string> = {
  article: ACTIVITY_TYPES.article,
  video: ACTIVITY_TYPES.video,
  podcast: ACTIVITY_TYPES.audio,
  other: ACTIVITY_TYPES.page,
};

/** The policy's capture kind a page captured by hand is checked against (docs/policy.md `capture.kinds`). */
export const MANUAL_CAPTURE_KIND: Record<ManualKind, CaptureKind> = {
  article: 'article',
  video: 'video',
  podcast: 'audio',
  other: 'article',
};

/** The recipe for a page the learner captured by hand. */
export function pageRecipe(
  page: { url: string; title?: string },
  kind: ManualKind,
  keepQueryStrings: boolean,
): Extract<DraftRecipe, { builder: 'experienced' }> {
  const input: ExperiencedInput = {
    title: page.title?.trim() || page.url,
    url: page.url,
    keepQueryStrings,
    typeIri: MANUAL_TYPES[kind],
    kindLabel: kind,
  };
  return { builder: 'experienced', input };
}
