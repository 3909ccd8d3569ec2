/**
 * Every page-side detector, in start order. Adding one is one line here plus its own file (and a fixture page).
 * Detectors share nothing but the context; registry.test.ts checks the whole list.
 */
import { articleDetector } from './article';
import { mediaDetector } from './media';
import type { Detector, DetectorContext } from './types';

export const DETECTORS: readonly Detector[] = [articleDetector, mediaDetector];

/**
 * Starts every detector that applies to this frame; returns one `stop` for all. A detector that throws while
 * checking or starting is skipped (a hostile page must not stop the others).
 */
export function startDetectors(ctx: DetectorContext, detectors: readonly Detector[] = DETECTORS): () => void {
  const stops: Array<() => void> = [];
  for (const detector of detectors) {
    try {
      if (detector.applies(ctx.doc, ctx.win)) stops.push(detector.start(ctx));
    } catch {
      // Skipped: see above.
    }
  }
  return () => {
    for (const stop of stops.splice(0)) {
      try {
        stop();
      } catch {
        // Stopping is best effort: the context is going away anyway.
      }
    }
  };
}
