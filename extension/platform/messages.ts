/**
 * Typed message contracts, one map per receiver (web-scrobbler's communication.ts pattern): each entry names
 * its payload and its response. The background validates every message it receives (validate.ts) and its
 * sender; web pages cannot reach the extension at all (no externally_connectable, no onMessageExternal).
 * Credentials never appear in any of these.
 */
import type { MediaEvent, ReadingEvent } from '../../shared/capture';

/** What a content script knows about its page (or frame), sent with media events for classification. */
export interface PageFacts {
  url: string;
  title: string;
  canonicalHref?: string;
  lang?: string;
  description?: string;
  keywords?: string[];
  ogType?: string;
  /** schema.org @types found in JSON-LD. */
  jsonLdTypes?: string[];
  /** RSS/Atom feed links. */
  feedLinks?: string[];
  /** navigator.mediaSession.metadata, when the page set it. */
  mediaSession?: { title?: string; artist?: string; album?: string; artworkCount?: number };
}

/** Messages content scripts send to the background. */
export interface ContentToBackground {
  /** Reading events of this frame's article session. */
  reading: { payload: { event: ReadingEvent }; response: void };
  /**
   * Events of one media element. `element` identifies the element within the frame; `key` identifies the item it
   * plays (element + src + page URL), so a new video in the same element (single-page apps) is a new item.
   */
  media: { payload: { element: string; key: string; event: MediaEvent; page: PageFacts }; response: void };
}

export type ContentMessage = {
  [K in keyof ContentToBackground]: { type: K } & ContentToBackground[K]['payload'];
}[keyof ContentToBackground];
