/**
 * What main accepts back from the outbox window (outbox-contract.ts): the reply envelope, then the answer checked
 * against the op that asked, one check per op. The window is our own page, but a renderer all the same: an answer
 * that does not fit fails the request with a message instead of reaching a service half-formed.
 */
import { isFiniteNumber, isPlainRecord, isRecord } from '../../shared/guards';
import { isWeekTally } from '../../shared/insights/tally';
import { isExportCursor } from '../../shared/record/export';
import { isRecordCursor } from '../../shared/record/query';
import type { OutboxAnswers, OutboxOp, OutboxReply, OutboxSummary } from './outbox-contract';
import type { ActionResult, RecordFile } from './ui-contract';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The envelope: a positive integer request id, and `ok` with a value or an error text. */
export function parseOutboxReply(v: unknown): Parsed<OutboxReply> {
  if (
    !isPlainRecord(v) ||
    !Number.isSafeInteger(v.requestId) ||
    !isFiniteNumber(v.requestId) ||
    v.requestId < 1
  ) {
    return { ok: false, reason: 'outbox reply: request id' };
  }
  const { requestId } = v;
  if (Object.keys(v).length !== 3) return { ok: false, reason: 'outbox reply: shape' };
  if (v.ok === true && Object.hasOwn(v, 'value'))
    return { ok: true, value: { requestId, ok: true, value: v.value } };
  if (v.ok === false && typeof v.error === 'string' && v.error.length <= 10_000) {
    return { ok: true, value: { requestId, ok: false, error: v.error } };
  }
  return { ok: false, reason: 'outbox reply: shape' };
}

const isNull = (v: unknown): v is null => v === null;
const optional = (v: unknown, type: 'string' | 'boolean') => v === undefined || typeof v === type;

function isActionResult(v: unknown, flag: 'changed' | 'queued'): v is ActionResult {
  return (
    isRecord(v) && typeof v.ok === 'boolean' && optional(v.error, 'string') && optional(v[flag], 'boolean')
  );
}

/** A count: a whole number, never negative. */
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** An item as main reads it (to re-tag it): its id, state, statement and meta. */
const isItem = (v: unknown) =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  typeof v.state === 'string' &&
  typeof v.json === 'string' &&
  isRecord(v.meta);

/** The summary's numbers are what main acts on (tray count, destination states). */
export function isOutboxSummary(v: unknown): v is OutboxSummary {
  return (
    isRecord(v) &&
    isFiniteNumber(v.waiting) &&
    isCount(v.refused) &&
    (v.storageFullSince === undefined || isFiniteNumber(v.storageFullSince)) &&
    (v.opening === undefined || typeof v.opening === 'string') &&
    Array.isArray(v.destinations) &&
    Array.isArray(v.items) &&
    v.destinations.every(
      (d) => isRecord(d) && isFiniteNumber(d.pending) && isRecord(d.state) && typeof d.state.id === 'string',
    ) &&
    v.items.every(isItem)
  );
}

/** A refused item as the learner sees it: short texts only (the LRS's message is capped by the engine). */
const isRefusedItem = (v: unknown) =>
  isRecord(v) &&
  (['id', 'title', 'destination', 'message'] as const).every((k) => {
    const text = v[k];
    return typeof text === 'string' && text.length <= 10_000;
  });

/** The refused items: a count of at least one and no more items than it (none refused is `null`). */
export function isRefusedView(v: unknown): v is OutboxAnswers['refused'] {
  return (
    v === null ||
    (isRecord(v) &&
      isCount(v.count) &&
      v.count > 0 &&
      Array.isArray(v.items) &&
      v.items.length <= v.count &&
      v.items.every(isRefusedItem))
  );
}

/**
 * An export file. Its name becomes the save dialog's default path: only the names the shared exporter makes (no
 * directory part, no surprises) are accepted.
 */
export function isRecordFile(v: unknown): v is RecordFile {
  return (
    isRecord(v) &&
    typeof v.text === 'string' &&
    (v.mimeType === 'application/json' || v.mimeType === 'text/csv') &&
    typeof v.filename === 'string' &&
    /^trailnote-(statements|record)-\d{4}-\d{2}-\d{2}\.(json|csv)$/.test(v.filename)
  );
}

const ANSWER_CHECKS: { [Op in OutboxOp]: (v: unknown) => v is OutboxAnswers[Op] } = {
  configure: isNull,
  enqueue: (v): v is OutboxAnswers['enqueue'] => isRecord(v) && typeof v.added === 'boolean',
  sync: (v): v is OutboxAnswers['sync'] =>
    isRecord(v) && (v.nextRunAt === undefined || isFiniteNumber(v.nextRunAt)),
  summary: isOutboxSummary,
  get: (v): v is OutboxAnswers['get'] => v === null || isItem(v),
  revise: isNull,
  discard: isNull,
  approve: isNull,
  record: (v): v is OutboxAnswers['record'] =>
    isRecord(v) &&
    Array.isArray(v.items) &&
    v.items.every((i) => isRecord(i) && typeof i.id === 'string') &&
    (v.next === undefined || isRecordCursor(v.next)) &&
    (v.preparing === undefined || isCount(v.preparing)) &&
    (v.opening === undefined || typeof v.opening === 'string'),
  tally: (v): v is OutboxAnswers['tally'] => Array.isArray(v) && v.every(isWeekTally),
  comment: (v): v is OutboxAnswers['comment'] => isActionResult(v, 'changed'),
  delete: (v): v is OutboxAnswers['delete'] => isActionResult(v, 'queued'),
  export: (v): v is OutboxAnswers['export'] =>
    isRecordFile(v) && (!('next' in v) || v.next === undefined || isExportCursor(v.next)),
  earlierCount: (v): v is OutboxAnswers['earlierCount'] =>
    isRecord(v) &&
    isFiniteNumber(v.count) &&
    (v.reason === undefined || v.reason === 'identify-first' || v.reason === 'not-configured'),
  queueEarlier: (v): v is OutboxAnswers['queueEarlier'] =>
    isRecord(v) &&
    typeof v.ok === 'boolean' &&
    optional(v.error, 'string') &&
    (v.queued === undefined || isFiniteNumber(v.queued)),
  refused: isRefusedView,
  resend: (v): v is OutboxAnswers['resend'] => isRecord(v) && isCount(v.requeued),
};

/** The answer to `op`, or an error saying the outbox window sent something else. */
export function checkedAnswer<Op extends OutboxOp>(op: Op, value: unknown): OutboxAnswers[Op] {
  const check: (v: unknown) => v is OutboxAnswers[Op] = ANSWER_CHECKS[op];
  if (!check(value)) throw new Error(`The outbox window sent a malformed answer to "${op}".`);
  return value;
}
