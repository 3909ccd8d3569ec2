/**
 * The status view (the settings/status window): the policy file and its problems, each setting with whether
 * the organisation enforces it, destinations with their delivery state, items an LRS refused (the summary's list,
 * no second read), a full disk, the pause, frameworks, held items.
 * Never a credential: `hasSecret` says whether one is saved.
 */
import { destinationRows } from '../../shared/learner/destinations';
import type { FrameworkStore } from '../../shared/learner/frameworks';
import { pauseInForce } from '../../shared/learner/pause';
import { STORAGE_FULL_MESSAGE } from '../../shared/outbox/quota';
import { isLocked, type ResolvedSettings } from '../../shared/policy';
import { itemView } from '../../shared/record';
import { isIdentified } from '../../shared/xapi';
import type { StatusView } from './contract';
import { LEARNER_DESTINATION_ID } from './settings-form';
import type { SettingsService } from './settings-service';
import type { SettingsStore } from './settings-store';
import type { SyncControl } from './sync-control';

export interface StatusDeps {
  settings: SettingsService;
  store: SettingsStore;
  sync: SyncControl;
  frameworks: FrameworkStore;
  now: () => number;
  /** The media watcher's status line. */
  mediaStatus?: () => string;
}

/** The status view with the settings and frameworks it was made from (My learning needs them too). */
export interface StatusSnapshot {
  view: StatusView;
  settings: ResolvedSettings['settings'];
  frameworksStamp: string;
}

export class StatusService {
  constructor(private readonly deps: StatusDeps) {}

  async view(): Promise<StatusView> {
    return (await this.snapshot()).view;
  }

  /** Reads the policy file again, so a fixed problem disappears when the window reloads. */
  async snapshot(): Promise<StatusSnapshot> {
    const { settings: service, store } = this.deps;
    await service.reloadPolicy();
    const policy = service.policy;
    const { resolved, learnerIssues } = service.resolved();
    const { settings } = resolved;
    const summary = await this.deps.sync.summary();
    const loaded = this.deps.frameworks.snapshot(settings.skills);
    const states = new Map(summary.destinations.map((d) => [d.state.id, d]));
    const own = store.publicDocument().destinations?.find((d) => d.id === LEARNER_DESTINATION_ID);
    const now = this.deps.now();
    const shown = <T>(value: T, path: string) => ({ value, locked: isLocked(resolved, path) });
    const view: StatusView = {
      now,
      policy: {
        source: policy.found ? policy.path : undefined,
        issues: policy.issues,
        userIssues: learnerIssues,
      },
      waiting: summary.waiting,
      destinations: destinationRows(settings.destinations, (id) => states.get(id)),
      pausedUntil: pauseInForce(store.pausedUntil, now),
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
        hasSecret: store.hasSecret(LEARNER_DESTINATION_ID),
      },
      encryptionAvailable: store.encryptionAvailable,
      startAtLogin: store.startAtLogin,
      mediaStatus: this.deps.mediaStatus?.() ?? '',
      frameworks: loaded.statuses,
      items: summary.items.filter((i) => i.state === 'held' || i.state === 'review').map(itemView),
      ...(this.deps.sync.refusedItems ? { refused: this.deps.sync.refusedItems } : {}),
      ...(summary.storageFullSince !== undefined ? { storageFull: STORAGE_FULL_MESSAGE } : {}),
      ...(summary.opening !== undefined ? { opening: summary.opening } : {}),
    };
    return { view, settings, frameworksStamp: loaded.stamp };
  }
}
