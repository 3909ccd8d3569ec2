/**
 * The content scripts' contract with the background: what a detector sends (extension/detectors, the capture
 * content script) and the background validates before it touches state (background/validate.ts). Kept apart from
 * the pages' contract (messages.ts) so the code running in web pages imports only this (the detectors' import
 * zone, eslint.config.js). Events carry no answer.
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
