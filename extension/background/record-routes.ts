/**
 * The routes of the learner's record (My learning and the popup): the list, its context (popup-state.ts) and
 * exports, follow-ups, deletion, sending refused items again, pausing capture and "capture this page" (handlers in
 * record.ts). Each payload is checked by the shared validator of its kind (shared/learner/payloads.ts) or, for the
 * extension's own requests, here; nothing is coerced.
 */
import { MANUAL_KINDS, type ManualKind } from '../../shared/learner/items';
import { MAX_RECORD_PAGE } from '../../shared/learner/limits';
import {
  parseExportFormat,
  parseItemComment,
  parseItemRef,
  payloadOf,
  valueOf,
} from '../../shared/learner/payloads';
import { isPauseChoice } from '../../shared/learner/pause';
import {
  isExportCursor,
  isRecordCursor,
  NOTHING_REFUSED,
  parseRecordQuery,
  sendRefusedAgain,
} from '../../shared/record';
import { setPause } from '../platform/pause';
import { orFailure, type PageRoutesFor } from './dispatch';
import type { LearnerDeps } from './learner';
import { recordContext } from './popup-state';
import { addFollowUp, capturePage, configuredIds, deleteItem, exportFile, recordState } from './record';

type RecordRequest =
  | 'record/list'
  | 'record/tally'
  | 'record/context'
  | 'record/export'
  | 'item/comment'
  | 'item/delete'
  | 'item/resend'
  | 'refused/resend'
  | 'capture/pause'
  | 'capture/resume'
  | 'capture/page';

const isManualKind = (v: unknown): v is ManualKind => (MANUAL_KINDS as readonly unknown[]).includes(v);
/** A page of My learning's record: a whole number of items, at most MAX_RECORD_PAGE. */
const isPageSize = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_RECORD_PAGE;
const isTabId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Nothing refused to send again is an answer the learner sees, not an error. */
async function resend(requeue: Promise<number>, deps: LearnerDeps) {
  if ((await requeue) === 0) return { ok: false, error: NOTHING_REFUSED };
  void deps.sync(true);
  return { ok: true };
}

export const recordRoutes: PageRoutesFor<RecordRequest, LearnerDeps> = {
  'record/list': {
    parse: ({ query, after, limit }) => {
      const checked = query === undefined ? {} : parseRecordQuery(query);
      if (!checked || (after !== undefined && !isRecordCursor(after))) return undefined;
      if (limit !== undefined && !isPageSize(limit)) return undefined;
      return { query: checked, ...(after ? { after } : {}), ...(limit ? { limit } : {}) };
    },
    handle: ({ query, after, limit }, deps) => recordState(deps, query ?? {}, limit, after),
  },
  'record/tally': {
    parse: () => ({}),
    handle: async (_payload, deps) => ({ tally: await deps.outbox.tally() }),
  },
  'record/context': {
    parse: () => ({}),
    handle: (_payload, deps) => recordContext(deps.outbox),
  },
  'record/export': {
    parse: ({ format, cursor }) => {
      const checked = valueOf(parseExportFormat(format));
      if (!checked || (cursor !== undefined && !isExportCursor(cursor))) return undefined;
      return { format: checked, ...(cursor ? { cursor } : {}) };
    },
    handle: ({ format, cursor }, deps) => orFailure(() => exportFile(format, deps, cursor)),
  },
  'item/comment': {
    parse: (raw) => valueOf(parseItemComment(payloadOf(raw))),
    handle: ({ id, reflection, addSkills }, deps) =>
      orFailure(() => addFollowUp(id, { reflection, addSkills }, deps)),
  },
  'item/delete': {
    parse: (raw) => valueOf(parseItemRef(payloadOf(raw))),
    handle: ({ id }, deps) => orFailure(() => deleteItem(id, deps)),
  },
  'item/resend': {
    parse: (raw) => valueOf(parseItemRef(payloadOf(raw))),
    handle: ({ id }, deps) => orFailure(() => resend(sendRefusedAgain(deps.outbox, { id }, []), deps)),
  },
  'refused/resend': {
    parse: () => ({}),
    handle: (_payload, deps) =>
      orFailure(async () => resend(sendRefusedAgain(deps.outbox, 'all', await configuredIds()), deps)),
  },
  'capture/pause': {
    parse: ({ until }) => (isPauseChoice(until) ? { until } : undefined),
    handle: async ({ until }, deps) => ({ ok: true, pausedUntil: await setPause(until, deps.now()) }),
  },
  'capture/resume': {
    parse: () => ({}),
    handle: async (_payload, deps) => {
      await setPause('resume', deps.now());
      return { ok: true };
    },
  },
  'capture/page': {
    parse: ({ tabId, kind }) => (isTabId(tabId) && isManualKind(kind) ? { tabId, kind } : undefined),
    handle: ({ tabId, kind }, deps) => orFailure(() => capturePage(tabId, kind, deps)),
  },
};
