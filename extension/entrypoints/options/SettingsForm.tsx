// Identity, privacy, thresholds, hold and review: one form, saved as the learner's own policy-shaped settings.
// The background validates with shared/policy validatePolicy; its messages are shown under their fields.

import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { CAPTURE_KINDS, type CaptureKind } from '../../../shared/policy';
import {
  CheckField,
  describedBy,
  Field,
  FieldErrorList,
  FieldNote,
  TextField,
  type TextFieldProps,
} from '../../../shared/ui/Field';
import { t, type MessageKey } from '../../../shared/ui/i18n';
import type { OptionsState } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import {
  formValues,
  issuesByField,
  settingsDocument,
  shownValue,
  valueOf,
  type FieldPath,
  type FormValues,
} from './form';

export interface SettingsFormProps {
  state: OptionsState;
  send: SendToBackground;
  /** After a successful save: the page fetches the state again. */
  onSaved: () => Promise<void>;
}

const idOf = (path: FieldPath) => `tn-${path.replace('.', '-')}`;

function shown(path: FieldPath, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('options.on') : t('options.off');
  if (path === 'capture.kinds' && Array.isArray(value)) {
    return value.length ? value.map((k) => t(`kind.${k as CaptureKind}`)).join(', ') : t('options.none');
  }
  if (Array.isArray(value) && value.length === 0) return t('options.none');
  return shownValue(value);
}

export function SettingsForm({ state, send, onSaved }: SettingsFormProps): JSX.Element {
  const [values, setValues] = useState<FormValues>(() => formValues(state.effective));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // Enforced keys are locked with their value; otherwise the note says what applies without the learner's own
  // value (docs/policy.md: recommended vs built-in default).
  const fieldState = (path: FieldPath) => {
    const base = shown(path, valueOf(state.base, path));
    const recommended = state.recommended.includes(path);
    return {
      id: idOf(path),
      class: 'tn-setting',
      errors: errors[path],
      locked: state.locked.includes(path),
      lockedValue: shown(path, valueOf(state.effective, path)),
      note: base
        ? t(recommended ? 'options.recommendedValue' : 'options.defaultValue', { value: base })
        : undefined,
    };
  };
  const set = <K extends FieldPath>(path: K, value: FormValues[K]) =>
    setValues((v) => ({ ...v, [path]: value }));

  const text = (
    path: FieldPath,
    label: MessageKey,
    opts: Pick<TextFieldProps, 'type' | 'autocomplete' | 'inputMode'> & { hint?: MessageKey } = {},
  ) => (
    <TextField
      {...fieldState(path)}
      label={t(label)}
      hint={opts.hint ? t(opts.hint) : undefined}
      type={opts.type}
      inputMode={opts.inputMode}
      autocomplete={opts.autocomplete ?? 'off'}
      value={values[path] as string}
      onValue={(value) => set(path, value)}
    />
  );

  const checkbox = (path: FieldPath, label: MessageKey, hint?: MessageKey) => (
    <CheckField
      {...fieldState(path)}
      label={t(label)}
      hint={hint ? t(hint) : undefined}
      checked={values[path] as boolean}
      onChecked={(on) => set(path, on)}
    />
  );

  const domains = (path: FieldPath, label: MessageKey, hint: MessageKey) => (
    <Field {...fieldState(path)} label={t(label)} hint={t(hint)}>
      {(control) => (
        <textarea
          {...control}
          class="tn-textarea"
          rows={3}
          spellcheck={false}
          value={values[path] as string}
          onInput={(e) => set(path, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  const kinds = fieldState('capture.kinds');
  const identity = state.effective.learner;

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setStatus('');
    try {
      const result = await send('options/save', { settings: settingsDocument(values, state) });
      if (result.ok) {
        setErrors({});
        setStatus(t('options.saved'));
        await onSaved();
        return;
      }
      const byField = issuesByField(result.issues ?? []);
      if (result.error) (byField[''] ??= []).push(result.error);
      setErrors(byField);
      setStatus(t('options.fix'));
      // The first field with a problem gets the focus, so its message is read out next.
      const first = Object.keys(byField).find(Boolean) as FieldPath | undefined;
      if (first) form.current?.querySelector<HTMLElement>(`#${idOf(first)}`)?.focus();
    } catch (err) {
      setStatus(t('error.unreachable', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} class="tn-settings" onSubmit={(e) => void save(e)} noValidate>
      <section class="tn-panel" aria-labelledby="tn-identity-heading">
        <h2 id="tn-identity-heading">{t('options.identity')}</h2>
        <p class="tn-hint">{t('options.identityHint')}</p>
        {identity.mustIdentify ? (
          <p class={`tn-notice${state.identified ? '' : ' tn-notice--warn'}`}>
            {t(state.identified ? 'options.mustIdentifyDone' : 'options.mustIdentify')}
          </p>
        ) : !state.identified ? (
          <p class="tn-notice">{t('options.pseudonymous')}</p>
        ) : null}
        {text('learner.name', 'options.name', { autocomplete: 'name' })}
        {text('learner.email', 'options.email', { type: 'email', autocomplete: 'email' })}
        {text('learner.accountHomePage', 'options.accountHomePage', {
          type: 'url',
          hint: 'options.accountHint',
        })}
        {text('learner.accountName', 'options.accountName', { autocomplete: 'username' })}
      </section>

      <section class="tn-panel" aria-labelledby="tn-privacy-heading">
        <h2 id="tn-privacy-heading">{t('options.privacy')}</h2>
        {checkbox('capture.enabled', 'options.enabled')}
        <fieldset
          class="tn-setting tn-kinds"
          aria-describedby={describedBy([
            (kinds.locked || kinds.note) && `${kinds.id}-note`,
            Boolean(kinds.errors?.length) && `${kinds.id}-error`,
          ])}
        >
          <legend class="tn-label">{t('options.kinds')}</legend>
          {CAPTURE_KINDS.map((kind) => (
            <label key={kind} class="tn-inline-check">
              <input
                type="checkbox"
                checked={values['capture.kinds'].includes(kind)}
                disabled={kinds.locked}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  set(
                    'capture.kinds',
                    CAPTURE_KINDS.filter((k) => (k === kind ? on : values['capture.kinds'].includes(k))),
                  );
                }}
              />
              {t(`kind.${kind}`)}
            </label>
          ))}
          <FieldNote id={kinds.id} text={kinds.note} locked={kinds.locked} lockedValue={kinds.lockedValue} />
          <FieldErrorList id={`${kinds.id}-error`} errors={kinds.errors} />
        </fieldset>
        {domains('capture.blockedDomains', 'options.blockedDomains', 'options.blockedHint')}
        {domains('capture.allowedDomains', 'options.allowedDomains', 'options.allowedHint')}
        {domains('capture.allowedPrivateHosts', 'options.allowedPrivateHosts', 'options.allowedPrivateHint')}
        {checkbox('capture.keepQueryStrings', 'options.keepQueryStrings', 'options.keepQueryHint')}
      </section>

      <section class="tn-panel" aria-labelledby="tn-thresholds-heading">
        <h2 id="tn-thresholds-heading">{t('options.thresholds')}</h2>
        {text('capture.articleMinSeconds', 'options.articleMinSeconds', { inputMode: 'numeric' })}
        {text('capture.mediaMinSeconds', 'options.mediaMinSeconds', { inputMode: 'numeric' })}
        {text('capture.mediaMinPercent', 'options.mediaMinPercent', { inputMode: 'numeric' })}
      </section>

      <section class="tn-panel" aria-labelledby="tn-sending-heading">
        <h2 id="tn-sending-heading">{t('options.sending')}</h2>
        {text('capture.holdMinutes', 'options.holdMinutes', {
          inputMode: 'numeric',
          hint: 'options.holdHint',
        })}
        {checkbox('capture.reviewBeforeSync', 'options.reviewBeforeSync', 'options.reviewHint')}
      </section>

      <FieldErrorList id="tn-settings-error" errors={errors['']} />
      <div class="tn-actions tn-save-bar">
        <button type="submit" class="tn-button tn-button--primary" disabled={busy}>
          {t('options.save')}
        </button>
        <p role="status" class="tn-status">
          {status}
        </p>
      </div>
    </form>
  );
}
