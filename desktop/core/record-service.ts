/**
 * The learner's items after capture: tagging, approving or discarding held ones (the settings window) and My
 * learning's record (view, follow-ups, delete, export). The outbox window, the single writer, does the work
 * (shared/record); this asks it and turns what can fail into a message for the learner.
 */
import { tagOrComment } from '../../shared/learner/items';
import {
  openingRecordView,
  RECORD_PAGE,
  type ExportFormat,
  type ExportPage,
  type RecordPage,
} from '../../shared/record';
import type {
  ActionResult,
  ExportResult,
  ItemComment,
  ItemTags,
  OutboxLink,
  RecordView,
  UiPayload,
} from './contract';
import type { StatusService } from './status-service';
import type { SyncControl } from './sync-control';

/** An export as main writes it: its name and type, and its text page by page as the outbox window reads it. */
export interface ExportStream {
  filename: string;
  mimeType: string;
  pages: AsyncIterable<string>;
}

export interface RecordDeps {
  outbox: OutboxLink;
  status: StatusService;
  sync: SyncControl;
}

export class RecordService {
  constructor(private readonly deps: RecordDeps) {}

  /** New skills or reflection for an item: re-built while unsent, a follow-up once sent. */
  async update(tags: ItemTags): Promise<ActionResult> {
    const { outbox } = this.deps;
    // Sent meanwhile (the hold ran out while the learner typed): what is new becomes a follow-up, as in the
    // extension (shared/learner/items.ts tagOrComment; docs/xapi-profile.md § Reflections).
    const { changed: _changed, ...result } = await tagOrComment(tags, {
      get: (id) => outbox.request({ op: 'get', id }),
      revise: async (id, json, meta) => {
        await outbox.request({ op: 'revise', id, json, meta });
        this.deps.sync.notify();
      },
      comment: (comment) => this.comment(comment),
    });
    return result;
  }

  discard(id: string): Promise<ActionResult> {
    return this.attempt(() => this.deps.outbox.request({ op: 'discard', id }));
  }

  approve(id: string): Promise<ActionResult> {
    return this.attempt(async () => {
      await this.deps.outbox.request({ op: 'approve', id });
      this.deps.sync.changed(true);
    });
  }

  /**
   * My learning: the newest page for a filter and the record's running totals (never the whole record, issue 11
   * point 2), with the destinations and picker settings the page needs.
   */
  async view(request: UiPayload<'recordView'> = { query: {}, limit: RECORD_PAGE }): Promise<RecordView> {
    const { outbox } = this.deps;
    const snapshot = this.deps.status.snapshot();
    const totals = outbox.request({ op: 'tally' });
    void Promise.allSettled([snapshot, totals]); // awaited below, unless the page's answer is all there is
    const page = await outbox.request({ op: 'record', query: request.query, limit: request.limit });
    if (page.opening !== undefined) {
      // An older version's database still being upgraded: the message alone (the window asks again meanwhile).
      return { ...openingRecordView(page.opening), now: Date.now() };
    }
    const [{ view: status, settings, frameworksStamp }, tally] = await Promise.all([snapshot, totals]);
    return {
      now: status.now,
      items: page.items,
      ...(page.next ? { next: page.next } : {}),
      tally,
      ...(page.preparing ? { preparing: page.preparing } : {}),
      destinations: status.destinations,
      allowCustomSkills: settings.skills.allowCustom,
      customSkillBaseIri: settings.skills.customBaseIri,
      frameworksStamp,
    };
  }

  /** My learning's next page for a filter. */
  page(request: UiPayload<'recordPage'>): Promise<RecordPage> {
    return this.deps.outbox.request({
      op: 'record',
      query: request.query,
      limit: RECORD_PAGE,
      after: request.after,
    });
  }

  /** A reflection or skills added to a sent item: a `commented` statement (docs/xapi-profile.md § Reflections). */
  async comment(comment: ItemComment): Promise<ActionResult> {
    try {
      const { changed, ...result } = await this.deps.outbox.request({ op: 'comment', comment });
      if (result.ok && changed) this.deps.sync.changed(true);
      return result;
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }

  /** Unsent: discarded; sent: a `voided` statement is queued. */
  async remove(id: string): Promise<ActionResult> {
    try {
      const { queued, ...result } = await this.deps.outbox.request({ op: 'delete', id });
      if (result.ok) this.deps.sync.changed(queued === true);
      return result;
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }

  /**
   * The export handed to `save` (main: a save dialog, then the file written page by page as each arrives from the
   * outbox window, shared/record/export.ts); the whole record is never one message. A failure is a message.
   */
  async exportTo(
    format: ExportFormat,
    save: (file: ExportStream) => Promise<ExportResult>,
  ): Promise<ExportResult> {
    const { outbox } = this.deps;
    let first: ExportPage;
    try {
      first = await outbox.request({ op: 'export', format });
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
    async function* pages(): AsyncGenerator<string> {
      yield first.text;
      for (let next = first.next; next;) {
        const page = await outbox.request({ op: 'export', format, cursor: next });
        yield page.text;
        next = page.next;
      }
    }
    return save({ filename: first.filename, mimeType: first.mimeType, pages: pages() });
  }

  private async attempt(action: () => Promise<unknown>): Promise<ActionResult> {
    try {
      await action();
      this.deps.sync.notify();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
