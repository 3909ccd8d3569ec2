/**
 * Main's end of the outbox window (desktop/README.md § Outbox): each request goes to that window with an id; its
 * reply (the envelope checked by ipc.ts, the answer here against its op) settles the promise. Requests made before
 * the window is ready wait for it, so an item logged during start-up is not lost; a window that reloads or crashes
 * fails what was in flight, and the caller (the quick log) tells the learner to try again rather than pretend it
 * was saved.
 */
import type { WebContents } from 'electron';
import { checkedAnswer } from '../core/outbox-answers';
import {
  OUTBOX_CHANNELS,
  type OutboxAnswers,
  type OutboxLink,
  type OutboxReply,
  type OutboxRequest,
} from '../core/outbox-contract';

interface Pending {
  /** Checks the answer against the op that asked (core/outbox-answers.ts), then resolves or rejects. */
  settle: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class ElectronOutboxLink implements OutboxLink {
  private target: WebContents | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Array<() => void> = [];

  /** Long enough for a sync pass over a slow LRS; a stuck window still fails in the end. */
  constructor(private readonly timeoutMs = 10 * 60_000) {}

  /** The outbox window said it is ready (its page loaded and serves requests). */
  attach(contents: WebContents): void {
    this.detach('the outbox window was reloaded');
    this.target = contents;
    for (const send of this.waiting.splice(0)) send();
  }

  /** The window went away: fail what it had not answered. */
  detach(reason: string): void {
    this.target = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      this.pending.delete(id);
    }
  }

  request<R extends OutboxRequest>(request: R): Promise<OutboxAnswers[R['op']]> {
    return new Promise((resolve, reject) => {
      const send = () => {
        const target = this.target;
        if (!target || target.isDestroyed()) {
          this.waiting.push(send);
          return;
        }
        const requestId = this.nextId++;
        const timer = setTimeout(() => {
          this.pending.delete(requestId);
          reject(new Error(`the outbox window did not answer "${request.op}" in time`));
        }, this.timeoutMs);
        const settle = (value: unknown) => {
          try {
            resolve(checkedAnswer<R['op']>(request.op, value));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        this.pending.set(requestId, { settle, reject, timer });
        target.send(OUTBOX_CHANNELS.request, { requestId, ...request });
      };
      send();
    });
  }

  /** A validated reply from the outbox window. */
  settle(reply: OutboxReply): void {
    const p = this.pending.get(reply.requestId);
    if (!p) return;
    this.pending.delete(reply.requestId);
    clearTimeout(p.timer);
    if (reply.ok) p.settle(reply.value);
    else p.reject(new Error(reply.error));
  }
}
