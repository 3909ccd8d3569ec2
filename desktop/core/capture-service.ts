/**
 * Capture: a quick log, or a video or podcast the media watcher saw finish, becomes an outbox item, resolved
 * only once the outbox window has stored it ("saves at once"). Finished media are held for the policy's hold
 * time (or review) with an offer to tag them.
 */
import type { MediaPlayedInput } from '../../shared/xapi';
import type { OutboxLink, QuickLogField, QuickLogInput, SaveResult } from './contract';
import { holdFor } from '../../shared/learner/items';
import { draftItem } from './drafts';
import { checkQuickLog, quickLogItem } from './quick-log';
import type { SettingsService } from './settings-service';
import type { SyncControl } from './sync-control';

/**
 * What the media watcher hands over when a video or podcast counts (desktop/main/media/types.ts has the
 * watcher's own, wider type; this is the part capture uses, checked again because it crosses a module owned
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

export interface CaptureDeps {
  settings: SettingsService;
  outbox: OutboxLink;
  sync: SyncControl;
  now: () => number;
  /** The pause as the tray set it: still in force at `now`? */
  pausedAt: (now: number) => boolean;
  /** A captured item is held: offer to tag it (desktop notification). */
  onHeld?: (item: { id: string; title: string; kind: string }) => void;
}

export class CaptureService {
  constructor(private readonly deps: CaptureDeps) {}

  /**
   * Check, build, and resolve only once the outbox window has stored the item. A form's answer (ui-contract.ts):
   * a message per field, or one message when the outbox window could not store it (the window stays open).
   */
  async saveQuickLog(input: QuickLogInput): Promise<SaveResult<QuickLogField>> {
    const checked = checkQuickLog(input, this.deps.now());
    if (!checked.ok) return checked;
    const item = quickLogItem(checked.entry, this.deps.settings.statementEnv());
    try {
      await this.deps.outbox.request({ op: 'enqueue', item });
    } catch (error) {
      this.deps.sync.changed(false); // a full disk shows in the tray and the status window at once
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    this.deps.sync.changed(true);
    return { ok: true };
  }

  /** A finished video or podcast: its item's id, or undefined when capture is paused or off. */
  async finished(media: FinishedMedia): Promise<string | undefined> {
    const { settings } = this.deps;
    const { resolved } = settings.resolved();
    const { capture } = resolved.settings;
    const now = this.deps.now();
    // The watcher already follows the pause; this keeps a late report from slipping through.
    if (this.deps.pausedAt(now) || !capture.enabled) return undefined;
    if (
      media.draft.builder !== 'media' ||
      typeof media.draft.input !== 'object' ||
      media.draft.input === null
    ) {
      throw new Error(`The media watcher sent an unknown draft ("${media.draft.builder}").`);
    }
    const input = media.draft.input as MediaPlayedInput;
    const started = media.startedAt ?? now - Math.max(0, input.playedSeconds) * 1000;
    const item = draftItem({ builder: 'media', input }, settings.statementEnv(resolved), {
      timestamp: new Date(started),
      skills: [],
      meta: { kind: media.kind, title: media.title, url: input.url, details: media.details },
      platform: media.platform,
      hold: holdFor(capture, now),
    });
    try {
      await this.deps.outbox.request({ op: 'enqueue', item });
    } catch (error) {
      this.deps.sync.changed(false); // a full disk shows in the tray and the status window at once
      throw error;
    }
    if (capture.holdMinutes > 0 || capture.reviewBeforeSync) {
      this.deps.onHeld?.({ id: item.id, title: media.title, kind: media.kind });
    }
    this.deps.sync.changed(true);
    return item.id;
  }
}
