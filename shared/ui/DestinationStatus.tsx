// One line per destination (LRS): working, retrying after a failure, or paused because the LRS refused the
// credentials or keeps refusing statements, or for a reason not saved (an older version's state: its saved
// message is all there is), with its message and that it resumes by itself when the configuration changes. The status is said in words; the coloured dot only repeats it. Items kept from it
// for good (captured before the learner was identified) are counted under it.

import type { JSX } from 'preact';
import type { DestinationRow } from '../learner/destinations';
import { formatAgo } from './format';
import { t } from './i18n';

/** What the list needs of a destination: the learner core's row (shared/learner/destinations.ts). */
export type DestinationStatusItem = DestinationRow;

export interface DestinationStatusProps {
  destinations: readonly DestinationStatusItem[];
  /** The current time (ms), for "last sent 5 min ago". */
  now: number;
  /** Id of the heading that names the list, if the caller shows one. */
  labelledBy?: string;
}

/** The status line of one destination, in words. */
export function destinationStatusText(destination: DestinationStatusItem, now: number): string {
  switch (destination.status) {
    case 'active':
      return destination.lastSuccessAt !== undefined
        ? t('dest.okLast', { time: formatAgo(destination.lastSuccessAt, now) })
        : t('dest.okNever');
    case 'backoff':
      return destination.lastError
        ? t('dest.retrying', { reason: destination.lastError })
        : t('dest.retryingNoReason');
    case 'paused':
      return destination.pausedFor === 'refusing'
        ? t('dest.refusing')
        : destination.pausedFor === 'credentials'
          ? t('dest.paused')
          : t('dest.pausedUnknown');
  }
}

export function DestinationStatus({ destinations, now, labelledBy }: DestinationStatusProps): JSX.Element {
  if (destinations.length === 0) return <p class="tn-hint">{t('dest.none')}</p>;
  return (
    <ul class="tn-dests" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : t('dest.heading')}>
      {destinations.map((d) => (
        <li key={d.id} class={`tn-dest tn-dest--${d.status}`}>
          <span class="tn-dest-dot" aria-hidden="true" />
          <div class="tn-dest-body">
            <p class="tn-dest-name">
              {d.name} <span class="tn-hint">({t(`dest.origin.${d.origin}`)})</span>
            </p>
            <p class="tn-dest-status">{destinationStatusText(d, now)}</p>
            {d.status === 'paused' && d.lastError ? <p class="tn-dest-detail">{d.lastError}</p> : null}
            {d.status === 'paused' ? <p class="tn-hint">{t('dest.resumes')}</p> : null}
            {d.xapiVersion ? (
              <p class="tn-hint">
                {t('dest.version', { version: d.xapiVersion })}
                {d.versionNote ? ` · ${d.versionNote}` : ''}
              </p>
            ) : null}
            {d.pending > 0 ? <p class="tn-hint">{t('dest.pending', { count: d.pending })}</p> : null}
            {d.withheld ? <p class="tn-hint">{t('dest.withheld', { count: d.withheld })}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
