// The settings window's form: who the learner is, the capture settings (enforced ones locked, "set by your
// organisation") and the learner's own LRS; main checks every field again and answers with a message per field.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { CheckField, FieldErrorList, t, TextField, type MessageKey } from '../../../shared/ui';
import type { FieldErrors, SettingsField, StatusView, UiApi, UiMessage } from '../../core/contract';

const say = (message: UiMessage | undefined) => (message ? t(message.key, message.params) : '');

/** What each section of the settings window is given: the window's API, the status it shows, and a reload. */
export interface SectionProps {
  api: UiApi;
  view: StatusView;
  reload: () => void;
}

export function SettingsForm({ api, view, reload }: SectionProps): JSX.Element {
  const [name, setName] = useState(view.learner.name.value);
  const [email, setEmail] = useState(view.learner.email.value);
  const [captureEnabled, setCaptureEnabled] = useState(view.capture.enabled.value);
  const [holdMinutes, setHoldMinutes] = useState(String(view.capture.holdMinutes.value));
  const [review, setReview] = useState(view.capture.reviewBeforeSync.value);
  const [endpoint, setEndpoint] = useState(view.learnerDestination.endpoint);
  const [username, setUsername] = useState(view.learnerDestination.username);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SettingsField>>({});
  const [saved, setSaved] = useState(false);
  const ownLrs = view.learnerDestination;

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const hold = Number(holdMinutes);
    if (!Number.isInteger(hold) || hold < 0 || hold > 10_080) {
      setErrors({ holdMinutes: { key: 'quicklog.error.minutes', params: { max: 10_080 } } });
      return;
    }
    const result = await api.saveSettings({
      name,
      email,
      captureEnabled,
      holdMinutes: hold,
      reviewBeforeSync: review,
      destination: ownLrs.allowed && endpoint.trim() !== '' ? { endpoint, username, password } : null,
    });
    if (result.ok) {
      setErrors({});
      setPassword('');
      setSaved(true);
      reload();
    } else if ('errors' in result) setErrors(result.errors);
    else setErrors({ form: { key: 'settings.invalid', params: { message: result.error } } });
  }

  // The lock follows the label in this compact window ("(set by your organisation)").
  const field = (id: string, label: MessageKey, locked = false, error?: SettingsField) => ({
    id,
    label: t(label),
    locked,
    lockedIn: 'label' as const,
    errors: error && say(errors[error]),
    errorId: error && `error-${error}`,
  });

  return (
    <form class="dt-form" onSubmit={(e) => void save(e)} noValidate>
      <h2>{t('settings.identity')}</h2>
      <p class="tn-hint">
        {view.learner.mustIdentify && !view.learner.identified
          ? t('settings.mustIdentify')
          : view.learner.identified
            ? ''
            : t('settings.pseudonym')}
      </p>
      <TextField
        {...field('st-name', 'settings.name', view.learner.name.locked, 'name')}
        value={name}
        onValue={setName}
      />
      <TextField
        {...field('st-email', 'settings.email', view.learner.email.locked, 'email')}
        type="email"
        value={email}
        onValue={setEmail}
      />
      <h2>{t('settings.capture')}</h2>
      <CheckField
        {...field('st-capture', 'settings.captureEnabled', view.capture.enabled.locked)}
        checked={captureEnabled}
        onChecked={setCaptureEnabled}
      />
      <TextField
        {...field('st-hold', 'settings.holdMinutes', view.capture.holdMinutes.locked, 'holdMinutes')}
        inputMode="numeric"
        value={holdMinutes}
        onValue={setHoldMinutes}
      />
      <CheckField
        {...field('st-review', 'settings.review', view.capture.reviewBeforeSync.locked)}
        checked={review}
        onChecked={setReview}
      />
      <CheckField
        {...field('st-login', 'settings.startAtLogin')}
        checked={view.startAtLogin}
        onChecked={(on) => void api.setStartAtLogin(on)}
      />
      <h2>{t('settings.yourLrs')}</h2>
      {!ownLrs.allowed ? (
        <p class="tn-hint">{t('settings.lrsNotAllowed')}</p>
      ) : (
        <>
          {!view.encryptionAvailable ? <p class="dt-alert">{t('settings.noEncryption')}</p> : null}
          <TextField
            {...field('st-endpoint', 'settings.endpoint', false, 'endpoint')}
            value={endpoint}
            onValue={setEndpoint}
          />
          <TextField
            {...field('st-username', 'settings.username', false, 'username')}
            value={username}
            onValue={setUsername}
          />
          <TextField
            {...field('st-password', 'settings.password', false, 'password')}
            hint={ownLrs.hasSecret ? t('settings.passwordKept') : undefined}
            type="password"
            autocomplete="off"
            value={password}
            onValue={setPassword}
          />
        </>
      )}
      <FieldErrorList id="error-form" errors={say(errors.form)} />
      <div class="tn-actions">
        <button type="submit" class="tn-button tn-button--primary">
          {t('settings.save')}
        </button>
        <span role="status">{saved ? t('settings.saved') : ''}</span>
      </div>
    </form>
  );
}
