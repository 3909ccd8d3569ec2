/**
 * The contract between main and the UI windows (quick log, settings/status, My learning): one map from each
 * request to its payload and response (`UiRequests`), from which the preload's API (`UiApi`), main's dispatch
 * table (desktop/main/ipc.ts) and the channel names all follow. Main validates each payload with the one
 * validator of its kind (ui-payloads.ts) before a service sees it. Never a credential in a response.
 *
 * Errors, one convention per kind of call: reads (setup, status, record, frameworks) and switches (pause, send
 * now, start at login) resolve with their value or reject; forms (quick log, settings) answer SaveResult, a
 * message per field; item actions (update, discard, approve, comment, delete, export) answer ActionResult, a
 * message for the learner, and never reject for what the outbox window refused.
 */
import type { PolicyIssue } from '../../shared/policy';
import type { ItemComment, ItemTags, QuickLogInput } from '../../shared/learner/payloads';
import type { PauseRequest } from '../../shared/learner/pause';
import type { DestinationStatusItem } from '../../shared/ui';
import type { MessageKey, MessageParams } from '../../shared/ui/i18n';
import type { WeekTally } from '../../shared/insights';
import type {
  ExportFormat,
  ItemView,
  RecordCursor,
  RecordFile,
  RecordItemView,
  RecordPage,
  RecordQuery,
  RefusedView,
} from '../../shared/record';
import type { FrameworkStatus } from '../../shared/skills';
import type { SkillFrameworksView } from '../../shared/ui/record/useSkillFrameworks';
import type { EarlierRecordResult, EarlierRecordView } from '../../shared/ui/record/EarlierRecord';

export type {
  ExportFormat,
  ItemComment,
  ItemTags,
  ItemView,
  PauseRequest,
  QuickLogInput,
  RecordFile,
  RecordItemView,
  SkillFrameworksView,
};

/** What the learner can log by hand (shared/learner/quick-log.ts). The form's payload: QuickLogInput (shared/learner). */
export { QUICK_LOG_KINDS, type QuickLogKind } from '../../shared/learner/quick-log';

export type QuickLogField =
  'kind' | 'title' | 'link' | 'when' | 'minutes' | 'mentor' | 'skills' | 'reflection';

/** A message for the learner, translated where it is shown (`t(key, params)`). */
export interface UiMessage {
  key: MessageKey;
  params?: MessageParams;
}

export type FieldErrors<F extends string> = Partial<Record<F, UiMessage>>;

/** A form's answer: saved, a message per field, or (the outbox window or the disk failed) one message. */
export type SaveResult<F extends string> =
  { ok: true } | { ok: false; errors: FieldErrors<F> } | { ok: false; error: string };

/** An item action's answer: done, or a message for the learner. */
export type ActionResult = { ok: boolean; error?: string };

/** An export: saved where the learner chose (`path`), or `cancelled` in the save dialog. */
export type ExportResult = ActionResult & { cancelled?: boolean; path?: string };

/** What the quick-log window needs to show its form. */
export interface QuickLogSetup {
  frameworks: SkillFrameworksView['frameworks'];
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
}

/** A setting as the settings window shows it: its value and whether the organisation enforces it. */
export interface ShownSetting<T> {
  value: T;
  locked: boolean;
}

/** Everything the settings/status window shows. Never a credential: `hasSecret` says whether one is saved. */
export interface StatusView {
  now: number;
  policy: { source: string | undefined; issues: PolicyIssue[]; userIssues: PolicyIssue[] };
  waiting: number;
  destinations: DestinationStatusItem[];
  /** The pause in force (ms), `undefined` when capturing; "until resumed" is PAUSED_UNTIL_RESUMED (shared/learner/pause.ts). */
  pausedUntil: number | undefined;
  learner: {
    name: ShownSetting<string>;
    email: ShownSetting<string>;
    mustIdentify: boolean;
    identified: boolean;
  };
  capture: {
    enabled: ShownSetting<boolean>;
    holdMinutes: ShownSetting<number>;
    reviewBeforeSync: ShownSetting<boolean>;
  };
  learnerDestination: { allowed: boolean; endpoint: string; username: string; hasSecret: boolean };
  encryptionAvailable: boolean;
  startAtLogin: boolean;
  /** The desktop media watcher's own words ("watching 2 players", "not supported on this system yet"). */
  mediaStatus: string;
  /** How each skill framework of the settings loaded (inline, downloaded, offline copy, failed...). */
  frameworks: FrameworkStatus[];
  /** Items held or in review that the learner may still tag. */
  items: ItemView[];
  /** Items an LRS refused, a few with the LRS's message (shared/record/refused.ts); absent when none. */
  refused?: RefusedView;
  /** The outbox refuses new items for a full disk: its message (shared/outbox/quota.ts); absent when it has room. */
  storageFull?: string;
  /** The outbox is still opening (an older version's upgrade, shared/outbox/opening.ts): the message alone. */
  opening?: string;
}

/** The settings form as the renderer sends it. A field the organisation enforces is ignored by main. */
export interface SettingsInput {
  name: string;
  email: string;
  captureEnabled: boolean;
  holdMinutes: number;
  reviewBeforeSync: boolean;
  /** `null`: remove the learner's LRS. Empty `password` keeps the saved secret. */
  destination: { endpoint: string; username: string; password: string } | null;
}

export type SettingsField = 'name' | 'email' | 'holdMinutes' | 'endpoint' | 'username' | 'password' | 'form';

/** What the My learning window shows (the frameworks come apart: skillFrameworks, by `frameworksStamp`). */
export interface RecordView {
  now: number;
  /** The newest page matching the query (shared/record/query.ts), and where the next one starts. */
  items: RecordItemView[];
  next?: RecordCursor;
  /** The record's running totals (shared/insights/tally.ts): the chart, filter menus and counts. */
  tally: WeekTally[];
  /** Items an older version left not yet prepared (shared/outbox/fill.ts): left out of the above. */
  preparing?: number;
  /** The outbox is still opening (an older version's upgrade, shared/outbox/opening.ts): this message alone. */
  opening?: string;
  destinations: DestinationStatusItem[];
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
  frameworksStamp: string;
}

/** Every request a UI window makes, its payload (`void`: none) and its response. */
export interface UiRequests {
  quickLogSetup: { payload: void; response: QuickLogSetup };
  saveQuickLog: { payload: QuickLogInput; response: SaveResult<QuickLogField> };
  closeWindow: { payload: void; response: void };
  status: { payload: void; response: StatusView };
  saveSettings: { payload: SettingsInput; response: SaveResult<SettingsField> };
  pause: { payload: PauseRequest; response: void };
  sendNow: { payload: void; response: void };
  setStartAtLogin: { payload: boolean; response: void };
  updateItem: { payload: ItemTags; response: ActionResult };
  discardItem: { payload: string; response: ActionResult };
  approveItem: { payload: string; response: ActionResult };
  /** My learning: the newest page for a filter, with the running totals and what the window shows besides. */
  recordView: { payload: { query: RecordQuery; limit: number }; response: RecordView };
  /** My learning's next page for a filter: items older than `after`. */
  recordPage: { payload: { query: RecordQuery; after: RecordCursor }; response: RecordPage };
  /** The frameworks the skill pickers search (settings' inline and downloaded ones, plus the starter set). */
  skillFrameworks: { payload: void; response: SkillFrameworksView };
  commentItem: { payload: ItemComment; response: ActionResult };
  /** Unsent: discarded; sent: a `voided` statement is queued. */
  deleteItem: { payload: string; response: ActionResult };
  /** Main builds the file (in the outbox window) and saves it through a save dialog. */
  exportRecord: { payload: ExportFormat; response: ExportResult };
  /** A destination's earlier record: how many items "Send my earlier record to …" would send there (by id). */
  earlierRecord: { payload: string; response: EarlierRecordView };
  /** The learner chose to send it (docs/policy.md § New destinations and the earlier record). */
  sendEarlierRecord: { payload: string; response: EarlierRecordResult };
  /** An item an LRS refused, back in the queue (issue 11 point 4; the tray sends all of them again). */
  resendItem: { payload: string; response: ActionResult };
  /** Every item an LRS refused, back in the queue (the status window's "Send all again", the tray's too). */
  resendRefused: { payload: void; response: ActionResult };
}

export type UiRequest = keyof UiRequests;
export type UiPayload<R extends UiRequest> = UiRequests[R]['payload'];
export type UiResponse<R extends UiRequest> = UiRequests[R]['response'];

/** The API the preload exposes to the UI windows: one method per request (a `void` payload is left out). */
export type UiApi = { [R in UiRequest]: (payload: UiPayload<R>) => Promise<UiResponse<R>> } & {
  /** Main says the status changed (sync finished, item added); the window reloads it. Returns unsubscribe. */
  onStatusChanged(listener: () => void): () => void;
};

/** The IPC channel of each UI request. */
export const UI_CHANNELS = {
  quickLogSetup: 'trailnote:quicklog-setup',
  saveQuickLog: 'trailnote:quicklog-save',
  closeWindow: 'trailnote:close-window',
  status: 'trailnote:status',
  saveSettings: 'trailnote:settings-save',
  pause: 'trailnote:pause',
  sendNow: 'trailnote:send-now',
  setStartAtLogin: 'trailnote:start-at-login',
  updateItem: 'trailnote:item-update',
  discardItem: 'trailnote:item-discard',
  approveItem: 'trailnote:item-approve',
  recordView: 'trailnote:record-view',
  recordPage: 'trailnote:record-page',
  skillFrameworks: 'trailnote:skill-frameworks',
  commentItem: 'trailnote:item-comment',
  deleteItem: 'trailnote:item-delete',
  exportRecord: 'trailnote:record-export',
  earlierRecord: 'trailnote:earlier-record',
  sendEarlierRecord: 'trailnote:earlier-record-send',
  resendItem: 'trailnote:item-resend',
  resendRefused: 'trailnote:refused-resend',
} as const satisfies Record<UiRequest, `trailnote:${string}`>;

/** Main → UI windows: the status changed. */
export const STATUS_CHANGED_CHANNEL = 'trailnote:status-changed';

const isUiRequest = (key: string): key is UiRequest => Object.hasOwn(UI_CHANNELS, key);

/** Every UI request, in one list (the keys of UI_CHANNELS). */
export const UI_REQUESTS: readonly UiRequest[] = Object.keys(UI_CHANNELS).filter(isUiRequest);
