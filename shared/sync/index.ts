export {
  SyncEngine,
  configFingerprint,
  type Clock,
  type DestinationConfig,
  type DestinationRun,
  type SyncEngineOptions,
  type SyncSummary,
} from './engine';
export {
  LrsClient,
  LrsTransportError,
  authorizationHeader,
  type Credentials,
  type LrsEndpoint,
  type LrsResponse,
} from './lrs-client';
export { aboutVersions, checkPostAnswer, lrsMessage, retryAfterMs } from './answers';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { syncPass, type SyncPassOptions } from './pass';
export { chooseVersion, type VersionChoice, type XapiVersion, type XapiVersionSetting } from './version';
export {
  checkConnection,
  connectionVerdict,
  type ConnectionCheck,
  type ConnectionVerdict,
  type KeyVerdict,
} from './connection-test';
