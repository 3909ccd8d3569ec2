/**
 * Quitting without losing what is playing: on the first `before-quit` the quit is held back while the media
 * watcher finishes open items (as at a player's stop) and the app queues them in the outbox; then the app
 * quits for real. Bounded, so a stuck bus or outbox window can delay quitting by `timeoutMs` at most.
 * No Electron import: `app` is anything with Electron's `on('before-quit')` and `quit()`.
 */

export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitSteps {
  /** Finishes media in progress and resolves once the outbox has it (MediaWatcher.stop). */
  finish: () => Promise<void>;
  /** Everything else to let go of (timers, shortcuts, tray); runs once, after `finish` or its timeout. */
  release: () => void;
  log?: (message: string) => void;
}

/** Three seconds: the outbox answers an enqueue in milliseconds; beyond that something is stuck. */
export const QUIT_FINISH_TIMEOUT_MS = 3_000;

export function finishBeforeQuit(
  app: QuittingApp,
  steps: QuitSteps,
  timeoutMs = QUIT_FINISH_TIMEOUT_MS,
): void {
  let phase: 'running' | 'finishing' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'finishing') return; // a second Quit while finishing: the first one will quit
    phase = 'finishing';
    void finishWithin(steps, timeoutMs).finally(() => {
      phase = 'done';
      try {
        steps.release();
      } finally {
        app.quit();
      }
    });
  });
}

async function finishWithin(steps: QuitSteps, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([steps.finish().then(() => 'done' as const), timeout]);
    if (result === 'timeout') {
      steps.log?.(`Quitting before media in progress reached the outbox (waited ${timeoutMs} ms).`);
    }
  } catch (error) {
    steps.log?.(
      `Could not finish media in progress before quitting: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
