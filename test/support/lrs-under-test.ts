/**
 * Which LRS the integration suite talks to. By default the global setup starts Learning Locker's statement
 * service with real authentication; set TRAILNOTE_LRS_ENDPOINT (and _USERNAME / _PASSWORD, optionally
 * _READONLY_USERNAME / _READONLY_PASSWORD for the 403 test) to run the same suite against any other LRS,
 * as xapijs/xapi's suite does.
 */
export interface LrsUnderTest {
  endpoint: string;
  username: string;
  password: string;
  /** Credentials the LRS knows but that may not write statements (403), when available. */
  readonly?: { username: string; password: string };
  /** True when the suite started the LRS itself (its behaviour is then known exactly). */
  local: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lrs: LrsUnderTest;
  }
}
