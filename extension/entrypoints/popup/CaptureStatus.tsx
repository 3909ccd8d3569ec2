// The current tab as the background sees it: what is being captured and how close it is to counting, or why
// nothing is.

import type { JSX } from 'preact';
import { formatClock } from '../../../shared/ui/format';
import { hasMessage, t } from '../../../shared/ui/i18n';
import { ProgressBar } from '../../../shared/ui/ProgressBar';
import type { PageCaptureView } from '../../platform/messages';
import { isUntilResumed } from '../../../shared/learner/pause';

export interface CaptureStatusProps {
  capturing: readonly PageCaptureView[];
  blockedReason?: string;
  pausedUntil?: number;
  now: number;
}

const timeFormat = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const percentFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });

/** "capture is switched off", or the background's own words for a reason this table does not know. */
export function blockedReasonText(reason: string): string {
  const key = `capture.reason.${reason}`;
  return hasMessage(key) ? t(key) : reason;
}

/** "Reading · 0:42 of 0:30 needed" */
export function captureLine(capture: PageCaptureView): { activity: string; progress: string } {
  return {
    activity: t(`capture.${capture.kind}`),
    progress: t('capture.progress', {
      elapsed: formatClock(capture.seconds),
      needed: formatClock(capture.neededSeconds),
    }),
  };
}

export function CaptureStatus({
  capturing,
  blockedReason,
  pausedUntil,
  now,
}: CaptureStatusProps): JSX.Element {
  const paused = pausedUntil !== undefined && pausedUntil > now;
  const pausedText = !paused
    ? undefined
    : isUntilResumed(pausedUntil)
      ? t('popup.pausedIndefinitely')
      : t('popup.pausedUntil', {
          time: (pausedUntil - now < 20 * 3_600_000 ? timeFormat : dateTimeFormat).format(pausedUntil),
        });
  return (
    <div class="tn-capture">
      {pausedText ? <p class="tn-notice">{pausedText}</p> : null}
      {blockedReason && !(blockedReason === 'paused' && paused) ? (
        <p class="tn-notice">{t('capture.off', { reason: blockedReasonText(blockedReason) })}</p>
      ) : null}
      {capturing.length > 0 ? (
        <ul class="tn-capture-list">
          {capturing.map((capture, i) => {
            const { activity, progress } = captureLine(capture);
            const done = capture.seconds >= capture.neededSeconds;
            return (
              <li key={`${capture.kind}-${i}`} class="tn-capture-item">
                <p>
                  <strong>{activity}</strong>
                  <span aria-hidden="true"> · </span>
                  {progress}
                </p>
                {capture.title ? <p class="tn-capture-title">{capture.title}</p> : null}
                <ProgressBar
                  value={capture.seconds}
                  max={capture.neededSeconds}
                  label={t('capture.barLabel', { activity, title: capture.title || activity })}
                  valueText={progress}
                  done={done}
                />
                <p class="tn-hint">
                  {done ? t('capture.counts') : null}
                  {done && capture.progress !== undefined ? ' ' : null}
                  {capture.progress !== undefined
                    ? t('capture.played', { percent: percentFormat.format(capture.progress) })
                    : null}
                </p>
              </li>
            );
          })}
        </ul>
      ) : !blockedReason ? (
        <p class="tn-hint">{t('capture.nothing')}</p>
      ) : null}
    </div>
  );
}
