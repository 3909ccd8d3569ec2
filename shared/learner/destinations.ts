/**
 * The destination status rows (the popup, the options page, the desktop's status window and My learning in both
 * apps): one row per destination of the resolved settings, with its delivery state from the outbox. Never a
 * credential.
 */
import type { DestinationState } from '../outbox';
import type { Destination } from '../policy';

/** One destination (LRS) as the learner sees it: working, retrying after a failure, or paused. */
export interface DestinationRow {
  id: string;
  name: string;
  origin: 'organisation' | 'learner';
  status: 'active' | 'backoff' | 'paused';
  lastError?: string;
  lastSuccessAt?: number;
  /** Statements waiting for this destination. */
  pending: number;
  /** The xAPI version spoken with it (chosen from its `/about`), and why when that may surprise an admin. */
  xapiVersion?: string;
  versionNote?: string;
}

/** What the outbox knows of one destination: its state (none before the first attempt) and what waits for it. */
export interface DestinationProgress {
  state?: Pick<DestinationState, 'status' | 'lastError' | 'lastSuccessAt' | 'xapiVersion' | 'versionNote'>;
  pending: number;
}

/**
 * The rows for the settings' destinations, in the settings' order. A destination the outbox has not met yet is
 * active with nothing pending; one the outbox still knows but the settings dropped is not shown.
 */
export function destinationRows(
  configured: readonly Pick<Destination, 'id' | 'name' | 'origin'>[],
  progressOf: (id: string) => DestinationProgress | undefined,
): DestinationRow[] {
  return configured.map((d) => {
    const progress = progressOf(d.id);
    const state = progress?.state;
    return {
      id: d.id,
      name: d.name,
      origin: d.origin,
      status: state?.status ?? 'active',
      lastError: state?.lastError,
      lastSuccessAt: state?.lastSuccessAt,
      pending: progress?.pending ?? 0,
      xapiVersion: state?.xapiVersion,
      versionNote: state?.versionNote,
    };
  });
}
