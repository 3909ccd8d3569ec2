/**
 * Every message from a content script is checked before it touches state: its sender must be one of our own
 * content scripts in a tab, and its payload must have the exact shape of the contract (content-messages.ts).
 * A hostile page cannot reach us directly, but it controls the DOM our detectors read, so values are bounded too.
 */
import type { MediaEvent, ReadingEvent } from '../../shared/capture';
import { isFiniteNumber as num, isRecord, isStringUpTo } from '../../shared/guards';
import type { ContentMessage, PageFacts } from '../platform/content-messages';

const str = (v: unknown, max = 2048): v is string => isStringUpTo(v, max);
const optStr = (v: unknown, max = 2048) => v === undefined || str(v, max);
const strList = (v: unknown) =>
  v === undefined || (Array.isArray(v) && v.length <= 50 && v.every((x) => str(x, 512)));

export function isPageFacts(v: unknown): v is PageFacts {
  if (!isRecord(v) || !str(v.url) || !str(v.title, 1000)) return false;
  if (![v.canonicalHref, v.lang, v.description, v.ogType].every((x) => optStr(x))) return false;
  if (!strList(v.keywords) || !strList(v.jsonLdTypes) || !strList(v.feedLinks)) return false;
  const ms = v.mediaSession;
  if (ms === undefined) return true;
  return (
    isRecord(ms) &&
    optStr(ms.title, 1000) &&
    optStr(ms.artist, 1000) &&
    optStr(ms.album, 1000) &&
    (ms.artworkCount === undefined || num(ms.artworkCount))
  );
}

function isReadingEvent(v: unknown): v is ReadingEvent {
  if (!isRecord(v) || !num(v.at)) return false;
  switch (v.type) {
    case 'start':
      return (
        str(v.url) &&
        optStr(v.title, 1000) &&
        optStr(v.canonicalHref) &&
        optStr(v.description) &&
        optStr(v.lang, 64) &&
        (v.wordCount === undefined || num(v.wordCount)) &&
        [v.visible, v.focused].every((b) => b === undefined || typeof b === 'boolean')
      );
    case 'visibility':
      return typeof v.visible === 'boolean';
    case 'focus':
      return typeof v.focused === 'boolean';
    case 'activity':
    case 'end':
      return true;
    case 'scroll':
      return num(v.depth);
    default:
      return false;
  }
}

/** What a person could perceive of a player (shared/capture MediaExposure): three booleans. */
const isExposure = (v: unknown): boolean =>
  isRecord(v) && [v.audible, v.visible, v.learner].every((b) => typeof b === 'boolean');

function isMediaEvent(v: unknown): v is MediaEvent {
  if (!isRecord(v) || !num(v.at)) return false;
  switch (v.type) {
    case 'loaded':
      // A content script always reports the exposure: without it the reducer would count everything played.
      return (
        str(v.mediaId, 4096) &&
        str(v.src, 4096) &&
        optStr(v.title, 1000) &&
        (v.kind === 'video' || v.kind === 'audio') &&
        (v.duration === undefined || typeof v.duration === 'number') &&
        isExposure(v.exposure)
      );
    case 'exposure':
      return typeof v.position === 'number' && isExposure(v.exposure);
    case 'play':
    case 'pause':
    case 'timeupdate':
    case 'seeking':
    case 'seeked':
    case 'ended':
      return typeof v.position === 'number';
    case 'ratechange':
      return typeof v.position === 'number' && num(v.rate);
    case 'durationchange':
      return typeof v.duration === 'number';
    default:
      return false;
  }
}

export function parseContentMessage(v: unknown): ContentMessage | undefined {
  if (!isRecord(v)) return undefined;
  if (v.type === 'reading' && isReadingEvent(v.event)) return { type: 'reading', event: v.event };
  if (
    v.type === 'media' &&
    str(v.element, 128) &&
    str(v.key, 4096) &&
    isMediaEvent(v.event) &&
    isPageFacts(v.page)
  ) {
    return { type: 'media', element: v.element, key: v.key, event: v.event, page: v.page };
  }
  return undefined;
}

export interface SenderInfo {
  id?: string;
  tab?: { id?: number; url?: string; incognito?: boolean };
  frameId?: number;
  url?: string;
}

/** A content script of ours, in a tab: the only sender the capture handler accepts. */
export function contentSender(
  sender: SenderInfo,
  ownId: string,
): { tabId: number; frameId: number; tabUrl: string; incognito: boolean } | undefined {
  if (sender.id !== ownId || !sender.tab || typeof sender.tab.id !== 'number' || sender.tab.id < 0)
    return undefined;
  return {
    tabId: sender.tab.id,
    frameId: sender.frameId ?? 0,
    tabUrl: sender.tab.url ?? sender.url ?? '',
    incognito: sender.tab.incognito === true,
  };
}

/** One of our own extension pages (popup, options...), not a content script in a web page. */
export function isExtensionPage(sender: SenderInfo, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || !sender.url?.startsWith(ownOrigin)) return false;
  return !sender.tab || (sender.tab.url ?? '').startsWith(ownOrigin);
}
