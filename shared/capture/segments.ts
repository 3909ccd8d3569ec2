// Played segments: ranges of media time, the vocabulary of the xAPI Video Profile (which the Audio Profile reuses).
// The tuple shape is the one shared/xapi's media builder takes, so a verdict's segments pass straight through.
import { finite, round3 } from './numbers';

/** A played range `[start, end]` in seconds of media time (not wall-clock time). */
export type PlayedSegment = [start: number, end: number];

/**
 * Two ranges closer than this (seconds) are one: a pause at 12.0004 followed by a resume at 12.0009 is not a gap
 * anyone could hear, and below the 3-decimal precision of the profile's string.
 */
export const ADJACENT_SECONDS = 0.001;

/**
 * Sorted, non-overlapping, non-empty ranges covering exactly what the input covers. Ranges that overlap or touch
 * (within `ADJACENT_SECONDS`) become one, so replayed media counts once. Non-finite or reversed ranges are dropped
 * and negative times clamp to 0: a detector bug must not corrupt a session.
 */
export function mergeSegments(segments: readonly (readonly [number, number])[]): PlayedSegment[] {
  const clean: PlayedSegment[] = [];
  for (const segment of segments) {
    const start = finite(segment[0]);
    const end = finite(segment[1]);
    if (start === undefined || end === undefined) continue;
    const from = Math.max(0, start);
    const to = Math.max(0, end);
    if (to > from) clean.push([from, to]);
  }
  clean.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const merged: PlayedSegment[] = [];
  for (const [start, end] of clean) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1] + ADJACENT_SECONDS) {
      last[1] = Math.max(last[1], end);
    } else {
      merged.push([start, end]);
    }
  }
  return merged;
}

/** Total seconds covered by the segments; overlaps count once. */
export function segmentsSeconds(segments: readonly (readonly [number, number])[]): number {
  return mergeSegments(segments).reduce((total, [start, end]) => total + (end - start), 0);
}

/** Cuts segments to `[0, length]` (media lengths change: a stream gains a duration, an ad ends) and merges them. */
export function clampSegments(
  segments: readonly (readonly [number, number])[],
  length: number,
): PlayedSegment[] {
  return mergeSegments(segments.map(([start, end]) => [Math.min(start, length), Math.min(end, length)]));
}

/**
 * The profile's played-segments string, `"0.000[.]12.000[,]14.000[.]21.000"`: `start[.]end` pairs joined by
 * `[,]`, every time with exactly 3 decimals. Segments are written in the order given (pass `mergeSegments` output
 * for the canonical form); invalid ones are skipped and negative times written as 0. No segments → `""`, which the
 * statement builder omits.
 */
export function formatPlayedSegments(segments: readonly (readonly [number, number])[]): string {
  const parts: string[] = [];
  for (const [start, end] of segments) {
    if (finite(start) === undefined || finite(end) === undefined || end < start) continue;
    parts.push(`${time(start)}[.]${time(end)}`);
  }
  return parts.join('[,]');
}

// round3 before toFixed so that 0.0005 and -0.0001 never print as "-0.000".
const time = (seconds: number): string => Math.max(0, round3(seconds)).toFixed(3);
