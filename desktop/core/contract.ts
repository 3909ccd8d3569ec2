/**
 * The desktop's IPC contracts, one per surface: ui-contract.ts (the UI windows ↔ main) and outbox-contract.ts
 * (the hidden outbox window ↔ main). Each maps a request to its payload and response; the preload, main's
 * dispatch table and the pages take their types from there, so no channel string or message shape is kept in
 * sync by hand. This module only gathers them for importers.
 */
export * from './ui-contract';
export * from './outbox-contract';
