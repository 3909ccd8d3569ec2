/**
 * The extension pages' contract with the background (popup, options, My learning), one map (web-scrobbler's
 * communication.ts pattern): each request names its payload and its response, and the background's route table
 * (background/learner.ts, dispatch.ts) is typed by it. The content scripts' contract is content-messages.ts.
 * The background validates every message it receives and its sender; web pages cannot reach the extension at
 * all (no externally_connectable, no onMessageExternal). Credentials never appear in any of these.
 */
import type { ManualKind } from '../../shared/learner/items';
import type { ItemComment, ItemTags } from '../../shared/learner/payloads';
import type { PauseChoice } from '../../shared/learner/pause';
import type { FrameworkStatus } from '../../shared/skills/remote';
import type { DestinationStatusItem } from '../../shared/ui/DestinationStatus';
import type { WeekTally } from '../../shared/insights';
import type {
  ExportCursor,
  ExportFormat,
  ItemView,
  RecordCursor,
  RecordPage,
  RecordQuery,
  RefusedView,
} from '../../shared/record';
import type { SkillFrameworksView } from '../../shared/ui/record/useSkillFrameworks';
import type { EarlierRecordResult, EarlierRecordView } from '../../shared/ui/record/EarlierRecord';
import type {
  CaptureSettings,
  DestinationOrigin,
  PolicyDocument,
  PolicyIssue,
  ResolvedLearner,
  XapiVersion,
} from '../../shared/policy';

/** What is being captured on a tab right now. */
export interface PageCaptureView {
  kind: 'article' | 'video' | 'audio';
  title: string;
  /** Seconds counted so far (engaged reading time, or media played). */
  seconds: number;
  /** Seconds needed before it counts (the policy's threshold). */
  neededSeconds: number;
  /** For media of known length: share played, 0..1. */
  progress?: number;
}

/** A destination's delivery status, as the shared UI shows it. */
export type DestinationView = DestinationStatusItem;

export interface PopupState {
  /** Why nothing is captured on this tab, if so (blocked site, paused, private window...). */
  blockedReason?: string;
  capturing: PageCaptureView[];
  /** Items waiting for the learner (held or in review), newest first. */
  waiting: ItemView[];
  /**
   * Changes whenever the skill frameworks do: the frameworks themselves come from `skills/frameworks`, fetched
   * once per page and again only when this changes (a 14k-skill framework is megabytes of JSON).
   */
  frameworksStamp: string;
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
  destinations: DestinationView[];
  pausedUntil?: number;
  /** Set while the disk is full: new items are refused with this message (shared/outbox/quota.ts). */
  storageFull?: string;
  /** Set while the outbox is still opening (an older version's upgrade, shared/outbox/opening.ts): nothing else is. */
  opening?: string;
  /** Items an LRS refused (quarantined), with its own message, for the learner to send again. */
  refused?: RefusedView;
}

export type { RefusedView };

/** My learning's view of the settings (`record/context`): no credentials, as in the popup's state. */
export type RecordContext = Pick<
  PopupState,
  'destinations' | 'allowCustomSkills' | 'customSkillBaseIri' | 'frameworksStamp'
>;

/** Messages extension pages (popup, options) send to the background. */
export interface PageToBackground {
  'popup/state': { payload: { tabId?: number }; response: PopupState };
  /** Each destination's delivery row alone (the options page's "How sending is going"), not the popup's state. */
  'destinations/status': { payload: Record<never, never>; response: { destinations: DestinationView[] } };
  /** Tag skills and write a reflection on an item not yet sent (its statement is rebuilt). */
  'item/update': {
    payload: ItemTags;
    response: { ok: boolean; error?: string };
  };
  'item/discard': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'item/approve': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'sync/now': { payload: Record<never, never>; response: { ok: boolean } };
  // RECORD: My learning, follow-ups, pause and "capture this page" (handled in background/record.ts).
  /**
   * A page of My learning's timeline (shared/record/query.ts): the newest `limit` items matching `query`, older
   * than `after` when given, with where the next page starts.
   */
  'record/list': {
    payload: { query?: RecordQuery; after?: RecordCursor; limit?: number };
    response: RecordState;
  };
  /** The record's running totals (shared/insights/tally.ts): My learning's chart, filter menus and counts. */
  'record/tally': { payload: Record<never, never>; response: { tally: WeekTally[] } };
  /** What My learning shows beside the record: the destinations' rows, the skill settings, the frameworks' stamp. */
  'record/context': { payload: Record<never, never>; response: RecordContext };
  /** One page of the export file (shared/record/export.ts): ask again with `next` until a page has none. */
  'record/export': { payload: { format: ExportFormat; cursor?: ExportCursor }; response: RecordExport };
  /** A reflection or skills added to an item already frozen: a `commented` statement (docs/xapi-profile.md). */
  'item/comment': {
    payload: ItemComment;
    response: { ok: boolean; error?: string };
  };
  /** Send an item an LRS refused again (after its cause was fixed), or every refused item. */
  'item/resend': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'refused/resend': { payload: Record<never, never>; response: { ok: boolean; error?: string } };
  /** Delete an item: unsent ones are discarded, frozen ones voided (docs/xapi-profile.md § Reflections). */
  'item/delete': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'capture/pause': { payload: { until: PauseChoice }; response: { ok: boolean; pausedUntil?: number } };
  'capture/resume': { payload: Record<never, never>; response: { ok: boolean } };
  /** Capture the tab's page by hand, as the kind the learner chose; held like any other item. */
  'capture/page': {
    payload: { tabId: number; kind: ManualKind };
    response: { ok: boolean; id?: string; error?: string; reason?: string };
  };
  // Options page (extension/background/options.ts): state, saving, destinations, import and export.
  'options/state': { payload: Record<never, never>; response: OptionsState };
  'options/save': { payload: { settings: LearnerEditable }; response: SaveResult };
  'destination/save': { payload: { destination: DestinationDraft }; response: SaveResult };
  'destination/remove': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'destination/test': { payload: { destination: DestinationDraft }; response: ConnectionTest };
  /**
   * A destination's earlier record (docs/policy.md § Meaning, `destinations`; background/earlier.ts): how many
   * items made ready before it was configured it would get, and the learner's choice to send them.
   */
  'earlier/count': { payload: { id: string }; response: EarlierRecordView };
  'earlier/send': { payload: { id: string }; response: EarlierRecordResult };
  'settings/export': { payload: Record<never, never>; response: { document: PolicyDocument } };
  /** `confirmed`: the endpoints the learner saw in the preview; applying a file with destinations needs them. */
  'settings/import': {
    payload: { text: string; apply: boolean; confirmed?: string[] };
    response: ImportResult;
  };
  // FRAMEWORKS: skill frameworks the settings name by URL (extension/background/frameworks.ts).
  /** How each framework loaded: "loaded 120 skills", "using copy from …", "could not load: …". */
  'frameworks/status': { payload: Record<never, never>; response: { statuses: FrameworkStatusView[] } };
  /** Download every URL framework again now, even copies less than a day old. */
  'frameworks/refresh': { payload: Record<never, never>; response: { statuses: FrameworkStatusView[] } };
  /** The frameworks the skill pickers search (the settings' plus the starter set). */
  'skills/frameworks': { payload: Record<never, never>; response: SkillFrameworksView };
}

/** What the skill pickers search, with the `frameworksStamp` it was made for (shared with the desktop). */
export type { SkillFrameworksView } from '../../shared/ui/record/useSkillFrameworks';

/** One framework's load status (shared/skills/remote.ts FrameworkStatus): for the options page. */
export type FrameworkStatusView = FrameworkStatus;

// ---- Options page payloads and answers. Credentials go in (a draft) but never come back out.

/** A destination as the options page sees it: where it sends, never its credentials. */
export interface DestinationSummary {
  id: string;
  name: string;
  endpoint: string;
  xapiVersion: XapiVersion;
  auth: 'basic' | 'token';
  /** The organisation's are read-only for the learner. */
  origin: DestinationOrigin;
  /** Credentials are stored, in the background only. */
  hasSecret: true;
}

/** The learner's own LRS as typed in the form. When editing, blank secrets keep the stored ones. */
export interface DestinationDraft {
  /** The destination being edited; absent for a new one. */
  id?: string;
  name: string;
  endpoint: string;
  auth: 'basic' | 'token';
  username: string;
  password: string;
  token: string;
  xapiVersion: XapiVersion;
}

/** The groups of the learner's settings the options page edits (policy-shaped, docs/policy.md). */
export type LearnerEditable = Pick<PolicyDocument, 'learner' | 'capture'>;

export interface OptionsState {
  destinations: DestinationSummary[];
  allowLearnerDestinations: boolean;
  /** What applies now. */
  effective: { learner: ResolvedLearner; capture: CaptureSettings };
  /** What would apply without the learner's own values: built-in defaults under the organisation's `recommended`. */
  base: { learner: ResolvedLearner; capture: CaptureSettings };
  /** The learner's own values. */
  own: LearnerEditable;
  /** Leaf paths the organisation enforces (`capture.holdMinutes`). */
  locked: string[];
  /** Leaf paths the organisation recommends. */
  recommended: string[];
  /** Whether the actor is a named learner (e-mail or account), not the pseudonymous install account. */
  identified: boolean;
  /** Invalid keys found in the organisation's policy and in the learner's settings, with their messages. */
  issues: Array<PolicyIssue & { from: 'organisation' | 'learner' }>;
}

/** `issues` name the offending keys (paths as in the policy document); nothing was saved when there are any. */
export interface SaveResult {
  ok: boolean;
  issues?: PolicyIssue[];
  error?: string;
  /** The id of the destination saved. */
  id?: string;
}

export type ConnectionProblem = 'invalid' | 'network' | 'about' | 'credentials' | 'version' | 'lrs';

/** The outcome of "Test connection": nothing is stored either way. */
export interface ConnectionTest {
  ok: boolean;
  problem?: ConnectionProblem;
  /** The technical detail (the LRS's answer, the network error). */
  detail?: string;
  /** The xAPI versions the LRS's `/about` lists. */
  versions?: string[];
  /** Accepted, but the key may not read statements (HTTP 403): fine for sending (docs/policy.md's write-only keys). */
  writeOnly?: boolean;
  issues?: PolicyIssue[];
}

export interface ImportedDestination {
  id: string;
  name?: string;
  endpoint: string;
  /** kept: the saved key of this id (same origin); in-file: the file has one; not-reused: the address changed. */
  secret: 'kept' | 'in-file' | 'not-reused' | 'none';
}

export interface ImportResult {
  ok: boolean;
  /** Invalid keys in the file: ignored. */
  issues: PolicyIssue[];
  /** The valid leaf paths found (`capture.holdMinutes`, `destinations[my-lrs]`). */
  keys: string[];
  /** Valid keys that only the organisation may set: never applied. */
  ignored: string[];
  /** Every destination in the file, with where it sends and whether a saved key goes with it. */
  destinations: ImportedDestination[];
  applied: boolean;
  error?: string;
}

// ---- The page contract's derived types: the one place a request's payload and its response are tied together.

/** A request an extension page may send (`popup/state`, `item/update`...). */
export type PageRequest = keyof PageToBackground;
export type PagePayload<K extends PageRequest> = PageToBackground[K]['payload'];
export type PageResponse<K extends PageRequest> = PageToBackground[K]['response'];
/** The message on the wire for request K: its payload with its type. */
export type PageMessageOf<K extends PageRequest> = { type: K } & PagePayload<K>;
/** Any page message (a union discriminated by `type`). */
export type PageMessage = { [K in PageRequest]: PageMessageOf<K> }[PageRequest];

/**
 * What the background answers when handling a request threw (not an answer of the contract): the page's
 * `sendToBackground` rejects with this message. Answers the learner should see (`ok: false`) are in the contract.
 */
export interface PageFailure {
  failure: string;
}

// RECORD's payload and response types.

/** How long to pause capture (one type for both apps: shared/learner/pause.ts). */
export type { PauseChoice };

/** What the learner may say a page is when capturing it by hand (shared/learner/items.ts). */
export type { ManualKind };

/** The record's export formats, statuses and items: shared with the desktop app (shared/record). */
/** Items as the learner's views see them (never credentials): shared with the desktop app. */
export type { ExportFormat, ItemView, RecordItemView, RecordStatus } from '../../shared/record';

/** A page of the record (shared/record/query.ts); destinations come from `record/context`, frameworks from `skills/frameworks`. */
export type RecordState = RecordPage;

export interface RecordExport {
  ok: boolean;
  error?: string;
  filename?: string;
  mimeType?: string;
  text?: string;
  /** Where the next page starts; absent on the last page. */
  next?: ExportCursor;
}
