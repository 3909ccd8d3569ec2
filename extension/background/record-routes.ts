/**
 * The routes of the learner's record (My learning and the popup): the list and exports, follow-ups, deletion,
 * sending refused items again, pausing capture and "capture this page" (handlers in record.ts). Payloads are
 * parsed by record.ts's bounded parser.
 */
import { setPause } from '../platform/pause';
import { orFailure, type PageRoutesFor } from './dispatch';
import type { LearnerDeps } from './learner';
import {
  addFollowUp,
  capturePage,
  configuredIds,
  deleteItem,
  exportFile,
  parseRecordMessage,
  recordState,
  type RecordMessage,
} from './record';

type RecordRequest = RecordMessage['type'];

/** Nothing refused to send again is an answer the learner sees, not an error. */
async function resend(requeue: Promise<number>, deps: LearnerDeps) {
  if ((await requeue) === 0) return { ok: false, error: 'Nothing refused to send again.' };
  void deps.sync(true);
  return { ok: true };
}

export const recordRoutes: PageRoutesFor<RecordRequest, LearnerDeps> = {
  'record/list': {
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'record/list' ? m : undefined;
    },
    handle: ({ limit }, deps) => recordState(deps, limit),
  },
  'record/export': {
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'record/export' ? m : undefined;
    },
    handle: ({ format, cursor }, deps) => orFailure(() => exportFile(format, deps, cursor)),
  },
  'item/comment': {
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'item/comment' ? m : undefined;
    },
    handle: ({ id, reflection, addSkills }, deps) =>
      orFailure(() => addFollowUp(id, { reflection, addSkills }, deps)),
  },
  'item/delete': {
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'item/delete' ? m : undefined;
    },
    handle: ({ id }, deps) => orFailure(() => deleteItem(id, deps)),
  },
  'item/resend': {
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'item/resend' ? m : undefined;
    },
    handle: ({ id }, deps) => orFailure(() => resend(deps.outbox.requeueItem(id), deps)),
  },
  'refused/resend': {
    parse: () => ({}),
    handle: (_payload, deps) =>
      orFailure(async () => resend(deps.outbox.requeueAll(await configuredIds()), deps)),
  },
  'capture/pause': {
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'capture/pause' ? m : undefined;
    },
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
    parse: (raw) => {
      const m = parseRecordMessage(raw);
      return m?.type === 'capture/page' ? m : undefined;
    },
    handle: ({ tabId, kind }, deps) => orFailure(() => capturePage(tabId, kind, deps)),
  },
};
