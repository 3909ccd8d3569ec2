// Quitting while media plays: the quit waits (bounded) for the watcher to finish the open item and the app to
// queue it, then goes ahead. The app is a fake with Electron's `before-quit` semantics (a listener may call
// preventDefault; `quit()` emits it again), so no Electron binary is needed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishBeforeQuit, QUIT_FINISH_TIMEOUT_MS, type QuittingApp } from './quit';

class FakeApp implements QuittingApp {
  private listeners: Array<(event: { preventDefault(): void }) => void> = [];
  quitted = 0;
  private resolveQuit: (() => void) | undefined;
  readonly exited = new Promise<void>((resolve) => (this.resolveQuit = resolve));

  on(_event: 'before-quit', listener: (event: { preventDefault(): void }) => void) {
    this.listeners.push(listener);
    return this;
  }

  /** Electron's app.quit(): emits before-quit; the app ends unless a listener prevented it. */
  quit(): void {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners) listener(event);
    if (!prevented) {
      this.quitted += 1;
      this.resolveQuit?.();
    }
  }
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => vi.useRealTimers());

describe('finishBeforeQuit', () => {
  it('holds the quit until the open item is queued, releases once, then quits', async () => {
    const app = new FakeApp();
    const order: string[] = [];
    const queued = deferred();
    finishBeforeQuit(app, {
      finish: () => {
        order.push('finish');
        return queued.promise.then(() => void order.push('queued'));
      },
      release: () => order.push('release'),
    });

    app.quit();
    expect(app.quitted).toBe(0);
    app.quit(); // the learner clicks Quit again while it waits: still one finish
    expect(order).toEqual(['finish']);

    queued.resolve();
    await app.exited;
    expect(order).toEqual(['finish', 'queued', 'release']);
    expect(app.quitted).toBe(1);
  });

  it('quits after the bound when the outbox never answers, and says so', async () => {
    vi.useFakeTimers();
    const app = new FakeApp();
    const logs: string[] = [];
    const release = vi.fn();
    finishBeforeQuit(app, { finish: () => new Promise(() => undefined), release, log: (m) => logs.push(m) });

    app.quit();
    await vi.advanceTimersByTimeAsync(QUIT_FINISH_TIMEOUT_MS - 1);
    expect(app.quitted).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await app.exited;
    expect(app.quitted).toBe(1);
    expect(release).toHaveBeenCalledTimes(1);
    expect(logs).toEqual([
      `Quitting before media in progress reached the outbox (waited ${QUIT_FINISH_TIMEOUT_MS} ms).`,
    ]);
  });

  it('quits when finishing fails, logging why', async () => {
    const app = new FakeApp();
    const logs: string[] = [];
    finishBeforeQuit(app, {
      finish: () => Promise.reject(new Error('the outbox window stopped')),
      release: () => undefined,
      log: (m) => logs.push(m),
    });
    app.quit();
    await app.exited;
    expect(logs).toEqual(['Could not finish media in progress before quitting: the outbox window stopped']);
  });
});
