/**
 * Typed message contracts, one map per receiver (web-scrobbler's communication.ts pattern): each entry names
 * its payload and its response. The background validates every message it receives (validate.ts) and its
 * sender; web pages cannot reach the extension at all (no externally_connectable, no onMessageExternal).
 * Credentials never appear in any of these.
 */
import type { MediaEvent, ReadingEvent } from '../../shared/capture';
import type { DestinationStatusItem } from '../../shared/ui/DestinationStatus';
import type { ItemCardItem } from '../../shared/ui/ItemCard';

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

/**
 * One captured item as the learner's views see it (never credentials or destinations' secrets): the shape the
 * shared UI card renders, plus when it was captured.
 */
export interface ItemView extends ItemCardItem {
  createdAt: number;
  skills: Array<{ id: string; name: string }>;
}

/** What is being captured on a tab right now. */
export interface PageCaptureView {
  kind: 'article' | 'video' | 'audio';
  title: string;
  /** Seconds counted so far (engaged reading time, or media played). */
  seconds: number;
  /** Seconds needed before it counts (the policy's threshold). */
  neededSeconds: number;
  /** For media of known length: share played, 0..1. */
  progress?: number;
}

/** A destination's delivery status, as the shared UI shows it. */
export type DestinationView = DestinationStatusItem;

export interface PopupState {
  /** Why nothing is captured on this tab, if so (blocked site, paused, private window...). */
  blockedReason?: string;
  capturing: PageCaptureView[];
  /** Items waiting for the learner (held or in review), newest first. */
  waiting: ItemView[];
  frameworks: Array<{
    id: string;
    name: string;
    attribution?: string;
    skills: Array<{ id: string; name: string; altNames?: string[] }>;
  }>;
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
  destinations: DestinationView[];
  pausedUntil?: number;
}

/** Messages extension pages (popup, options) send to the background. */
export interface PageToBackground {
  'popup/state': { payload: { tabId?: number }; response: PopupState };
  /** Tag skills and write a reflection on an item not yet sent (its statement is rebuilt). */
  'item/update': {
    payload: { id: string; skills: Array<{ id: string; name: string }>; reflection: string };
    response: { ok: boolean; error?: string };
  };
  'item/discard': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'item/approve': { payload: { id: string }; response: { ok: boolean; error?: string } };
  'sync/now': { payload: Record<never, never>; response: { ok: boolean } };
}

export type PageMessage = {
  [K in keyof PageToBackground]: { type: K } & PageToBackground[K]['payload'];
}[keyof PageToBackground];
