// The options page: destinations, identity, privacy, thresholds, hold and review, invalid policy keys, skill
// frameworks and settings export/import. It keeps nothing the background does not: every change is a message,
// followed by a fresh `options/state`.

import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../../shared/ui/i18n';
import type { OptionsState } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { Destinations } from './Destinations';
import { Frameworks } from './Frameworks';
import { ImportExport } from './ImportExport';
import { Issues } from './Issues';
import { SettingsForm } from './SettingsForm';

/** What the page needs from the browser, injected so tests run it without one. */
export interface OptionsApi {
  send: SendToBackground;
  download: (filename: string, text: string) => void;
  /** Calls `listener` when the policy or the learner's settings change elsewhere; returns the unsubscribe. */
  watch?: (listener: () => void) => () => void;
}

export function App({ api }: { api: OptionsApi }): JSX.Element {
  const [state, setState] = useState<OptionsState | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  // The settings form starts again from the stored values after a save or an import, not on every refresh.
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(async (): Promise<void> => {
    try {
      setState(await api.send('options/state', {}));
      setError(undefined);
    } catch (err) {
      setError(t('error.unreachable', { message: err instanceof Error ? err.message : String(err) }));
    }
  }, [api]);

  useEffect(() => {
    void load();
    // An admin's new policy (or another tab's change) shows at once; the form keeps what is being typed.
    return api.watch?.(() => void load());
  }, [api, load]);

  const reloadForm = useCallback(async () => {
    await load();
    setFormKey((k) => k + 1);
  }, [load]);

  return (
    <main class="tn-options">
      <header class="tn-options-header">
        <h1>{t('options.title')}</h1>
        <p class="tn-hint">{t('options.intro')}</p>
      </header>
      <div role="alert" class={error ? 'tn-alert' : undefined}>
        {error ?? ''}
      </div>
      {error && !state ? (
        <div class="tn-actions">
          <button type="button" class="tn-button" onClick={() => void load()}>
            {t('popup.retry')}
          </button>
        </div>
      ) : null}
      {!state ? (
        !error ? (
          <p role="status" class="tn-hint">
            {t('popup.loading')}
          </p>
        ) : null
      ) : (
        <>
          <Issues issues={state.issues} />
          <Destinations state={state} send={api.send} onChanged={load} />
          <SettingsForm key={formKey} state={state} send={api.send} onSaved={reloadForm} />
          <Frameworks send={api.send} />
          <ImportExport send={api.send} download={api.download} onImported={reloadForm} />
        </>
      )}
    </main>
  );
}
