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
  /**
   * Why a paused destination is paused: the LRS refused the credentials (401/403), or it keeps refusing different
   * statements for one reason (shared/sync/refusals.ts: "refusing statements: <message>" in `lastError`). Either
   * way it resumes by itself when its configuration changes. `unknown`: a state saved without the HTTP status
   * (by an older version) or with one that says neither; the saved message in `lastError` is all there is.
   */
  pausedFor?: 'credentials' | 'refusing' | 'unknown';
  lastError?: string;
  lastSuccessAt?: number;
  /** Statements waiting for this destination. */
  pending: number;
  /** The xAPI version spoken with it (chosen from its `/about`), and why when that may surprise an admin. */
  xapiVersion?: string;
  versionNote?: string;
  /**
   * Items kept from it for good because their statement carries the pseudonymous install account (captured
   * before the learner identified; shared/outbox/stamp.ts `withhold`), counted as the engine drops them.
   */
  withheld?: number;
}

/** HTTP statuses of a refusal of statements (shared/sync/engine.ts `refused`), not of the credentials. */
const REFUSING_STATUSES: ReadonlySet<number> = new Set([400, 413]);
/** HTTP statuses of refused credentials (shared/sync/engine.ts `pause`). */
const CREDENTIAL_STATUSES: ReadonlySet<number> = new Set([401, 403]);

/** Why a paused destination is paused, from the status saved with it; never a guess when none was saved. */
function pauseReason(lastErrorStatus: number | undefined): NonNullable<DestinationRow['pausedFor']> {
  if (lastErrorStatus === undefined) return 'unknown';
  if (REFUSING_STATUSES.has(lastErrorStatus)) return 'refusing';
  return CREDENTIAL_STATUSES.has(lastErrorStatus) ? 'credentials' : 'unknown';
}

/** What the outbox knows of one destination: its state (none before the first attempt) and what waits for it. */
export interface DestinationProgress {
  state?: Pick<
    DestinationState,
    'status' | 'lastError' | 'lastErrorStatus' | 'lastSuccessAt' | 'xapiVersion' | 'versionNote' | 'withheld'
  >;
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
    const status = state?.status ?? 'active';
    return {
      id: d.id,
      name: d.name,
      origin: d.origin,
      status,
      ...(status === 'paused' ? { pausedFor: pauseReason(state?.lastErrorStatus) } : {}),
      lastError: state?.lastError,
      lastSuccessAt: state?.lastSuccessAt,
      pending: progress?.pending ?? 0,
      xapiVersion: state?.xapiVersion,
      versionNote: state?.versionNote,
      ...(state?.withheld ? { withheld: state.withheld } : {}),
    };
  });
}
