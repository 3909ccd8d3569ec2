/**
 * Size limits for what the page hands the background. The page is hostile territory (it controls every string
 * read here), and the background drops any message over its limits (background/validate.ts), so detectors cut
 * values to fit instead of losing the whole message.
 */
import { fnv1a } from '../../shared/fingerprint';

export const MAX_URL = 2048;
export const MAX_TITLE = 1000;
export const MAX_DESCRIPTION = 1000;
export const MAX_LANG = 64;
/** One keyword, JSON-LD type or feed link (the contract allows 512). */
export const MAX_ITEM = 500;
/** Entries per list (the contract allows 50). */
export const MAX_LIST = 30;
/** A media item's key and `loaded.mediaId` (the contract allows 4096). */
export const MAX_KEY = 4000;

/** Whitespace collapsed and trimmed, then cut to `max` characters; `undefined` when nothing is left. */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length <= max ? text : text.slice(0, max);
}

/** `value` if it fits in `max`, else its start plus a hash of the whole, so distinct long values stay distinct. */
export function fit(value: string, max: number): string {
  if (value.length <= max) return value;
  const tag = `#${fnv1a(value)}`;
  return value.slice(0, max - tag.length) + tag;
}
