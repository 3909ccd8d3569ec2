// A determinate progress bar: role=progressbar with its range and a spoken value, since the bar alone is only
// a picture.

import type { JSX } from 'preact';

export interface ProgressBarProps {
  value: number;
  max: number;
  /** Accessible name ("Reading: How to negotiate"). */
  label: string;
  /** What a screen reader says instead of a percentage ("0:42 of 0:30 needed"). */
  valueText?: string;
  /** Marks the bar as complete (styled as success). */
  done?: boolean;
}

export function ProgressBar({ value, max, label, valueText, done = false }: ProgressBarProps): JSX.Element {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const percent = Math.round((clamped / safeMax) * 100);
  return (
    <div
      class={`tn-progress${done ? ' tn-progress--done' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={safeMax}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
    >
      <div class="tn-progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
