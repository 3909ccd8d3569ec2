/**
 * The one shape every page-side detector has (web-scrobbler's connectors, minus their global state): a cheap
 * `applies` check and a `start` that wires listeners and returns `stop`. Everything a detector touches comes in
 * through `DetectorContext`, so tests drive it with a happy-dom window, a fake `send` and an injected clock.
 *
 * Detectors only emit plain events (ReadingEvent, MediaEvent); engaged time, played segments and verdicts are
 * computed by the background from those events, never in the page.
 */
import type { ContentMessage, PageFacts } from '../platform/content-messages';
import type { PageFactsOptions } from './page-facts';

/** What `idle` passes its callback: how much of the idle period is left (ms); 0 when run by the timeout. */
export interface IdleDeadline {
  timeRemaining(): number;
}

export interface DetectorContext {
  doc: Document;
  win: Window;
  /** Wall-clock ms (Date.now in the page); every event's `at`. */
  now: () => number;
  /** Hands one message to the background; never throws, never waits. */
  send: (msg: ContentMessage) => void;
  /**
   * The page's facts, read lazily and cached until the URL or title changes (page-facts.ts): the basics always,
   * the classifying facts and the media session only when asked for.
   */
  pageFacts: (options?: PageFactsOptions) => PageFacts;
  /**
   * Runs `fn` once when the page is idle, or after `timeoutMs` at the latest (requestIdleCallback with a
   * setTimeout fallback). Returns a cancel function. One-shot: detectors keep no timer running while idle.
   */
  idle: (fn: (deadline: IdleDeadline) => void, timeoutMs: number) => () => void;
}

export interface Detector {
  /** Unique within the registry; used in logs and tests. */
  id: string;
  /** Cheap check (no DOM walks): whether this detector has anything to do in this frame. */
  applies(doc: Document, win: Window): boolean;
  /** Starts watching; returns `stop`, which removes every listener, observer and pending callback. */
  start(ctx: DetectorContext): () => void;
}
