import { inject } from 'vitest';

/**
 * Which LRSs the integration suite talks to. By default the global setup starts two real ones: Learning
 * Locker's statement service with real authentication, and ADL's reference LRS (../shared/lrs/adl). Set
 * TRAILNOTE_LRS_ENDPOINT (and _USERNAME / _PASSWORD, optionally _READONLY_USERNAME / _READONLY_PASSWORD for the
 * 403 test) to run the same suite against any other LRS instead, as xapijs/xapi's suite does;
 * TRAILNOTE_LRS_ONLY=learning-locker|adl starts only one of the two.
 */
export interface LrsUnderTest {
  /** Short name for test titles: `learning-locker`, `adl` or `external`. */
  name: 'learning-locker' | 'adl' | 'external';
  endpoint: string;
  username: string;
  password: string;
  /** Credentials the LRS knows but that may not write statements (403), when the LRS can have them. */
  readonly?: { username: string; password: string };
  /** Why there are no read-only credentials (shown as the skip reason of the 403 test). */
  noReadonlyBecause?: string;
  /** True when the suite started the LRS itself (its behaviour is then known exactly). */
  local: boolean;
  /**
   * The engine's per-request budget in the fault tests (ms), long enough for this LRS's slowest honest answer:
   * ADL's LRS (SQLite, Django's development server, password hashing on every request) takes ~1.4 s for 40
   * statements, so its timeouts (and the stalls that wait them out) are longer.
   */
  timeoutMs: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every LRS under test, in order. */
    lrsList: LrsUnderTest[];
    /** The first of them, for tests about something else than LRS differences (desktop watcher, identity). */
    lrs: LrsUnderTest;
  }
}

/** The LRSs under test, for `describe.each(lrsUnderTest())('… ($name)', (lrs) => …)`. */
export function lrsUnderTest(): LrsUnderTest[] {
  return inject('lrsList');
}
