// "Send my earlier record to <destination> (N items)", in both apps' destination lists (docs/policy.md § Meaning,
// `destinations`): a destination gets what is captured from when it was set up; what came before goes there only
// when the learner presses this, having seen how many items it is. Nothing shows when there is nothing earlier.

import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/** What the app's background or outbox answers for one destination. */
export interface EarlierRecordView {
  /** Items the choice would queue now. */
  count: number;
  /** Why it cannot be offered yet: the learner must identify first, or the destination is gone. */
  reason?: 'identify-first' | 'not-configured';
}

export interface EarlierRecordResult {
  ok: boolean;
  queued?: number;
  error?: string;
}

export interface EarlierRecordProps {
  /** The destination's name as the list shows it. */
  name: string;
  load: () => Promise<EarlierRecordView>;
  send: () => Promise<EarlierRecordResult>;
  /** Called after items were queued (the status shown around it changes). */
  onSent?: () => void;
}

export function EarlierRecord({ name, load, send, onSent }: EarlierRecordProps): JSX.Element | null {
  const [view, setView] = useState<EarlierRecordView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setView(v),
      () => live && setView(undefined),
    );
    return () => {
      live = false;
    };
  }, [load]);

  async function choose() {
    setBusy(true);
    try {
      const result = await send();
      if (result.ok) {
        setStatus(t('dest.earlier.queued', { count: result.queued ?? 0, name }));
        setView({ count: 0 });
        onSent?.();
      } else {
        setStatus(result.error ?? t('error.failed'));
      }
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const offer = view?.reason === 'identify-first' || (view !== undefined && view.count > 0);
  if (!offer && !status) return null;
  return (
    <div class="tn-earlier">
      {view?.reason === 'identify-first' ? (
        <p class="tn-hint">{t('dest.earlier.identifyFirst', { name })}</p>
      ) : view && view.count > 0 ? (
        <>
          <p class="tn-hint">{t('dest.earlier.hint', { name })}</p>
          <button type="button" class="tn-button" disabled={busy} onClick={() => void choose()}>
            {t('dest.earlier.send', { count: view.count, name })}
          </button>
        </>
      ) : null}
      <p role="status" class="tn-status">
        {status}
      </p>
    </div>
  );
}
