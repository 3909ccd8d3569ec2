/**
 * Rebuilding a held item's statement with the learner's skills and reflection (shared/xapi rebuildWithTags).
 * The item keeps its statement id and timestamp; only what the learner added changes, and only while the item is
 * held or in review.
 */
import type { OutboxItem } from '../../shared/outbox';
import { rebuildWithTags as rebuildDraft, type DraftTags } from '../../shared/xapi';

export function rebuildWithTags(
  item: OutboxItem,
  tags: DraftTags,
): { json: string; meta: OutboxItem['meta'] } {
  return rebuildDraft(
    item,
    tags,
    'This item was not captured by the extension and cannot be re-tagged here.',
  );
}
