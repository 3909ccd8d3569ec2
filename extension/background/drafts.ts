/**
 * Rebuilding a held item's statement with the learner's skills and reflection. The item keeps its statement id
 * and timestamp; only what the learner added changes, and only while the item is held or in review.
 */
import type { OutboxItem } from '../../shared/outbox';
import {
  buildArticleRead,
  buildExperienced,
  buildMediaPlayed,
  freezeStatement,
  type ArticleReadInput,
  type ExperiencedInput,
  type MediaPlayedInput,
  type StatementContext,
} from '../../shared/xapi';

export interface Tags {
  skills: Array<{ id: string; name: string }>;
  reflection: string;
}

type StoredContext = Omit<StatementContext, 'timestamp' | 'now'> & { timestamp: string; now?: string };

export function rebuildWithTags(item: OutboxItem, tags: Tags): { json: string; meta: OutboxItem['meta'] } {
  const draft = item.meta.draft;
  if (!draft) throw new Error('This item was not captured by the extension and cannot be re-tagged here.');
  const stored = draft.context as StoredContext;
  const ctx: StatementContext = {
    ...stored,
    id: item.id,
    timestamp: new Date(stored.timestamp),
    now: stored.now ? new Date(stored.now) : new Date(item.createdAt),
    skills: tags.skills,
    reflection: tags.reflection.trim() || undefined,
  };
  const statement =
    draft.builder === 'article'
      ? buildArticleRead(draft.input as ArticleReadInput, ctx)
      : draft.builder === 'media'
        ? buildMediaPlayed(draft.input as MediaPlayedInput, ctx)
        : draft.builder === 'experienced' // "capture this page" (record.ts)
          ? buildExperienced(draft.input as ExperiencedInput, ctx)
          : undefined;
  if (!statement) throw new Error(`Unknown statement builder "${draft.builder}".`);
  return {
    json: freezeStatement(statement),
    meta: { ...item.meta, skills: tags.skills, reflection: tags.reflection.trim() || undefined },
  };
}
