/**
 * The outbox's single writer (desktop/README.md § Outbox): the shared Dexie outbox and sync engine, run in the
 * hidden outbox window because Electron's main process has no IndexedDB. Main sends requests (contract.ts
 * OutboxRequest) and gets one answer each. The destinations' credentials arrive with `configure` and live only
 * in this window's memory; they are never written to IndexedDB nor shown by any UI window.
 */
import type { WithheldFacts } from '../../../shared/learner/withheld';
import { OUTBOX_OPENING_MESSAGE, type EarlierChoice, type Outbox } from '../../../shared/outbox';
import {
  addFollowUp,
  deleteItem,
  exportPage,
  queryRecord,
  refusedView,
  sendRefusedAgain,
  type RecordEnv,
} from '../../../shared/record';
import { syncPass } from '../../../shared/sync';
import type { EarlierRecordResult, EarlierRecordView } from '../../../shared/ui/record/EarlierRecord';
import type { OutboxAnswers, OutboxConfig, OutboxRequest, OutboxSummary } from '../../core/contract';

/** Items the status window lists for tagging (held and in review), newest first. */
const LISTED_ITEMS = 50;

export class OutboxHost {
  /** Nothing is sent (nor restamped) before main's first `configure`. */
  private config: OutboxConfig | undefined;

  constructor(
    private readonly outbox: Outbox,
    private readonly now: () => number,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  private get destinationIds(): string[] {
    return this.config?.destinations.map((d) => d.id) ?? [];
  }

  async handle(request: OutboxRequest): Promise<OutboxAnswers[OutboxRequest['op']]> {
    switch (request.op) {
      case 'configure':
        this.config = request.config;
        await this.outbox.ensureDestinations(this.destinationIds, this.now());
        return null;
      case 'enqueue': {
        const added = await this.outbox.enqueue(request.item, this.now(), this.destinationIds);
        return { added: added.length === 1 };
      }
      case 'sync':
        return { nextRunAt: await this.sync(request.force) };
      case 'summary':
        return this.summary();
      case 'get':
        return (await this.outbox.get(request.id)) ?? null;
      case 'revise':
        await this.outbox.revise(request.id, request.json, request.meta);
        return null;
      case 'discard':
        await this.outbox.discard(request.id);
        return null;
      case 'approve':
        await this.outbox.approve(request.id, this.now(), this.destinationIds);
        return null;
      // My learning (shared/record): pages of the timeline and the running totals, and follow-ups written here,
      // by the outbox's single writer.
      case 'record':
        return queryRecord(this.outbox, this.destinationIds, request.query, request.limit, {
          after: request.after,
          withheld: this.withheldFacts(),
        });
      case 'tally':
        return this.outbox.tally();
      case 'comment': {
        const { id, reflection, addSkills } = request.comment;
        return addFollowUp(id, { reflection, addSkills }, this.recordEnv());
      }
      case 'delete':
        return deleteItem(request.id, this.recordEnv());
      case 'export':
        return exportPage(
          request.format,
          { outbox: this.outbox, now: this.now },
          this.destinationIds,
          request.cursor,
        );
      case 'earlierCount':
        return this.earlierCount(request.destinationId);
      case 'queueEarlier':
        return this.queueEarlier(request.destinationId);
      case 'refused':
        return (await refusedView(this.outbox, this.config?.destinations ?? [])) ?? null;
      case 'resend': {
        const target = request.id === undefined ? 'all' : { id: request.id };
        return { requeued: await sendRefusedAgain(this.outbox, target, this.destinationIds) };
      }
    }
  }

  /**
   * The learner's choice for a destination's earlier record (shared/outbox/earlier.ts), made from main's last
   * configuration: its actor now, and for a destination that requires identity, the pseudonym withheld. Under
   * `learner.mustIdentify` it is offered only once the learner has identified.
   */
  private earlierChoice(destinationId: string): EarlierChoice | NonNullable<EarlierRecordView['reason']> {
    const config = this.config;
    const destination = config?.destinations.find((d) => d.id === destinationId);
    if (!config || !destination) return 'not-configured';
    if (!config.maySend) return 'identify-first';
    const withhold = destination.requiresIdentity ? config.pseudonym : undefined;
    return {
      destinationId,
      stamp: { actor: config.actor, now: this.now(), ...(withhold ? { withhold } : {}) },
    };
  }

  private async earlierCount(destinationId: string): Promise<EarlierRecordView> {
    const choice = this.earlierChoice(destinationId);
    if (typeof choice === 'string') return { count: 0, reason: choice };
    return { count: await this.outbox.countEarlier(choice) };
  }

  private async queueEarlier(destinationId: string): Promise<EarlierRecordResult> {
    const choice = this.earlierChoice(destinationId);
    if (choice === 'identify-first') {
      return {
        ok: false,
        error: 'Your organisation requires you to identify yourself before anything is sent.',
      };
    }
    if (choice === 'not-configured') return { ok: false, error: 'This destination is no longer configured.' };
    return { ok: true, queued: await this.outbox.queueEarlier(choice) };
  }

  /** Which items My learning says were kept from a destination requiring identity (shared/learner/withheld.ts). */
  private withheldFacts(): WithheldFacts {
    const destinations = this.config?.destinations ?? [];
    return {
      pseudonym: this.config?.pseudonym,
      requiring: destinations
        .filter((d) => d.requiresIdentity)
        .map((d) => ({ id: d.id, name: d.name ?? d.id })),
    };
  }

  /** Follow-ups are said by the desktop app (docs/xapi-profile.md § Every statement, the source activity). */
  private recordEnv(): RecordEnv {
    if (!this.config) throw new Error('The outbox is not configured yet; try again in a moment.');
    return {
      outbox: this.outbox,
      now: this.now,
      source: { surface: 'desktop', version: this.config.version },
    };
  }

  /** Release expired holds, then deliver; answers when to run again (backoff or the next hold). */
  async sync(force: boolean): Promise<number | undefined> {
    const config = this.config;
    // This window is the outbox's single writer, so the pass (and its restamp) runs here.
    return syncPass(this.outbox, {
      destinations: config?.destinations ?? [],
      actor: () => config!.actor, // asked for only when maySend, which only a configuration sets
      pseudonym: config?.pseudonym,
      maySend: config?.maySend ?? false,
      force,
      now: this.now,
      fetch: this.fetchImpl,
    });
  }

  async summary(): Promise<OutboxSummary> {
    if (await this.outbox.stillOpening()) {
      return { waiting: 0, refused: 0, opening: OUTBOX_OPENING_MESSAGE, destinations: [], items: [] };
    }
    const counts = await this.outbox.counts();
    const states = await this.outbox.destinations();
    const known = new Set(this.destinationIds);
    const destinations = await Promise.all(
      states
        .filter((s) => known.has(s.id))
        .map(async (state) => ({ state, ...(await this.outbox.deliveryCounts(state.id)) })),
    );
    // Ready items count as waiting until every destination has them; with no destination, until one exists.
    const readyWaiting =
      destinations.length === 0 ? counts.ready : Math.max(0, ...destinations.map((d) => d.pending));
    const recent = await this.outbox.list({ reverse: true, limit: LISTED_ITEMS * 4 });
    return {
      waiting: counts.held + counts.review + readyWaiting,
      refused: destinations.reduce((n, d) => n + d.quarantined, 0),
      ...(this.outbox.storageFullSince !== undefined
        ? { storageFullSince: this.outbox.storageFullSince }
        : {}),
      destinations: destinations.map(({ state, pending }) => ({ state, pending })),
      items: recent.filter((i) => i.state === 'held' || i.state === 'review').slice(0, LISTED_ITEMS),
    };
  }
}
