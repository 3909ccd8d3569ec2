// Small numeric guards shared by the capture reducers. Detector events cross a message boundary (content script →
// service worker, D-Bus → main process), so every number is treated as untrusted: NaN, ±Infinity and negative
// values must never throw nor poison a persisted session.

/** `value` when it is a finite number, else `undefined`. */
export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A finite, non-negative number, or `undefined`. Negative values clamp to 0 (a position can't be before the start). */
export function nonNegative(value: unknown): number | undefined {
  const n = finite(value);
  return n === undefined ? undefined : Math.max(0, n);
}

/** A finite number > 0, or `undefined`. */
export function positive(value: unknown): number | undefined {
  const n = finite(value);
  return n !== undefined && n > 0 ? n : undefined;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rounded to 3 decimals (the precision of the Video Profile's progress and played-segments). */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Absorbs binary floating-point noise in threshold comparisons (0.1 + 0.2 ≥ 0.3 must hold), far below anything a
 * learner or an admin can perceive.
 */
export const EPSILON = 1e-9;
