export * from './types';
export { OutboxDb } from './db';
export { Outbox, OutboxError, newDestinationState, type Claimed } from './outbox';
export { ActorStampError, type ActorStamp } from './stamp';
export { isQuotaError, OutboxFullError, STORAGE_FULL_MESSAGE } from './quota';
