/**
 * One validator per UI request (ui-contract.ts UiRequests): main runs it on what a window sent before any service
 * sees it. Each delegates to the one validator of its payload kind, shared with the extension
 * (shared/learner/payloads.ts), or the settings form's (ipc-validate.ts). A request carries at most one payload.
 */
import {
  bad,
  ok,
  parseExportFormat,
  parseItemComment,
  parseItemId,
  parseItemTags,
  parseQuickLogInput,
  type Parsed,
} from '../../shared/learner/payloads';
import { isPauseRequest, type PauseRequest } from '../../shared/learner/pause';
import { MAX_RECORD_PAGE } from '../../shared/learner/limits';
import { hasExactKeys, isPlainRecord } from '../../shared/guards';
import { isRecordCursor, parseRecordQuery } from '../../shared/record/query';
import { parseSettingsInput } from './ipc-validate';
import type { UiPayload, UiRequest } from './ui-contract';

const none = (v: unknown): Parsed<void> => (v === undefined ? ok(undefined) : bad('expected no payload'));

const parsePauseRequest = (v: unknown): Parsed<PauseRequest> =>
  isPauseRequest(v) ? ok(v) : bad('pause: unknown choice');

/** A destination id as the settings window shows it (policy ids, the learner's `mine`): short, non-empty. */
const parseDestinationId = (v: unknown): Parsed<string> =>
  typeof v === 'string' && v.length > 0 && v.length <= 200 ? ok(v) : bad('expected a destination id');

/** My learning's first page: a query (shared/record/query.ts) and a page size the window may ask for. */
function parseRecordView(v: unknown): Parsed<UiPayload<'recordView'>> {
  if (!isPlainRecord(v) || !hasExactKeys(v, ['query', 'limit'])) return bad('expected a query and a limit');
  const query = parseRecordQuery(v.query);
  const { limit } = v;
  if (!query) return bad('expected a record query');
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_RECORD_PAGE)
    return bad('expected a page size');
  return ok({ query, limit });
}

/** My learning's next page: the query and where the last page stopped. */
function parseRecordPage(v: unknown): Parsed<UiPayload<'recordPage'>> {
  if (!isPlainRecord(v) || !hasExactKeys(v, ['query', 'after'])) return bad('expected a query and a cursor');
  const query = parseRecordQuery(v.query);
  if (!query) return bad('expected a record query');
  if (!isRecordCursor(v.after)) return bad('expected a record cursor');
  return ok({ query, after: v.after });
}

const parseSwitch = (v: unknown): Parsed<boolean> =>
  typeof v === 'boolean' ? ok(v) : bad('expected true or false');

const UI_PAYLOADS: { [R in UiRequest]: (v: unknown) => Parsed<UiPayload<R>> } = {
  quickLogSetup: none,
  saveQuickLog: parseQuickLogInput,
  closeWindow: none,
  status: none,
  saveSettings: parseSettingsInput,
  pause: parsePauseRequest,
  sendNow: none,
  setStartAtLogin: parseSwitch,
  updateItem: parseItemTags,
  discardItem: parseItemId,
  approveItem: parseItemId,
  recordView: parseRecordView,
  recordPage: parseRecordPage,
  skillFrameworks: none,
  commentItem: parseItemComment,
  deleteItem: parseItemId,
  exportRecord: parseExportFormat,
  earlierRecord: parseDestinationId,
  sendEarlierRecord: parseDestinationId,
  resendItem: parseItemId,
  resendRefused: none,
};

/** The payload of `request` from the invoke's arguments (none or one), or why it was refused. */
export function parseUiPayload<R extends UiRequest>(
  request: R,
  args: readonly unknown[],
): Parsed<UiPayload<R>> {
  if (args.length > 1) return bad('expected at most one argument');
  const parse: (v: unknown) => Parsed<UiPayload<R>> = UI_PAYLOADS[request];
  return parse(args[0]);
}
