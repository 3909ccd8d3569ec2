export * from './types';
export { OutboxDb } from './db';
export { Outbox, OutboxError, newDestinationState, type Claimed } from './outbox';
export { ActorStampError, carriesPseudonym, type ActorStamp } from './stamp';
export type { EarlierChoice } from './earlier';
export { isQuotaError, OutboxFullError, STORAGE_FULL_MESSAGE } from './quota';
export { OPENING_GRACE_MS, OUTBOX_OPENING_MESSAGE } from './opening';
export { FOLLOW_UP_KINDS, inRecord, type ItemChange } from './tally';
