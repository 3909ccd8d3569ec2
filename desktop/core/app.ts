/**
 * What the main process does, without Electron: settings (policy file over the learner's own, docs/policy.md
 * § Meaning), the actor, the quick log, held media items, the status view, pause, and when to sync. The
 * outbox itself lives in the hidden outbox window (see desktop/README.md); this talks to it through an
 * OutboxLink. desktop/main/ wires this to IPC, the tray and timers; the e2e test wires it to Chromium.
 */
import {
  isLocked,
  learnerActor,
  maySend,
  resolveSettings,
  syncDestinations,
  type PolicyDocument,
  type PolicyIssue,
  type ResolvedSettings,
  validatePolicy,
} from '../../shared/policy';
import { followUpOf, itemView, type ExportFormat } from '../../shared/record';
import { STARTER_FRAMEWORK } from '../../shared/skills';
import { isIdentified, type MediaPlayedInput, type XapiAgent } from '../../shared/xapi';
import type {
  ActionResult,
  FieldErrors,
  ItemComment,
  ItemTags,
  OutboxAnswers,
  OutboxConfig,
  OutboxRequest,
  OutboxSummary,
  PauseChoice,
  QuickLogField,
  QuickLogInput,
  QuickLogSetup,
  RecordFile,
  RecordView,
  SaveResult,
  SettingsField,
  SettingsInput,
  SkillFrameworksView,
  StatusView,
} from './contract';
import { draftItem, rebuildWithTags, type StatementEnv } from './drafts';
import { DesktopFrameworks, memoryFrameworkCache, type LoadedFrameworkSource } from './frameworks';
import { isOutboxSummary, isRecordFile } from './ipc-validate';
import type { PolicyFile } from './policy-file';
import { checkQuickLog, quickLogItem } from './quick-log';
import { EncryptionUnavailableError, type SettingsStore } from './settings-store';
import { isPaused, pauseEnd, type TrayState } from './tray-menu';

/** Main's side of the outbox window: one request, one answer (or a thrown error). */
export interface OutboxLink {
  request<R extends OutboxRequest>(request: R): Promise<OutboxAnswers[R['op']]>;
}

/**
 * What the media watcher hands over when a video or podcast counts (desktop/main/media/types.ts has the
 * watcher's own, wider type; this is the part the app uses, checked again because it crosses a module owned
 * elsewhere).
 */
export interface FinishedMedia {
  kind: 'video' | 'audio';
  draft: { builder: string; input: unknown };
  title: string;
  /** When playing started (ms); defaults to now minus the time played. */
  startedAt?: number;
  /** The player's name: `context.platform` (docs/xapi-profile.md § Every statement). */
  platform?: string;
  details?: Record<string, string | number | boolean>;
}

export interface DesktopAppDeps {
  store: SettingsStore;
  outbox: OutboxLink;
  loadPolicy: () => Promise<PolicyFile>;
  now: () => number;
  version: string;
  language?: string;
  /** The media watcher's status line. */
  mediaStatus?: () => string;
  /** Something the tray or an open status window shows changed. */
  onChange?: () => void;
  /** A captured item is held: offer to tag it (desktop notification). */
  onHeld?: (item: { id: string; title: string; kind: string }) => void;
  /**
   * The settings' frameworks as loaded (desktop/core/frameworks.ts: URL ones downloaded and kept in
   * userData/frameworks/). Without it, nothing is downloaded: inline frameworks only, URL ones "pending".
   */
  frameworks?: LoadedFrameworkSource;
}

/** The learner's own LRS (one, docs/policy.md `allowLearnerDestinations`). */
export const LEARNER_DESTINATION_ID = 'learner-own-lrs';

export class DesktopApp {
  private policy: PolicyFile = { path: '', found: false, document: {}, issues: [] };
  private waiting = 0;
  private readonly frameworks: LoadedFrameworkSource;

  constructor(private readonly deps: DesktopAppDeps) {
    this.frameworks =
      deps.frameworks ?? new DesktopFrameworks({ cache: memoryFrameworkCache(), now: deps.now });
  }

  /** Read the policy and hand the outbox window its configuration. */
  async start(): Promise<void> {
    this.policy = await this.deps.loadPolicy();
    await this.configureOutbox();
  }

  /** Read the policy file again (main's hourly tick, before it checks the frameworks). */
  async reloadPolicy(): Promise<void> {
    this.policy = await this.deps.loadPolicy();
  }

  resolved(): { resolved: ResolvedSettings; learnerIssues: PolicyIssue[] } {
    const learner = this.deps.store.learnerSettings();
    return {
      resolved: resolveSettings({ enforced: this.policy.document, learner: learner.document }),
      learnerIssues: learner.issues,
    };
  }

  /** The shared rule (shared/policy learnerActor), as the extension's, with this install's id. */
  actor(resolved: ResolvedSettings): XapiAgent {
    return learnerActor(resolved, this.deps.store.installId);
  }

  private env(resolved: ResolvedSettings): StatementEnv {
    return {
      actor: this.actor(resolved),
      now: this.deps.now(),
      version: this.deps.version,
      language: this.deps.language,
    };
  }

  outboxConfig(): OutboxConfig {
    const { resolved } = this.resolved();
    return {
      destinations: syncDestinations(resolved),
      maySend: maySend(resolved),
      actor: this.actor(resolved),
      version: this.deps.version,
    };
  }

  private async configureOutbox(): Promise<void> {
    await this.deps.outbox.request({ op: 'configure', config: this.outboxConfig() });
  }

  // ---- quick log

  quickLogSetup(): QuickLogSetup {
    const { settings } = this.resolved().resolved;
    return {
      frameworks: this.pickerFrameworks(settings.skills).frameworks,
      allowCustomSkills: settings.skills.allowCustom,
      customSkillBaseIri: settings.skills.customBaseIri,
    };
  }

  /** The frameworks the skill pickers search: the settings' (inline and downloaded), then the starter set. */
  skillFrameworks(): SkillFrameworksView {
    return this.pickerFrameworks(this.resolved().resolved.settings.skills);
  }

  private pickerFrameworks(skills: ResolvedSettings['settings']['skills']): SkillFrameworksView {
    const { frameworks, stamp } = this.frameworks.snapshot(skills);
    return {
      stamp,
      frameworks: [...frameworks, STARTER_FRAMEWORK].map((f) => ({
        id: f.id,
        name: f.name,
        attribution: f.attribution,
        skills: f.skills.map((s) => ({ id: s.id, name: s.name, altNames: s.altNames })),
      })),
    };
  }

  /** Check, build, and resolve only once the outbox window has stored the item ("saves at once"). */
  async saveQuickLog(input: QuickLogInput): Promise<SaveResult<QuickLogField>> {
    const now = this.deps.now();
    const checked = checkQuickLog(input, now);
    if (!checked.ok) return checked;
    const item = quickLogItem(checked.entry, this.env(this.resolved().resolved));
    await this.deps.outbox.request({ op: 'enqueue', item });
    this.afterChange(true);
    return { ok: true };
  }

  // ---- media captured by the watcher

  /** A finished video or podcast: held for the policy's hold time (or review), with an offer to tag it. */
  async captureFinished(media: FinishedMedia): Promise<string | undefined> {
    const { resolved } = this.resolved();
    const { capture } = resolved.settings;
    const now = this.deps.now();
    // The watcher already follows the pause; this keeps a late report from slipping through.
    if (isPaused(this.deps.store.pausedUntil, now) || !capture.enabled) return undefined;
    if (
      media.draft.builder !== 'media' ||
      typeof media.draft.input !== 'object' ||
      media.draft.input === null
    ) {
      throw new Error(`The media watcher sent an unknown draft ("${media.draft.builder}").`);
    }
    const input = media.draft.input as MediaPlayedInput;
    const started = media.startedAt ?? now - Math.max(0, input.playedSeconds) * 1000;
    const item = draftItem({ builder: 'media', input }, this.env(resolved), {
      timestamp: new Date(started),
      skills: [],
      meta: { kind: media.kind, title: media.title, url: input.url, details: media.details },
      platform: media.platform,
      holdUntil: now + capture.holdMinutes * 60_000,
      review: capture.reviewBeforeSync,
    });
    await this.deps.outbox.request({ op: 'enqueue', item });
    if (capture.holdMinutes > 0 || capture.reviewBeforeSync) {
      this.deps.onHeld?.({ id: item.id, title: media.title, kind: media.kind });
    }
    this.afterChange(true);
    return item.id;
  }

  // ---- held items

  async updateItem(tags: ItemTags): Promise<{ ok: boolean; error?: string }> {
    const item = await this.deps.outbox.request({ op: 'get', id: tags.id }).catch(() => null);
    // Sent meanwhile (the hold ran out while the learner typed): what is new becomes a follow-up, as in the
    // extension (docs/xapi-profile.md § Reflections).
    if (item?.state === 'ready') {
      const { reflection, addSkills } = followUpOf(item, tags);
      if (!reflection && addSkills.length === 0) return { ok: true };
      return this.commentItem({ id: tags.id, reflection, addSkills });
    }
    return this.guard(async () => {
      const current = item ?? (await this.deps.outbox.request({ op: 'get', id: tags.id }));
      if (!current) throw new Error('This item is no longer in the outbox.');
      const { json, meta } = rebuildWithTags(current, tags);
      await this.deps.outbox.request({ op: 'revise', id: tags.id, json, meta });
    });
  }

  // ---- My learning (the record; follow-ups are written by the outbox window, shared/record)

  async recordView(): Promise<RecordView> {
    const { view: status, settings, frameworksStamp } = await this.statusWithSettings();
    const items = await this.deps.outbox.request({ op: 'record' });
    if (!Array.isArray(items)) throw new Error('The outbox window sent a malformed record.');
    return {
      now: status.now,
      items,
      destinations: status.destinations,
      allowCustomSkills: settings.skills.allowCustom,
      customSkillBaseIri: settings.skills.customBaseIri,
      frameworksStamp,
    };
  }

  async commentItem(comment: ItemComment): Promise<ActionResult> {
    try {
      const { changed, ...result } = await this.deps.outbox.request({ op: 'comment', comment });
      if (result.ok && changed) this.afterChange(true);
      return result;
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }

  async deleteItem(id: string): Promise<ActionResult> {
    try {
      const { queued, ...result } = await this.deps.outbox.request({ op: 'delete', id });
      if (result.ok) this.afterChange(queued === true);
      return result;
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }

  /** The export as the outbox window holds it: xAPI JSON exactly as sent, or CSV (shared/record). */
  async exportRecord(format: ExportFormat): Promise<RecordFile> {
    const file = await this.deps.outbox.request({ op: 'export', format });
    if (!isRecordFile(file)) throw new Error('The outbox window sent a malformed export.');
    return file;
  }

  discardItem(id: string): Promise<{ ok: boolean; error?: string }> {
    return this.guard(() => this.deps.outbox.request({ op: 'discard', id }));
  }

  approveItem(id: string): Promise<{ ok: boolean; error?: string }> {
    return this.guard(async () => {
      await this.deps.outbox.request({ op: 'approve', id });
      this.afterChange(true);
    });
  }

  private async guard(action: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
    try {
      await action();
      this.deps.onChange?.();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }

  // ---- sync

  /** One sync pass in the outbox window; returns when it wants the next (backoff or a hold expiring). */
  async sync(force = false): Promise<number | undefined> {
    const { nextRunAt } = await this.deps.outbox.request({ op: 'sync', force });
    await this.refreshSummary();
    return nextRunAt;
  }

  /** A sync was asked for (new item, network back, send now); main's scheduler runs it. */
  syncRequested: (force: boolean) => void = () => undefined;

  private afterChange(syncNow: boolean): void {
    if (syncNow) this.syncRequested(false);
    void this.refreshSummary().catch(() => undefined);
  }

  private async refreshSummary(): Promise<void> {
    await this.summary();
    this.deps.onChange?.();
  }

  /** The outbox window's summary, checked; keeps the waiting count for the tray. */
  private async summary(): Promise<OutboxSummary> {
    const summary = await this.deps.outbox.request({ op: 'summary' });
    if (!isOutboxSummary(summary)) throw new Error('The outbox window sent a malformed summary.');
    this.waiting = summary.waiting;
    return summary;
  }

  async sendNow(): Promise<void> {
    await this.start(); // the policy file again, and the outbox window's configuration with it
    this.syncRequested(true);
  }

  // ---- pause, start at login, tray

  async pause(choice: PauseChoice): Promise<void> {
    const now = this.deps.now();
    await this.deps.store.setPausedUntil(choice === 'resume' ? undefined : pauseEnd(choice, now));
    this.deps.onChange?.();
  }

  /** The pause as the media watcher needs it: still in force at `now`? */
  pausedAt(now: number): boolean {
    return isPaused(this.deps.store.pausedUntil, now);
  }

  async setStartAtLogin(enabled: boolean): Promise<void> {
    await this.deps.store.setStartAtLogin(enabled);
    this.deps.onChange?.();
  }

  trayState(logShortcut?: string): TrayState {
    return {
      now: this.deps.now(),
      waiting: this.waiting,
      pausedUntil: this.deps.store.pausedUntil,
      startAtLogin: this.deps.store.startAtLogin,
      logShortcut,
    };
  }

  // ---- settings and status

  async status(): Promise<StatusView> {
    return (await this.statusWithSettings()).view;
  }

  /** The status view with the settings and frameworks it was made from (My learning needs them too). */
  private async statusWithSettings(): Promise<{
    view: StatusView;
    settings: ResolvedSettings['settings'];
    frameworksStamp: string;
  }> {
    this.policy = await this.deps.loadPolicy();
    const { resolved, learnerIssues } = this.resolved();
    const { settings } = resolved;
    const summary = await this.summary();
    const loaded = this.frameworks.snapshot(settings.skills);
    const states = new Map(summary.destinations.map((d) => [d.state.id, d]));
    const own = this.deps.store.publicDocument().destinations?.find((d) => d.id === LEARNER_DESTINATION_ID);
    const now = this.deps.now();
    const shown = <T>(value: T, path: string) => ({ value, locked: isLocked(resolved, path) });
    const view: StatusView = {
      now,
      policy: {
        source: this.policy.found ? this.policy.path : undefined,
        issues: this.policy.issues,
        userIssues: learnerIssues,
      },
      waiting: summary.waiting,
      destinations: settings.destinations.map((d) => {
        const s = states.get(d.id);
        return {
          id: d.id,
          name: d.name,
          origin: d.origin,
          status: s?.state.status ?? 'active',
          lastError: s?.state.lastError,
          lastSuccessAt: s?.state.lastSuccessAt,
          pending: s?.pending ?? 0,
          xapiVersion: s?.state.xapiVersion,
          versionNote: s?.state.versionNote,
        };
      }),
      pausedUntil: isPaused(this.deps.store.pausedUntil, now) ? this.deps.store.pausedUntil : undefined,
      learner: {
        name: shown(settings.learner.name ?? '', 'learner.name'),
        email: shown(settings.learner.email ?? '', 'learner.email'),
        mustIdentify: settings.learner.mustIdentify,
        identified: isIdentified(settings.learner),
      },
      capture: {
        enabled: shown(settings.capture.enabled, 'capture.enabled'),
        holdMinutes: shown(settings.capture.holdMinutes, 'capture.holdMinutes'),
        reviewBeforeSync: shown(settings.capture.reviewBeforeSync, 'capture.reviewBeforeSync'),
      },
      learnerDestination: {
        allowed: settings.allowLearnerDestinations,
        endpoint: own?.endpoint ?? '',
        username: own?.username ?? '',
        hasSecret: this.deps.store.hasSecret(LEARNER_DESTINATION_ID),
      },
      encryptionAvailable: this.deps.store.encryptionAvailable,
      startAtLogin: this.deps.store.startAtLogin,
      mediaStatus: this.deps.mediaStatus?.() ?? '',
      frameworks: loaded.statuses,
      items: summary.items.filter((i) => i.state === 'held' || i.state === 'review').map(itemView),
    };
    return { view, settings, frameworksStamp: loaded.stamp };
  }

  /** Save what the learner may change; enforced keys are never written (docs/policy.md: the learner cannot). */
  async saveSettings(input: SettingsInput): Promise<SaveResult<SettingsField>> {
    const { resolved } = this.resolved();
    const current = this.deps.store.publicDocument();
    const locked = (path: string) => isLocked(resolved, path);
    const document: PolicyDocument = { ...current };

    const learner = { ...current.learner };
    if (!locked('learner.name')) setText(learner, 'name', input.name);
    if (!locked('learner.email')) setText(learner, 'email', input.email);
    document.learner = learner;

    const capture = { ...current.capture };
    if (!locked('capture.enabled')) capture.enabled = input.captureEnabled;
    if (!locked('capture.holdMinutes')) capture.holdMinutes = input.holdMinutes;
    if (!locked('capture.reviewBeforeSync')) capture.reviewBeforeSync = input.reviewBeforeSync;
    document.capture = capture;

    const errors: FieldErrors<SettingsField> = {};
    const others = (current.destinations ?? []).filter((d) => d.id !== LEARNER_DESTINATION_ID);
    if (input.destination === null || !resolved.settings.allowLearnerDestinations) {
      document.destinations = others;
    } else {
      const d = input.destination;
      const keepSecret = d.password === '' && this.deps.store.hasSecret(LEARNER_DESTINATION_ID);
      if (d.password === '' && !keepSecret) errors.password = { key: 'settings.secretRequired' };
      document.destinations = [
        ...others,
        {
          id: LEARNER_DESTINATION_ID,
          name: 'My LRS',
          endpoint: d.endpoint.trim(),
          username: d.username.trim(),
          // A placeholder that passes validation when the saved secret is kept; never stored (see below).
          password: keepSecret ? KEPT : d.password,
        },
      ];
    }

    const validation = validatePolicy(document, 'your settings');
    for (const issue of validation.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= { key: 'settings.invalid', params: { message: issue.message } };
    }
    // "This entry was ignored because of the problems above" adds nothing next to those problems.
    if (errors.form && Object.keys(errors).length > 1) delete errors.form;
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    // The validated document: normalised as the policy schema says (endpoints end with "/", ...).
    const valid = validation.document;
    for (const d of valid.destinations ?? []) if (d.password === KEPT) delete d.password;
    try {
      await this.deps.store.saveLearner(valid);
    } catch (error) {
      if (error instanceof EncryptionUnavailableError) {
        return { ok: false, errors: { password: { key: 'settings.noEncryption' } } };
      }
      throw error;
    }
    await this.configureOutbox();
    this.afterChange(true);
    return { ok: true };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Stands in for a saved secret during validation only; removed before saving. */
const KEPT = 'trailnote:kept-secret:9f2c41';

function setText(target: Record<string, unknown>, key: string, value: string): void {
  const text = value.trim();
  if (text === '') delete target[key];
  else target[key] = text;
}

function fieldOf(path: string): SettingsField {
  if (path === 'learner.name') return 'name';
  if (path === 'learner.email') return 'email';
  if (path === 'capture.holdMinutes') return 'holdMinutes';
  if (/^destinations\[\d+\]\.endpoint$/.test(path)) return 'endpoint';
  if (/^destinations\[\d+\]\.username$/.test(path)) return 'username';
  if (/^destinations\[\d+\]\.password$/.test(path)) return 'password';
  return 'form';
}
