// Items an LRS refused (issue 11 point 4), as the popup and the desktop's status window show them: how many,
// a few with their destination and the LRS's own message, "Send again" on each and "Send all again". What the
// list holds comes from shared/record/refused.ts (refusedView); sending again is the caller's message.

import type { JSX } from 'preact';
import type { RefusedView } from '../record/refused';
import { t } from './i18n';

export interface RefusedListProps {
  refused: RefusedView;
  /** One item (by id) back in the queue, or every refused one when `id` is undefined. */
  onResend: (id?: string) => unknown;
  /** The heading's id (one list per page). */
  headingId: string;
}

export function RefusedList({ refused, onResend, headingId }: RefusedListProps): JSX.Element {
  return (
    <section class="tn-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('refused.heading', { count: refused.count })}</h2>
      <p class="tn-hint">{t('refused.hint')}</p>
      <ul class="tn-refused">
        {refused.items.map((r) => (
          <li key={`${r.destination}:${r.id}`}>
            <strong>{r.title}</strong>
            <p class="tn-hint">{t('refused.by', { destination: r.destination, message: r.message })}</p>
            <button
              type="button"
              class="tn-button tn-button--quiet"
              aria-label={t('refused.resendOne', { title: r.title })}
              onClick={() => void onResend(r.id)}
            >
              {t('refused.resend')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="tn-button" onClick={() => void onResend()}>
        {t('refused.resendAll', { count: refused.count })}
      </button>
    </section>
  );
}
