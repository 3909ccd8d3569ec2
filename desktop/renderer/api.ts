// The preload's API as the pages see it (window.trailnote, desktop/preload/index.ts): the one place its type is
// named, always the contract's, never a copy. Pages reach main only through it.
import type { OutboxHostApi } from '../core/outbox-contract';
import type { UiApi } from '../core/ui-contract';

const exposed = () => (window as unknown as { trailnote: unknown }).trailnote;

/** The UI windows' API (quick log, settings/status, My learning). */
export function uiApi(): UiApi {
  return exposed() as UiApi;
}

/** The hidden outbox window's API. */
export function outboxHostApi(): OutboxHostApi {
  return exposed() as OutboxHostApi;
}
