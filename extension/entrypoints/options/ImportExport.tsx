// Settings export and import as a policy-shaped file (docs/policy.md: learners import the same shape). Export
// leaves every credential out; import is checked by the background with validatePolicy, listed, and only
// applied once the learner confirms.

import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../../../shared/ui/i18n';
import type { ImportResult } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { errorText } from './Destinations';

export interface ImportExportProps {
  send: SendToBackground;
  /** Saves a file the way the platform does (a download in the browser). */
  download: (filename: string, text: string) => void;
  onImported: () => Promise<void>;
}

const MAX_FILE_BYTES = 5_000_000;

export function ImportExport({ send, download, onImported }: ImportExportProps): JSX.Element {
  const [preview, setPreview] = useState<{ text: string; result: ImportResult } | undefined>(undefined);
  const [status, setStatus] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  async function exportSettings() {
    try {
      const { document } = await send('settings/export', {});
      download('trailnote-settings.json', `${JSON.stringify(document, null, 2)}\n`);
      setStatus(t('options.export.done'));
    } catch (err) {
      setStatus(t('error.unreachable', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  async function chooseFile(file: File | undefined) {
    setPreview(undefined);
    setStatus('');
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setStatus(t('options.import.tooBig'));
      return;
    }
    try {
      const text = await file.text();
      const result = await send('settings/import', { text, apply: false });
      setPreview({ text, result });
      if (result.keys.length === 0) setStatus(t('options.import.nothing'));
    } catch (err) {
      setStatus(t('error.unreachable', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  async function apply() {
    if (!preview) return;
    try {
      const confirmed = preview.result.destinations.map((d) => d.endpoint);
      const result = await send('settings/import', { text: preview.text, apply: true, confirmed });
      setPreview(undefined);
      if (fileInput.current) fileInput.current.value = '';
      setStatus(
        result.applied ? t('options.import.applied', { count: result.keys.length }) : errorText(result.error),
      );
      await onImported();
    } catch (err) {
      setStatus(t('error.unreachable', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  const result = preview?.result;
  return (
    <section class="tn-panel" aria-labelledby="tn-transfer-heading">
      <h2 id="tn-transfer-heading">{t('options.transfer')}</h2>
      <div class="tn-setting">
        <p id="tn-export-hint" class="tn-hint">
          {t('options.export.hint')}
        </p>
        <div class="tn-actions">
          <button
            type="button"
            class="tn-button"
            aria-describedby="tn-export-hint"
            onClick={() => void exportSettings()}
          >
            {t('options.export.button')}
          </button>
        </div>
      </div>
      <div class="tn-setting">
        <label class="tn-label" for="tn-import-file">
          {t('options.import.label')}
        </label>
        <input
          ref={fileInput}
          id="tn-import-file"
          class="tn-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="tn-import-hint"
          onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
        />
        <p id="tn-import-hint" class="tn-hint">
          {t('options.import.hint')}
        </p>
      </div>
      {result ? (
        <div class="tn-import-preview" role="group" aria-labelledby="tn-import-heading">
          <h3 id="tn-import-heading">{t('options.import.previewHeading')}</h3>
          {result.keys.length > 0 ? (
            <>
              <p>{t('options.import.valid', { count: result.keys.length })}</p>
              <ul class="tn-key-list">
                {result.keys.map((key) => (
                  <li key={key}>
                    <code>{key}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.destinations.length > 0 ? (
            <>
              <p>{t('options.import.destinations', { count: result.destinations.length })}</p>
              <ul class="tn-key-list">
                {result.destinations.map((d) => (
                  <li key={d.id}>
                    {d.name ?? d.id}: <code>{d.endpoint}</code> — {t(`options.import.secret.${d.secret}`)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.issues.length > 0 ? (
            <>
              <p>{t('options.import.invalid', { count: result.issues.length })}</p>
              <ul class="tn-issue-list">
                {result.issues.map((issue, i) => (
                  <li key={`${issue.path}-${i}`}>{issue.message}</li>
                ))}
              </ul>
            </>
          ) : null}
          {result.ignored.length > 0 ? (
            <p>{t('options.import.ignored', { keys: result.ignored.join(', ') })}</p>
          ) : null}
          <div class="tn-actions">
            {result.keys.length > 0 ? (
              <button type="button" class="tn-button tn-button--primary" onClick={() => void apply()}>
                {t('options.import.apply', { count: result.keys.length })}
              </button>
            ) : null}
            <button
              type="button"
              class="tn-button"
              onClick={() => {
                setPreview(undefined);
                if (fileInput.current) fileInput.current.value = '';
              }}
            >
              {t('options.import.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <p role="status" class="tn-status">
        {status}
      </p>
    </section>
  );
}
