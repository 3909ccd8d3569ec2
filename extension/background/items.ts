/**
 * The routes of the popup's state, the destinations' rows alone (the options page), and the popup's and My
 * learning's item actions: tag or reflect on an item (rebuilt while unsent, a `commented` follow-up once sent),
 * discard, approve, and "send now". Payloads: shared/learner/payloads.ts.
 */
import { tagOrComment } from '../../shared/learner/items';
import { parseItemRef, parseItemTags, payloadOf, valueOf } from '../../shared/learner/payloads';
import { syncDestinations } from '../../shared/policy';
import { orFailure, type PageRoutesFor } from './dispatch';
import type { LearnerDeps } from './learner';
import { destinationViews, popupState } from './popup-state';
import { addFollowUp } from './record';
import { loadSettings } from './settings';

type ItemRequest =
  'popup/state' | 'destinations/status' | 'item/update' | 'item/discard' | 'item/approve' | 'sync/now';

export const itemRoutes: PageRoutesFor<ItemRequest, LearnerDeps> = {
  'popup/state': {
    parse: ({ tabId }) =>
      tabId === undefined || (typeof tabId === 'number' && Number.isInteger(tabId)) ? { tabId } : undefined,
    handle: ({ tabId }, deps) => popupState(tabId, deps),
  },
  'destinations/status': {
    parse: () => ({}),
    handle: async (_payload, deps) => ({
      destinations: await destinationViews(deps.outbox, (await loadSettings()).settings),
    }),
  },
  'item/update': {
    parse: (raw) => valueOf(parseItemTags(payloadOf(raw))),
    // Rebuilt while unsent, a follow-up once sent (shared/learner/items.ts tagOrComment, as on desktop).
    handle: async ({ id, skills, reflection }, deps) => {
      const { changed: _changed, ...result } = await tagOrComment(
        { id, skills, reflection },
        {
          get: (itemId) => deps.outbox.get(itemId),
          revise: (itemId, json, meta) => deps.outbox.revise(itemId, json, meta),
          comment: ({ id: itemId, ...added }) => addFollowUp(itemId, added, deps),
        },
      );
      return result;
    },
  },
  'item/discard': {
    parse: (raw) => valueOf(parseItemRef(payloadOf(raw))),
    handle: ({ id }, deps) =>
      orFailure(async () => {
        await deps.outbox.discard(id);
        return { ok: true };
      }),
  },
  'item/approve': {
    parse: (raw) => valueOf(parseItemRef(payloadOf(raw))),
    handle: ({ id }, deps) =>
      orFailure(async () => {
        const destinations = syncDestinations(await loadSettings()).map((d) => d.id);
        await deps.outbox.approve(id, deps.now(), destinations);
        void deps.sync();
        return { ok: true };
      }),
  },
  'sync/now': {
    parse: () => ({}),
    handle: async (_payload, deps) => {
      await deps.sync(true);
      return { ok: true };
    },
  },
};
