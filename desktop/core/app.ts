/**
 * The desktop app's composition root without Electron: builds the services main wires to IPC, the tray and
 * timers (desktop/main/index.ts), and the e2e harness to Chromium (desktop/testing/). Each service has one
 * responsibility (its first comment says which); nothing with a rule in it lives here. The outbox itself is the
 * hidden outbox window (desktop/README.md), reached through an OutboxLink.
 */
import { FrameworkStore, memoryFrameworkCache } from '../../shared/learner/frameworks';
import { CaptureService } from './capture-service';
import { EarlierRecordService } from './earlier-service';
import { RefusedService } from './refused-service';
import { RecordService } from './record-service';
import { SettingsService, type SettingsServiceDeps } from './settings-service';
import { SkillPickers } from './skill-pickers';
import { StatusService } from './status-service';
import { SyncControl } from './sync-control';
import { TrayService } from './tray-service';

export type { FinishedMedia } from './capture-service';
export type { OutboxLink } from './contract';
export { LEARNER_DESTINATION_ID } from './settings-form';

/** What the settings service takes (store, outbox, policy, clock, version, language), and the app's hooks. */
export interface DesktopAppDeps extends Omit<SettingsServiceDeps, 'onSaved'> {
  /** The media watcher's status line. */
  mediaStatus?: () => string;
  /** Something the tray or an open status window shows changed. */
  onChange?: () => void;
  /** A sync was asked for (new item, network back, send now); main's SyncLoop runs it. */
  requestSync?: (force: boolean) => void;
  /** A captured item is held: offer to tag it (desktop notification). */
  onHeld?: (item: { id: string; title: string; kind: string }) => void;
  /**
   * The settings' frameworks (shared/learner/frameworks.ts; main keeps the downloads in userData/frameworks/,
   * desktop/core/frameworks.ts). Without it, nothing is downloaded: inline frameworks only, URL ones "pending".
   */
  frameworks?: FrameworkStore;
}

/** The services of the desktop app, one per responsibility. */
export interface DesktopApp {
  settings: SettingsService;
  sync: SyncControl;
  capture: CaptureService;
  pickers: SkillPickers;
  status: StatusService;
  record: RecordService;
  /** A destination's earlier record, sent only on the learner's choice. */
  earlier: EarlierRecordService;
  /** Items an LRS refused: "Send again" (one or all). */
  refused: RefusedService;
  tray: TrayService;
}

export function createDesktopApp(deps: DesktopAppDeps): DesktopApp {
  const { store, outbox, now } = deps;
  const frameworks = deps.frameworks ?? new FrameworkStore({ cache: memoryFrameworkCache(), now });
  const sync = new SyncControl({
    outbox,
    // "Send now" reads the policy again first (called only after `settings` below exists).
    reconfigure: () => settings.start(),
    requestSync: deps.requestSync,
    onChange: deps.onChange,
  });
  const settings = new SettingsService({
    store,
    outbox,
    loadPolicy: deps.loadPolicy,
    now,
    version: deps.version,
    language: deps.language,
    onSaved: () => sync.changed(true),
  });
  const tray = new TrayService({
    store,
    sync,
    now,
    destinations: () => settings.resolved().resolved.settings.destinations,
  });
  const status = new StatusService({ settings, store, sync, frameworks, now, mediaStatus: deps.mediaStatus });
  return {
    settings,
    sync,
    tray,
    status,
    capture: new CaptureService({
      settings,
      outbox,
      sync,
      now,
      pausedAt: (at) => tray.pausedAt(at),
      onHeld: deps.onHeld,
    }),
    pickers: new SkillPickers(frameworks, () => settings.resolved().resolved.settings.skills),
    record: new RecordService({ outbox, status, sync }),
    earlier: new EarlierRecordService({ outbox, sync }),
    refused: new RefusedService({ outbox, sync }),
  };
}
