// The preload's API as the UI windows see it; its type is the contract's, never a copy.
import type { UiApi } from '../core/contract';

export function uiApi(): UiApi {
  return (window as unknown as { trailnote: UiApi }).trailnote;
}
