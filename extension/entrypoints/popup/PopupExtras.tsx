// The popup's extras (issue 4, part 1): pause capture (an hour, until tomorrow 06:00, until resumed) or resume,
// capture the tab's page by hand as the kind the learner says it is, and send now. Each is one message to the
// background; the App fetches the state again afterwards.

import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../../shared/ui/i18n';
import type { ManualKind, PauseChoice } from '../../platform/messages';

type Result = { ok: boolean; error?: string; reason?: string };

export interface PauseControlsProps {
  paused: boolean;
  onPause: (until: PauseChoice) => Promise<unknown>;
  onResume: () => Promise<unknown>;
}

const PAUSES: ReadonlyArray<{
  until: PauseChoice;
  label: 'popup.pause.hour' | 'popup.pause.tomorrow' | 'popup.pause.resumed';
}> = [
  { until: 'hour', label: 'popup.pause.hour' },
  { until: 'tomorrow', label: 'popup.pause.tomorrow' },
  { until: 'resumed', label: 'popup.pause.resumed' },
];

export function PauseControls({ paused, onPause, onResume }: PauseControlsProps): JSX.Element {
  const labelId = useId();
  if (paused) {
    return (
      <div class="tn-actions">
        <button type="button" class="tn-button tn-button--primary" onClick={() => void onResume()}>
          {t('popup.resume')}
        </button>
      </div>
    );
  }
  return (
    <div class="tn-actions tn-pause" role="group" aria-labelledby={labelId}>
      <span id={labelId} class="tn-hint">
        {t('popup.pause.heading')}:
      </span>
      {PAUSES.map((p) => (
        <button
          key={p.until}
          type="button"
          class="tn-button tn-button--quiet"
          onClick={() => void onPause(p.until)}
        >
          {t(p.label)}
        </button>
      ))}
    </div>
  );
}

const KINDS: readonly ManualKind[] = ['article', 'video', 'podcast', 'other'];

export interface CapturePageProps {
  /** Resolves with the background's answer; the caller reports errors. */
  onCapture: (kind: ManualKind) => Promise<Result | undefined>;
}

/** "Capture this page" for something the detectors did not see. */
export function CapturePage({ onCapture }: CapturePageProps): JSX.Element {
  const id = useId();
  const [kind, setKind] = useState<ManualKind>('article');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="tn-capture-page"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        setBusy(true);
        setDone(false);
        void onCapture(kind)
          .then((r) => setDone(r?.ok === true))
          .finally(() => setBusy(false));
      }}
    >
      <h3 id={`${id}-title`} class="tn-subheading">
        {t('popup.captureThis')}
      </h3>
      <p class="tn-hint">{t('popup.captureHint')}</p>
      <div class="tn-actions">
        <label for={`${id}-kind`}>{t('popup.captureAs')}</label>
        <select
          id={`${id}-kind`}
          class="tn-select"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as ManualKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`popup.kind.${k}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="tn-button" aria-disabled={busy}>
          {t('popup.captureButton')}
        </button>
      </div>
      <p role="status" class="tn-hint">
        {done ? t('popup.captured') : ''}
      </p>
    </form>
  );
}

export interface SendNowProps {
  onSend: () => Promise<boolean>;
}

export function SendNow({ onSend }: SendNowProps): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <div class="tn-actions">
      <button
        type="button"
        class="tn-button"
        aria-disabled={busy}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          setDone(false);
          void onSend()
            .then(setDone)
            .finally(() => setBusy(false));
        }}
      >
        {t('popup.sendNow')}
      </button>
      <span role="status" class="tn-hint">
        {done ? t('popup.sendDone') : ''}
      </span>
    </div>
  );
}
