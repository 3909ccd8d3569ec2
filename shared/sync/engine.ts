import type { Claimed, Outbox } from '../outbox/outbox';
import { newDestinationState } from '../outbox/outbox';
import type { ActorStamp } from '../outbox/stamp';
import type { Delivery, DestinationState } from '../outbox/types';
import type { XapiAgent } from '../xapi';
import { aboutVersions, checkPostAnswer, lrsMessage, retryAfterMs, tryJson } from './answers';
import { BatchSizer, MAX_BATCH } from './batch-size';
import {
  DEFAULT_BACKOFF,
  MAX_WAIT_MS,
  backoffDelay,
  boundedWait,
  dueAt,
  waitOver,
  type BackoffPolicy,
} from './backoff';
import { LrsClient, LrsTransportError, type Credentials, type LrsResponse } from './lrs-client';
import { extendStreak, isSystemic, refusingMessage } from './refusals';
import { differentContentMessage, readBackHeld } from './conflicts';
import { chooseVersion } from './version';
import { statementForVersion } from '../xapi/versions';

/** Where statements go: one LRS, as resolved from the policy and the learner's settings. */
export interface DestinationConfig {
  id: string;
  name?: string;
  endpoint: string;
  credentials: Credentials;
  xapiVersion: 'auto' | '1.0.3' | '2.0.0';
  /** The organisation's destination under `learner.mustIdentify`: the pseudonym never goes there (docs/policy.md). */
  requiresIdentity?: boolean;
}

export interface Clock {
  now(): number;
}

export interface SyncEngineOptions {
  outbox: Outbox;
  clock: Clock;
  /** Jitter source; inject for repeatable tests. */
  random?: () => number;
  fetch?: typeof fetch;
  /** Statements in the first request; then the engine sizes its batches to the LRS (./batch-size.ts). */
  batchSize?: number;
  /** The largest batch the engine grows to. */
  maxBatchSize?: number;
  /** Per-request budget, ms. */
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  /** How long a destination paused for its credentials waits before it tries again on its own. */
  pauseRecheckMs?: number;
  /** How long the version read from `/about` is trusted. */
  aboutMaxAgeMs?: number;
  /** Called whenever a destination's state changes (badge, status views). */
  onStatus?: (state: DestinationState) => void;
  /** The current actor: never-attempted items take it as their batch is claimed (shared/outbox/stamp.ts). */
  actor?: XapiAgent;
  /** The pseudonymous install account, withheld from destinations that require identity (shared/outbox/stamp.ts). */
  pseudonym?: XapiAgent;
}

export interface DestinationRun {
  id: string;
  sent: number;
  quarantined: number;
  state: DestinationState;
}

export interface SyncSummary {
  destinations: DestinationRun[];
  /** When the engine should run again for destinations waiting out a backoff or pause (undefined: nothing). */
  nextAttemptAt: number | undefined;
}

type Step = 'continue' | 'stop';

/**
 * Drains the outbox into each destination (docs/xapi-profile.md § Sending). Statements are delivered at least once
 * with their own ids, and an LRS that already holds an id with the same content answers 200, so each ends up
 * stored exactly once. Nothing lives only in memory: every outcome is written to the outbox before the next
 * step, so an engine stopped anywhere can be replaced by a new one on the same outbox.
 * The engine sets no timers: it reports when it wants to run again and its host schedules that.
 */
export class SyncEngine {
  private readonly outbox: Outbox;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly maxBatchSize: number;
  private readonly abort = new AbortController();
  private readonly running = new Map<string, Promise<DestinationRun>>();

  constructor(private readonly options: SyncEngineOptions) {
    this.outbox = options.outbox;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    // 100 per request: the size at which Learning Locker took statements fastest here (ENVIRONMENT.md, bench:sync).
    this.batchSize = options.batchSize ?? 100;
    this.maxBatchSize = Math.max(this.batchSize, options.maxBatchSize ?? MAX_BATCH);
  }

  /** Stop: abort requests in flight. Whatever was not recorded as sent is sent again by the next engine. */
  stop(): void {
    this.abort.abort();
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /**
   * Run every destination that is due, concurrently; each drains until empty or until it must wait.
   * `force` tries destinations waiting out a backoff or a pause now (the learner pressed "send now", or the
   * network came back).
   */
  async syncAll(
    destinations: readonly DestinationConfig[],
    options: { force?: boolean } = {},
  ): Promise<SyncSummary> {
    await this.outbox.ensureDestinations(
      destinations.map((d) => d.id),
      this.clock.now(),
    );
    const runs = await Promise.all(destinations.map((d) => this.syncDestination(d, options.force)));
    const waits = runs
      .filter((r) => r.state.status !== 'active' && !this.stopped)
      .map((r) => dueAt(r.state, this.clock.now()));
    return { destinations: runs, nextAttemptAt: waits.length ? Math.min(...waits) : undefined };
  }

  /** One destination; a second call while it runs joins the run in progress. */
  syncDestination(dest: DestinationConfig, force = false): Promise<DestinationRun> {
    const current = this.running.get(dest.id);
    if (current) return current;
    const run = this.runDestination(dest, force).finally(() => this.running.delete(dest.id));
    this.running.set(dest.id, run);
    return run;
  }

  private async runDestination(dest: DestinationConfig, force: boolean): Promise<DestinationRun> {
    const state = await this.loadState(dest);
    const run = new Run(this, this.options, dest, force ? { ...state, nextAttemptAt: 0 } : state);
    await run.drain();
    return { id: dest.id, sent: run.sent, quarantined: run.quarantined, state: run.state };
  }

  private async loadState(dest: DestinationConfig): Promise<DestinationState> {
    const state = (await this.outbox.getDestination(dest.id)) ?? newDestinationState(dest.id);
    if (state.status !== 'active' && state.failedConfig !== configFingerprint(dest)) {
      // The credentials or endpoint changed since they failed: try the new ones at once.
      const { failedConfig: _f, refusals: _r, ...rest } = state;
      return { ...rest, status: 'active', failures: 0, nextAttemptAt: 0 };
    }
    return state;
  }

  /** Internal: the shared abort signal and the jitter source for runs. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get jitter(): () => number {
    return this.random;
  }

  get defaultBatch(): number {
    return this.batchSize;
  }

  get maxBatch(): number {
    return this.maxBatchSize;
  }
}

/** One pass over one destination. */
class Run {
  sent = 0;
  quarantined = 0;
  private readonly client: LrsClient;
  private version = '1.0.3';
  /** Called once a request's wire mark is queued (drain reads the next batch then). */
  private onWire: (() => void) | undefined;
  /** The last sent mark queued; at most one is in flight (recordSent waits for it). */
  private pendingWrite: Promise<void> = Promise.resolve();
  /** The wire mark written ahead for the batch claimed ahead (see drain): it lands before that batch leaves. */
  private wireAhead: Promise<void> = Promise.resolve();
  /**
   * The highest seq actually put on the wire (at least the stored mark as the pass began): a wire mark written
   * ahead for a batch the pass then did not send comes back down to it at the end of the pass.
   */
  private postedWire: number;
  /** Batches answered as stored whose sent mark waits for the next request's wire mark to be queued first. */
  private unrecorded: Array<{ deliveries: Delivery[]; at: number }> = [];
  /** Successful requests in a row at the current size limit, to grow the limit back after a 413. */
  private fullBatchesOk = 0;
  /**
   * `state` changed in memory without being written (items withheld, the pseudonym: shared/outbox/stamp.ts; a
   * success): it goes out with the next write of the state, or at the end of the pass.
   */
  private stateUnsaved = false;
  /**
   * The claim dropped deliveries as withheld: the outbox stored the count with the drop (Outbox.withhold), and
   * putDestination never lowers it, so this copy only keeps the status reports (onStatus) in step.
   */
  private readonly noteWithheld = (count: number): void => {
    this.state = { ...this.state, withheld: (this.state.withheld ?? 0) + count };
    this.stateUnsaved = true;
  };
  private readonly sizer: BatchSizer;

  constructor(
    private readonly engine: SyncEngine,
    private readonly options: SyncEngineOptions,
    private readonly dest: DestinationConfig,
    public state: DestinationState,
  ) {
    this.postedWire = state.wireSeq ?? 0;
    this.client = new LrsClient(dest, {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      signal: engine.signal,
    });
    this.sizer = new BatchSizer(engine.defaultBatch, engine.maxBatch);
  }

  private get now(): number {
    return this.options.clock.now();
  }

  async drain(): Promise<void> {
    if (!waitOver(this.state, this.now)) return;
    if (!(await this.chooseVersion())) return;
    const claim = (size: number, after: number) =>
      this.options.outbox.claim(this.dest.id, this.limit(size), after, this.stamp(), this.noteWithheld);
    let next = claim(this.sizer.size, 0);
    for (;;) {
      const batch = await next;
      if (batch.length === 0 || this.engine.stopped) break;
      // Read the next batch while this one is on the wire, as big as the sizer may want it once this one is
      // answered (cut to the size chosen then); FIFO holds since requests stay sequential. It is read once the
      // first request's wire mark is queued: IndexedDB serves requests in order, and a mark queued behind the
      // reads of hundreds of rows would hold the request back.
      const after = batch.at(-1)!.delivery.seq;
      let ahead: Promise<Claimed[]> | undefined;
      this.onWire = () => {
        ahead ??= claim(this.sizer.ahead, after).then((next) => this.markWireAhead(next));
      };
      const { step, through } = await this.deliverInParts(batch);
      this.onWire = undefined;
      if (step === 'stop') {
        await ahead?.catch(() => undefined);
        break;
      }
      // A remainder left of a batch cut in parts was not sent: the next claim starts at it (the batch claimed
      // ahead meanwhile, after this one's end, is dropped: its rows are claimed again in their place).
      if (through !== after) await ahead?.catch(() => undefined);
      next = through === after ? (ahead ?? claim(this.sizer.size, after)) : claim(this.sizer.size, through);
    }
    this.queueSentMarks();
    await this.pendingWrite;
    await this.wireAhead;
    // A wire mark written ahead for a batch this pass did not send comes back to what was sent.
    if ((this.state.wireSeq ?? 0) > this.postedWire) {
      this.state = { ...this.state, wireSeq: this.postedWire };
      this.stateUnsaved = true;
    }
    if (
      (this.engine.stopped || this.state.status === 'active') &&
      (this.sent > 0 || this.state.failures > 0)
    ) {
      await this.save({ ...this.state, status: 'active', failures: 0, nextAttemptAt: 0 });
    } else if (this.stateUnsaved) {
      await this.save(this.state);
    }
  }

  /**
   * The wire mark for a batch claimed ahead, written while the request before it is on the wire rather than in the
   * gap before its own request (a write of the destination's row: ~12 ms each in Chromium during a drain, 5 % of
   * it, in bench:scale before; the time between requests went from 3.5 to 1.2 s in 100,000). It may run ahead of
   * what is sent: a statement at or below the mark is only ever treated as possibly stored (never restamped,
   * shared/outbox/stamp.ts maybeStored), and the items claimed ahead already carry the actor they will be sent
   * with. What the pass did not send comes back down at its end.
   */
  private markWireAhead(batch: Claimed[]): Claimed[] {
    const top = batch.at(-1)?.delivery.seq ?? 0;
    if (top > (this.state.wireSeq ?? 0)) this.wireAhead = this.save({ ...this.state, wireSeq: top });
    return batch;
  }

  /** A batch size within the limit a 413 or a timeout left (state.maxBatch). */
  private limit(size: number): number {
    return Math.max(1, Math.min(size, this.state.maxBatch ?? Infinity));
  }

  /**
   * A batch claimed ahead goes in parts of the size chosen since (the step up did not pay, a 413 or a timeout
   * cut it); a part the queue filled to that size teaches the sizer. Returns the seq it sent through.
   */
  private async deliverInParts(batch: Claimed[]): Promise<{ step: Step; through: number }> {
    let through = 0;
    for (let i = 0; i < batch.length;) {
      const size = this.limit(this.sizer.size);
      const part = batch.slice(i, i + size);
      // A short remainder after full parts is claimed again with what follows it, not sent as a fragment.
      if (i > 0 && part.length < size) break;
      i += part.length;
      if ((await this.deliver(part, false, part.length === size ? size : undefined)) === 'stop')
        return { step: 'stop', through };
      through = part.at(-1)!.delivery.seq;
    }
    return { step: 'continue', through };
  }

  private stamp(): ActorStamp | undefined {
    const { actor, pseudonym } = this.options;
    if (!actor) return undefined;
    return this.dest.requiresIdentity && pseudonym
      ? { actor, now: this.now, withhold: pseudonym }
      : { actor, now: this.now };
  }

  /** docs/xapi-profile.md § Versions: 2.0.0 only when the LRS lists it and the setting allows (version.ts). */
  private async chooseVersion(): Promise<boolean> {
    if (this.dest.xapiVersion !== 'auto') {
      // As configured, without asking /about (the options page's connection test warns about a mismatch).
      this.version = this.dest.xapiVersion;
      if (this.state.xapiVersion !== this.version) {
        // Forget what /about said, so switching back to auto asks again.
        const { aboutCheckedAt: _a, versionNote: _n, ...rest } = this.state;
        await this.save({ ...rest, xapiVersion: this.version });
      }
      return true;
    }
    const maxAge = this.options.aboutMaxAgeMs ?? 24 * 3600_000;
    if (this.state.xapiVersion && this.now - (this.state.aboutCheckedAt ?? 0) < maxAge) {
      this.version = this.state.xapiVersion;
      return true;
    }
    let res: LrsResponse;
    try {
      res = await this.client.about();
    } catch (err) {
      await this.transientFailure([], err);
      return false;
    }
    const about = aboutVersions(res);
    if ('error' in about && (res.status === 401 || res.status === 403)) {
      await this.pause([], res);
      return false;
    }
    const choice = chooseVersion(this.dest.xapiVersion, about);
    this.version = choice.version;
    const { versionNote: _n, ...rest } = this.state;
    await this.save({
      ...rest,
      xapiVersion: choice.version,
      aboutCheckedAt: this.now,
      ...(choice.note ? { versionNote: choice.note } : {}),
    });
    return true;
  }

  /**
   * `afterConflict`: these are the statements a 409 batch's read-back found missing (see resolveConflict).
   * `full`: the size this batch was claimed at, when the queue filled it (its timing teaches the sizer).
   */
  private async deliver(batch: Claimed[], afterConflict = false, full?: number): Promise<Step> {
    const sendable = await this.dropUnreadable(batch);
    if (sendable.length === 0) return 'continue';
    const ids = sendable.map((c) => c.item!.id);
    // Durability: Chromium (since 121) and Firefox commit IndexedDB writes "relaxed" by default (handed to the OS,
    // not flushed), as here. A power loss may drop the latest writes, in order. A lost sent mark only sends the
    // same bytes again: the LRS answers 200, or 409 and the read-back finds the same statement (./conflicts.ts).
    // A lost wire mark could let the claim restamp a statement already stored, only if the learner's identity
    // changed since: then the LRS answers 409 and the read-back quarantines it as different content, shown to
    // the learner; nothing is stored twice under one id.
    // The wire mark has landed before the request leaves: if no answer is ever recorded, these may still be
    // stored. In a drain it was mostly written ahead, while the request before was on the wire (markWireAhead);
    // what the state gained in memory goes with the next write, awaited only when it carries the wire mark. The
    // previous batch's sent mark is queued only after it: IndexedDB runs write transactions one at a time
    // (Chromium even on different stores), and this request must not wait behind a write of hundreds of rows,
    // which then runs while the request is on the wire.
    const top = Math.max(...batch.map((c) => c.delivery.seq));
    const wireSeq = Math.max(this.state.wireSeq ?? 0, top);
    const wire = wireSeq > (this.state.wireSeq ?? 0);
    const write = wire || this.stateUnsaved ? this.save({ ...this.state, wireSeq }) : undefined;
    this.queueSentMarks();
    this.onWire?.();
    if (wire) await write;
    else if (write) this.pendingWrite = Promise.all([this.pendingWrite, write]).then(() => undefined);
    // Usually written ahead, while the request before was on the wire (markWireAhead), and landed by now.
    await this.wireAhead;
    this.postedWire = Math.max(this.postedWire, top);
    let res: LrsResponse;
    const body = `[${sendable.map((c) => this.wire(c)).join(',')}]`;
    const sentAt = this.now;
    try {
      res = await this.client.postStatements(body, this.version);
    } catch (err) {
      if (this.engine.stopped) return 'stop';
      if (err instanceof LrsTransportError && err.reason === 'timeout') await this.timedOut(sendable.length);
      await this.transientFailure(sendable, err);
      return 'stop';
    }
    const s = res.status;
    if (s === 200 || s === 204) {
      const problem = checkPostAnswer(res, ids);
      if (problem) {
        await this.transientFailure(sendable, problem, s);
        return 'stop';
      }
      if (full !== undefined) this.sizer.accepted(sendable.length, full, this.now - sentAt);
      await this.recordSent(sendable);
      await this.growBatchLimit(sendable.length);
      return 'continue';
    }
    if (s === 401 || s === 403) {
      await this.pause(sendable, res);
      return 'stop';
    }
    if (s === 409) return this.resolveConflict(sendable, res, afterConflict);
    if (s === 400 || s === 413) {
      if (s === 413 && sendable.length > 1) {
        this.fullBatchesOk = 0;
        this.sizer.tooBig(sendable.length);
        await this.save({ ...this.state, maxBatch: Math.max(1, Math.floor(sendable.length / 2)) });
      }
      if (sendable.length > 1) return this.split(sendable);
      return this.refused(sendable[0]!, res);
    }
    const retryAfter = s === 429 || s === 503 ? retryAfterMs(res, this.now) : undefined;
    await this.transientFailure(sendable, lrsMessage(res), s, retryAfter);
    return 'stop';
  }

  /**
   * A batch bigger than the first size timed out: the LRS may be too slow for it. Halve the sizer, and keep the
   * limit for the next passes (a stall at the first size says nothing about size, so it changes nothing).
   */
  private async timedOut(count: number): Promise<void> {
    if (count <= this.engine.defaultBatch) return;
    this.sizer.tooBig(count);
    this.fullBatchesOk = 0;
    const half = Math.max(this.engine.defaultBatch, Math.floor(count / 2));
    if (half < (this.state.maxBatch ?? Infinity)) await this.save({ ...this.state, maxBatch: half });
  }

  /**
   * A 413 (or a timeout) halves the batch limit; eight full batches accepted in a row double it again (up to the
   * largest size), so one passing 413 from a proxy does not slow a destination down for good.
   */
  private async growBatchLimit(sent: number): Promise<void> {
    const limit = this.state.maxBatch;
    if (limit === undefined || sent < limit) return;
    if (++this.fullBatchesOk < 8) return;
    this.fullBatchesOk = 0;
    const { maxBatch: _m, ...rest } = this.state;
    const grown = limit * 2;
    await this.save(grown >= this.engine.maxBatch ? rest : { ...rest, maxBatch: grown });
  }

  /** 400/413 on a batch: send each half on its own until the offending statement stands alone. */
  private async split(batch: Claimed[]): Promise<Step> {
    const mid = Math.ceil(batch.length / 2);
    for (const half of [batch.slice(0, mid), batch.slice(mid)]) {
      if ((await this.deliver(half)) === 'stop') return 'stop';
    }
    return 'continue';
  }

  /**
   * 409: the LRS holds some of these ids (docs/xapi-profile.md § The 409 rule). Each is read back and compared:
   * the same statement (it was ours, its answer was lost) → sent; other content → quarantined; not held → sent
   * again. A second 409 for statements the LRS says it does not hold cannot be resolved now: they stay queued.
   */
  private async resolveConflict(batch: Claimed[], conflict: LrsResponse, again: boolean): Promise<Step> {
    if (again) {
      await this.transientFailure(
        batch,
        `the LRS answers 409 (conflict) for statements it says it does not hold (reading them back: 404); they stay queued and are tried again later (${lrsMessage(conflict)})`,
        409,
      );
      return 'stop';
    }
    const read = await readBackHeld(
      this.client,
      batch.map((c) => ({ id: c.item!.id, json: this.wire(c) })),
      this.version,
    );
    if (!read.ok) {
      if (this.engine.stopped) return 'stop';
      await this.transientFailure(batch, read.error ?? read.message, read.status);
      return 'stop';
    }
    const same: Claimed[] = [];
    const absent: Claimed[] = [];
    for (const [i, c] of batch.entries()) {
      const held = read.held[i]!;
      if (held.kind === 'same') same.push(c);
      else if (held.kind === 'absent') absent.push(c);
      else {
        await this.quarantine(
          c,
          409,
          differentContentMessage(c.item!.id, held.differences, lrsMessage(conflict)),
        );
      }
    }
    if (same.length > 0) await this.recordSent(same);
    if (absent.length === 0) return 'continue';
    return this.deliver(absent, true);
  }

  /** The bytes to send: the frozen statement in the form of this destination's version (shared/xapi/versions.ts). */
  private wire(c: Claimed): string {
    return statementForVersion(c.item!.json, this.version === '2.0.0' ? '2.0.0' : '1.0.3');
  }

  /** Rows the outbox cannot send (no item, empty or broken JSON from an older schema) are set aside. */
  private async dropUnreadable(batch: Claimed[]): Promise<Claimed[]> {
    const ok: Claimed[] = [];
    for (const c of batch) {
      const problem = !c.item
        ? 'the item of this delivery is missing from the outbox'
        : !c.item.json
          ? 'the stored statement is empty'
          : tryJson(c.item.json).ok
            ? undefined
            : 'the stored statement is not valid JSON';
      if (problem) await this.quarantine(c, 0, problem);
      else ok.push(c);
    }
    return ok;
  }

  /**
   * Statements the LRS answered as stored. Their sent mark is written while the next request is on the wire
   * (queued by deliver after its wire mark, or at the end of the pass); should the engine stop before it lands,
   * they are sent again, and the LRS answers 200 (same id, same content). The success reaches the state with
   * its next write.
   */
  private async recordSent(batch: Claimed[]): Promise<void> {
    // At most one sent mark in flight: the one queued before has landed before another waits.
    await this.pendingWrite;
    const at = this.now;
    this.unrecorded.push({ deliveries: batch.map((c) => c.delivery), at });
    this.sent += batch.length;
    if (
      this.state.failures > 0 ||
      this.state.refusals !== undefined ||
      this.state.lastSuccessAt === undefined ||
      at - this.state.lastSuccessAt > 1000
    ) {
      const { lastError: _e, lastErrorStatus: _s, refusals: _r, ...rest } = this.state;
      this.state = { ...rest, status: 'active', failures: 0, nextAttemptAt: 0, lastSuccessAt: at };
      this.stateUnsaved = true;
    }
  }

  /**
   * Queue the sent marks waiting in memory, now: IndexedDB runs overlapping write transactions in the order they
   * were made, so they land in order, and after the wire mark queued just before.
   */
  private queueSentMarks(): void {
    for (const { deliveries, at } of this.unrecorded.splice(0)) {
      const write = this.options.outbox.markSent(deliveries, at);
      this.pendingWrite = Promise.all([this.pendingWrite, write]).then(() => undefined);
    }
  }

  /**
   * One statement refused (400, or 413 alone): quarantined with the LRS's message, unless different statements
   * keep being refused for the same reason. Then the destination is refusing statements, not this one
   * (shared/sync/refusals.ts): the streak goes back in the queue and the destination pauses until its
   * configuration changes (or its recheck).
   */
  private async refused(c: Claimed, res: LrsResponse): Promise<Step> {
    const message = lrsMessage(res);
    const refusals = extendStreak(this.state.refusals, message, c.delivery.seq);
    if (!isSystemic(refusals)) {
      await this.quarantine(c, res.status, message);
      await this.save({ ...this.state, refusals });
      return 'continue';
    }
    await this.options.outbox.requeueSeqs(this.dest.id, refusals.seqs);
    await this.recordFailures([c], refusingMessage(message));
    await this.save({
      ...this.state,
      refusals,
      status: 'paused',
      failures: this.state.failures + 1,
      nextAttemptAt: this.now + Math.min(MAX_WAIT_MS, this.options.pauseRecheckMs ?? 3600_000),
      lastAttemptAt: this.now,
      lastError: refusingMessage(message),
      lastErrorStatus: res.status,
      failedConfig: configFingerprint(this.dest),
    });
    return 'stop';
  }

  private async quarantine(c: Claimed, status: number, message: string): Promise<void> {
    await this.options.outbox.quarantine(c.delivery, this.now, status, message);
    this.quarantined += 1;
  }

  private async pause(batch: Claimed[], res: LrsResponse): Promise<void> {
    const what =
      res.status === 401
        ? 'the LRS refused the credentials'
        : 'the LRS does not allow these credentials to send statements';
    const message = `${what} (${lrsMessage(res)}); everything stays queued until they are fixed`;
    await this.recordFailures(batch, message);
    await this.save({
      ...this.state,
      status: 'paused',
      failures: this.state.failures + 1,
      nextAttemptAt: this.now + Math.min(MAX_WAIT_MS, this.options.pauseRecheckMs ?? 3600_000),
      lastAttemptAt: this.now,
      lastError: message,
      lastErrorStatus: res.status,
      failedConfig: configFingerprint(this.dest),
    });
  }

  private async transientFailure(
    batch: Claimed[],
    error: unknown,
    status = 0,
    waitMs?: number,
  ): Promise<void> {
    const message =
      error instanceof LrsTransportError || error instanceof Error ? error.message : String(error);
    await this.recordFailures(batch, message);
    const failures = this.state.failures + 1;
    const delay = boundedWait(
      waitMs,
      backoffDelay(failures, this.engine.jitter, this.options.backoff ?? DEFAULT_BACKOFF),
    );
    await this.save({
      ...this.state,
      status: 'backoff',
      failures,
      nextAttemptAt: this.now + delay,
      lastAttemptAt: this.now,
      lastError: message,
      lastErrorStatus: status,
      failedConfig: configFingerprint(this.dest),
    });
  }

  private async recordFailures(batch: Claimed[], message: string): Promise<void> {
    if (batch.length === 0) return;
    const deliveries: Delivery[] = batch.map((c) => c.delivery);
    await this.options.outbox.recordFailure(deliveries, this.now, message);
  }

  private async save(state: DestinationState): Promise<void> {
    this.state = state;
    this.stateUnsaved = false;
    await this.options.outbox.putDestination(state);
    this.options.onStatus?.(state);
  }
}

/**
 * A fingerprint of what a destination was configured with, so a paused destination resumes as soon as the
 * learner or admin changes it. FNV-1a: not a secret store, just change detection.
 */
export function configFingerprint(dest: DestinationConfig): string {
  const text = JSON.stringify([dest.endpoint, dest.credentials]);
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16);
}
