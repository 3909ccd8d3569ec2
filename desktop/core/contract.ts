/**
 * The one contract between the main process, the preload script and the renderer windows: channel names, the
 * API object the preload exposes (`window.trailnote`), and every payload and answer. Main validates each
 * payload against it (ipc-validate.ts); the preload and the pages take their types from here, so no channel
 * string or message shape is kept in sync by hand.
 *
 * Two APIs, one per kind of window: the UI windows (quick log, settings/status) get `UiApi`; the hidden outbox
 * window gets `OutboxHostApi`. Credentials only ever travel to the outbox window (OutboxConfig).
 */
import type { NewItem, OutboxItem } from '../../shared/outbox';
import type { PolicyIssue } from '../../shared/policy';
import type { DestinationState } from '../../shared/outbox';
import type { DestinationConfig } from '../../shared/sync';
import type { XapiAgent } from '../../shared/xapi';
import type { DestinationStatusItem, SkillRef } from '../../shared/ui';
import type { MessageKey, MessageParams } from '../../shared/ui/i18n';
import type { ExportFormat, ItemView, RecordFile, RecordItemView } from '../../shared/record';
import type { FrameworkStatus } from '../../shared/skills';
import type { SkillFrameworksView } from '../../shared/ui/record/useSkillFrameworks';

export type { ExportFormat, ItemView, RecordFile, RecordItemView, SkillFrameworksView };

/** What the learner can log by hand (issue 5, part 2). */
export const QUICK_LOG_KINDS = [
  'book',
  'article',
  'video',
  'podcast',
  'course',
  'workshop',
  'conference',
  'webinar',
  'mentoring',
  'practice',
  'other',
] as const;
export type QuickLogKind = (typeof QUICK_LOG_KINDS)[number];

/** The quick-log form as the renderer sends it: raw text fields, checked again in main. */
export interface QuickLogInput {
  kind: string;
  title: string;
  /** A URL or an ISBN. */
  link: string;
  /** `YYYY-MM-DDTHH:mm` (an `<input type=datetime-local>`, local time), an ISO instant, or '' for now. */
  when: string;
  /** Whole minutes as typed, or ''. */
  minutes: string;
  mentor: string;
  completed: boolean;
  skills: SkillRef[];
  reflection: string;
}

export type QuickLogField =
  'kind' | 'title' | 'link' | 'when' | 'minutes' | 'mentor' | 'skills' | 'reflection';

/** A message for the learner, translated where it is shown (`t(key, params)`). */
export interface UiMessage {
  key: MessageKey;
  params?: MessageParams;
}

export type FieldErrors<F extends string> = Partial<Record<F, UiMessage>>;

export type SaveResult<F extends string> =
  { ok: true } | { ok: false; errors: FieldErrors<F> } | { ok: false; error: string };

/** What the quick-log window needs to show its form. */
export interface QuickLogSetup {
  frameworks: Array<{
    id: string;
    name: string;
    attribution?: string;
    skills: Array<{ id: string; name: string; altNames?: string[] }>;
  }>;
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
}

/** A setting as the settings window shows it: its value and whether the organisation enforces it. */
export interface ShownSetting<T> {
  value: T;
  locked: boolean;
}

export type PauseChoice = 'hour' | 'tomorrow' | 'resumed' | 'resume';

/** Everything the settings/status window shows. Never a credential: `hasSecret` says whether one is saved. */
export interface StatusView {
  now: number;
  policy: { source: string | undefined; issues: PolicyIssue[]; userIssues: PolicyIssue[] };
  waiting: number;
  destinations: DestinationStatusItem[];
  /** `undefined`: not paused; `null`: until resumed. */
  pausedUntil: number | null | undefined;
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
  learnerDestination: {
    allowed: boolean;
    endpoint: string;
    username: string;
    hasSecret: boolean;
  };
  encryptionAvailable: boolean;
  startAtLogin: boolean;
  /** The desktop media watcher's own words ("watching 2 players", "not supported on this system yet"). */
  mediaStatus: string;
  /** How each skill framework of the settings loaded (inline, downloaded, offline copy, failed...). */
  frameworks: FrameworkStatus[];
  /** Items held or in review that the learner may still tag. */
  items: ItemView[];
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

export interface ItemTags {
  id: string;
  skills: SkillRef[];
  reflection: string;
}

/** What the My learning window shows (the frameworks come apart: skillFrameworks, by `frameworksStamp`). */
export interface RecordView {
  now: number;
  items: RecordItemView[];
  destinations: DestinationStatusItem[];
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
  frameworksStamp: string;
}

/** A reflection or skills added to a sent item (a `commented` statement, docs/xapi-profile.md § Reflections). */
export interface ItemComment {
  id: string;
  reflection: string;
  addSkills: SkillRef[];
}

export type ActionResult = { ok: boolean; error?: string };

/** An export: saved where the learner chose (`path`), or `cancelled` in the save dialog. */
export type ExportResult = ActionResult & { cancelled?: boolean; path?: string };

/** The API the preload exposes to the quick-log, settings/status and My learning windows. */
export interface UiApi {
  quickLogSetup(): Promise<QuickLogSetup>;
  saveQuickLog(input: QuickLogInput): Promise<SaveResult<QuickLogField>>;
  closeWindow(): Promise<void>;
  status(): Promise<StatusView>;
  saveSettings(input: SettingsInput): Promise<SaveResult<SettingsField>>;
  pause(choice: PauseChoice): Promise<void>;
  sendNow(): Promise<void>;
  setStartAtLogin(enabled: boolean): Promise<void>;
  updateItem(tags: ItemTags): Promise<{ ok: boolean; error?: string }>;
  discardItem(id: string): Promise<{ ok: boolean; error?: string }>;
  approveItem(id: string): Promise<{ ok: boolean; error?: string }>;
  /** My learning: the whole record. */
  recordView(): Promise<RecordView>;
  /** The frameworks the skill pickers search (settings' inline and downloaded ones, plus the starter set). */
  skillFrameworks(): Promise<SkillFrameworksView>;
  commentItem(comment: ItemComment): Promise<ActionResult>;
  /** Unsent: discarded; sent: a `voided` statement is queued. */
  deleteItem(id: string): Promise<ActionResult>;
  /** Main builds the file (in the outbox window) and saves it through a save dialog. */
  exportRecord(format: ExportFormat): Promise<ExportResult>;
  /** Main says the status changed (sync finished, item added); the window reloads it. Returns unsubscribe. */
  onStatusChanged(listener: () => void): () => void;
}

/** What main asks of the outbox window. Each request gets exactly one reply with the same `requestId`. */
export type OutboxRequest =
  | { op: 'configure'; config: OutboxConfig }
  | { op: 'enqueue'; item: NewItem }
  | { op: 'sync'; force: boolean }
  | { op: 'summary' }
  | { op: 'get'; id: string }
  | { op: 'revise'; id: string; json: string; meta: NewItem['meta'] }
  | { op: 'discard'; id: string }
  | { op: 'approve'; id: string }
  | { op: 'record' }
  | { op: 'comment'; comment: ItemComment }
  | { op: 'delete'; id: string }
  | { op: 'export'; format: ExportFormat };

/** Main's side of the outbox window: one request, one answer (or a thrown error). */
export interface OutboxLink {
  request<R extends OutboxRequest>(request: R): Promise<OutboxAnswers[R['op']]>;
}

/** Where statements go and whether they may go yet (docs/policy.md `learner.mustIdentify`). */
export interface OutboxConfig {
  destinations: DestinationConfig[];
  maySend: boolean;
  /**
   * The current actor (docs/xapi-profile.md § Every statement, `actor`). Before a pass sends anything, items never
   * attempted anywhere take it as their batch is claimed (shared/outbox/stamp.ts), so nothing captured before the learner identified goes
   * out with the pseudonym.
   */
  actor: XapiAgent;
  /** The app's version: the source activity of follow-up statements the outbox window makes. */
  version: string;
}

export interface OutboxSummary {
  waiting: number;
  destinations: Array<{ state: DestinationState; pending: number }>;
  items: OutboxItem[];
}

export interface OutboxAnswers {
  configure: null;
  enqueue: { added: boolean };
  sync: { nextRunAt: number | undefined };
  summary: OutboxSummary;
  get: OutboxItem | null;
  revise: null;
  discard: null;
  approve: null;
  record: RecordItemView[];
  /** `changed`: a statement was queued (false when nothing new was said). */
  comment: ActionResult & { changed?: boolean };
  /** `queued`: a `voided` statement was queued. */
  delete: ActionResult & { queued?: boolean };
  export: RecordFile;
}

export type OutboxReply = { requestId: number } & (
  { ok: true; value: OutboxAnswers[OutboxRequest['op']] } | { ok: false; error: string }
);

export type OutboxEnvelope = { requestId: number } & OutboxRequest;

/** The API the preload exposes to the hidden outbox window. */
export interface OutboxHostApi {
  /** Serve main's requests; the handler's answer (or error) goes back as the reply. */
  serve(handler: (request: OutboxRequest) => Promise<OutboxAnswers[OutboxRequest['op']]>): void;
  /** The page's `online` event: the network came back. */
  networkOnline(): void;
}

/** IPC channel names, one place. */
export const CHANNELS = {
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
  skillFrameworks: 'trailnote:skill-frameworks',
  commentItem: 'trailnote:item-comment',
  deleteItem: 'trailnote:item-delete',
  exportRecord: 'trailnote:record-export',
  statusChanged: 'trailnote:status-changed',
  outboxRequest: 'trailnote:outbox-request',
  outboxReply: 'trailnote:outbox-reply',
  outboxReady: 'trailnote:outbox-ready',
  networkOnline: 'trailnote:network-online',
} as const;

/** The invoke channels of the UI API and the method each serves. */
export const UI_INVOKE_CHANNELS = {
  quickLogSetup: CHANNELS.quickLogSetup,
  saveQuickLog: CHANNELS.saveQuickLog,
  closeWindow: CHANNELS.closeWindow,
  status: CHANNELS.status,
  saveSettings: CHANNELS.saveSettings,
  pause: CHANNELS.pause,
  sendNow: CHANNELS.sendNow,
  setStartAtLogin: CHANNELS.setStartAtLogin,
  updateItem: CHANNELS.updateItem,
  discardItem: CHANNELS.discardItem,
  approveItem: CHANNELS.approveItem,
  recordView: CHANNELS.recordView,
  skillFrameworks: CHANNELS.skillFrameworks,
  commentItem: CHANNELS.commentItem,
  deleteItem: CHANNELS.deleteItem,
  exportRecord: CHANNELS.exportRecord,
} as const satisfies Partial<Record<keyof UiApi, string>>;

export type UiInvokeMethod = keyof typeof UI_INVOKE_CHANNELS;
