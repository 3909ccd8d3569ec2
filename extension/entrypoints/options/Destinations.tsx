// Where statements go: the organisation's LRSs (read-only) and, when the organisation allows it, the learner's
// own. The form sends what is typed to the background, which tests or stores it; credentials never come back
// (a stored destination only says `hasSecret`), so editing shows empty secret fields that keep the stored
// values unless filled in. How each one is doing (paused ones with why and the LRS's message) is the popup's
// rows, shown above them.

import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { XAPI_VERSIONS } from '../../../shared/policy';
import { hasMessage, t } from '../../../shared/ui/i18n';
import type {
  ConnectionTest,
  DestinationDraft,
  DestinationSummary,
  OptionsState,
} from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { Field, FieldErrorList, LockIcon, TextField } from '../../../shared/ui/Field';
import { EarlierRecord } from '../../../shared/ui/record/EarlierRecord';
import { DestinationStatus, type DestinationStatusItem } from '../../../shared/ui/DestinationStatus';

/**
 * Each destination's delivery state, as the popup and My learning show it (shared/learner/destinations.ts): asked of
 * `destinations/status` (the rows alone) apart from the options' own state, and again whenever that state changes.
 */
function DeliveryStatus({
  send,
  state,
}: {
  send: SendToBackground;
  state: OptionsState;
}): JSX.Element | null {
  const [rows, setRows] = useState<DestinationStatusItem[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    send('destinations/status', {}).then(
      (s) => live && setRows(Array.isArray(s.destinations) ? s.destinations : undefined),
      () => live && setRows(undefined),
    );
    return () => {
      live = false;
    };
  }, [send, state]);
  if (!rows || rows.length === 0) return null;
  return (
    <>
      <h3 id="tn-dest-status-heading">{t('options.dest.status')}</h3>
      <DestinationStatus destinations={rows} now={Date.now()} labelledBy="tn-dest-status-heading" />
    </>
  );
}

export interface DestinationsProps {
  state: OptionsState;
  send: SendToBackground;
  onChanged: () => Promise<void>;
}

/** An error code from the background in words, or its own words when the table has none. */
export function errorText(error: string | undefined): string {
  if (!error) return t('error.failed');
  const key = `options.error.${error}`;
  return hasMessage(key) ? t(key) : error;
}

export function testResultText(result: ConnectionTest): string {
  const versions = result.versions?.join(', ') ?? '';
  if (result.ok)
    return t(result.writeOnly ? 'options.test.writeOnly' : 'options.test.ok', { versions: versions || '?' });
  const detail = result.detail ?? '';
  switch (result.problem) {
    case 'credentials':
      return t('options.test.credentials', { detail });
    case 'network':
      return t('options.test.network', { detail });
    case 'about':
      return t('options.test.about', { detail });
    case 'version':
      return t('options.test.version', { version: detail, versions: versions || '?' });
    case 'invalid':
      return t('options.test.invalid');
    default:
      return t('options.test.lrs', { detail });
  }
}

const emptyDraft = (): DestinationDraft => ({
  name: '',
  endpoint: '',
  auth: 'basic',
  username: '',
  password: '',
  token: '',
  xapiVersion: 'auto',
});

export function Destinations({ state, send, onChanged }: DestinationsProps): JSX.Element {
  const [editing, setEditing] = useState<DestinationSummary | 'new' | undefined>(undefined);
  const [confirmRemove, setConfirmRemove] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  // After a form closes or an LRS is removed, the focus goes to "Add" once it is rendered again.
  const [focusAdd, setFocusAdd] = useState(0);
  useEffect(() => {
    if (focusAdd > 0) addButton.current?.focus();
  }, [focusAdd]);
  const organisation = state.destinations.filter((d) => d.origin === 'organisation');
  const mine = state.destinations.filter((d) => d.origin === 'learner');

  async function remove(d: DestinationSummary) {
    const result = await send('destination/remove', { id: d.id });
    setConfirmRemove(undefined);
    setStatus(result.ok ? t('options.dest.removed', { name: d.name }) : errorText(result.error));
    await onChanged();
    setFocusAdd((n) => n + 1);
  }

  return (
    <section class="tn-panel" aria-labelledby="tn-destinations-heading">
      <h2 id="tn-destinations-heading">{t('dest.heading')}</h2>
      <p class="tn-hint">{t('options.dest.intro')}</p>
      <DeliveryStatus send={send} state={state} />

      <h3>{t('options.dest.organisation')}</h3>
      {organisation.length === 0 ? (
        <p class="tn-hint">{t('options.dest.noneOrganisation')}</p>
      ) : (
        <ul class="tn-dest-list" aria-label={t('options.dest.organisation')}>
          {organisation.map((d) => (
            <li key={d.id} class="tn-dest-row">
              <div>
                <strong>{d.name}</strong>
                <span class="tn-endpoint">{d.endpoint}</span>
                <EarlierFor destination={d} send={send} />
              </div>
              <span class="tn-badge">
                <LockIcon /> {t('options.locked')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('options.dest.yours')}</h3>
      {!state.allowLearnerDestinations ? (
        <p class="tn-hint">{t('options.dest.notAllowed')}</p>
      ) : (
        <>
          {mine.length === 0 ? (
            <p class="tn-hint">{t('options.dest.noneYours')}</p>
          ) : (
            <ul class="tn-dest-list" aria-label={t('options.dest.yours')}>
              {mine.map((d) => (
                <li key={d.id} class="tn-dest-row">
                  <div>
                    <strong>{d.name}</strong>
                    <span class="tn-endpoint">{d.endpoint}</span>
                    <span class="tn-hint">
                      {t(d.auth === 'token' ? 'options.dest.tokenStored' : 'options.dest.basicStored')}
                    </span>
                    <EarlierFor destination={d} send={send} />
                  </div>
                  {confirmRemove === d.id ? (
                    <div
                      class="tn-confirm"
                      role="group"
                      aria-label={t('options.dest.confirmRemove', { name: d.name })}
                    >
                      <p>{t('options.dest.confirmRemove', { name: d.name })}</p>
                      <div class="tn-actions">
                        <button
                          type="button"
                          class="tn-button tn-button--danger"
                          onClick={() => void remove(d)}
                        >
                          {t('options.dest.yesRemove')}
                        </button>
                        <button type="button" class="tn-button" onClick={() => setConfirmRemove(undefined)}>
                          {t('options.dest.keep')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <div class="tn-actions">
                      <button
                        type="button"
                        class="tn-button"
                        aria-label={t('options.dest.editNamed', { name: d.name })}
                        onClick={() => setEditing(d)}
                      >
                        {t('options.dest.edit')}
                      </button>
                      <button
                        type="button"
                        class="tn-button"
                        aria-label={t('options.dest.removeNamed', { name: d.name })}
                        onClick={() => setConfirmRemove(d.id)}
                      >
                        {t('options.dest.remove')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {editing ? (
            <DestinationForm
              key={editing === 'new' ? 'new' : editing.id}
              editing={editing === 'new' ? undefined : editing}
              send={send}
              onDone={async (saved) => {
                setEditing(undefined);
                if (saved) {
                  setStatus(t('options.dest.saved', { name: saved }));
                  await onChanged();
                }
                setFocusAdd((n) => n + 1);
              }}
            />
          ) : (
            <div class="tn-actions">
              <button
                ref={addButton}
                type="button"
                class="tn-button"
                onClick={() => {
                  setStatus('');
                  setEditing('new');
                }}
              >
                {t('options.dest.add')}
              </button>
            </div>
          )}
        </>
      )}
      <p role="status" class="tn-status">
        {status}
      </p>
    </section>
  );
}

/** The learner's choice to send a destination what was captured before it was set up (shared/ui/record). */
function EarlierFor({ destination, send }: { destination: DestinationSummary; send: SendToBackground }) {
  const { id } = destination;
  const load = useCallback(() => send('earlier/count', { id }), [send, id]);
  const choose = useCallback(() => send('earlier/send', { id }), [send, id]);
  return <EarlierRecord name={destination.name} load={load} send={choose} />;
}

interface DestinationFormProps {
  editing?: DestinationSummary;
  send: SendToBackground;
  /** The saved destination's name, or undefined when cancelled. */
  onDone: (saved?: string) => Promise<void>;
}

function DestinationForm({ editing, send, onDone }: DestinationFormProps): JSX.Element {
  const [draft, setDraft] = useState<DestinationDraft>(() =>
    editing
      ? {
          ...emptyDraft(),
          id: editing.id,
          name: editing.name,
          endpoint: editing.endpoint,
          auth: editing.auth,
          xapiVersion: editing.xapiVersion,
        }
      : emptyDraft(),
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ text: string; ok: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof DestinationDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const fieldErrors = (issues: ReadonlyArray<{ path: string; message: string }> | undefined) => {
    const byField: Record<string, string[]> = {};
    for (const issue of issues ?? []) (byField[issue.path] ??= []).push(issue.message);
    setErrors(byField);
  };

  async function run<R>(action: () => Promise<R>): Promise<R | undefined> {
    setBusy(true);
    setResult(undefined);
    try {
      return await action();
    } catch (err) {
      setResult({
        ok: false,
        text: t('error.unreachable', { message: err instanceof Error ? err.message : String(err) }),
      });
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    const outcome = await run(() => send('destination/test', { destination: draft }));
    if (!outcome) return;
    fieldErrors(outcome.issues);
    setResult({ ok: outcome.ok, text: testResultText(outcome) });
  }

  async function save(e: Event) {
    e.preventDefault();
    const outcome = await run(() => send('destination/save', { destination: draft }));
    if (!outcome) return;
    if (outcome.ok) {
      await onDone(draft.name.trim() || hostOf(draft.endpoint));
      return;
    }
    fieldErrors(outcome.issues);
    setResult({ ok: false, text: outcome.issues?.length ? t('options.fix') : errorText(outcome.error) });
  }

  const input = (
    key: 'name' | 'endpoint' | 'username' | 'password' | 'token',
    label: string,
    opts: { type?: 'url' | 'password'; hint?: string; required?: boolean } = {},
  ) => (
    <TextField
      id={`tn-dest-${key}`}
      class="tn-setting"
      label={label}
      hint={opts.hint}
      errors={errors[key]}
      type={opts.type ?? 'text'}
      autocomplete={opts.type === 'password' ? 'new-password' : 'off'}
      spellcheck={false}
      required={opts.required}
      value={draft[key]}
      onValue={(value) => set(key, value)}
    />
  );
  const keepHint = editing ? t('options.dest.keepSecret') : undefined;

  return (
    <form
      class="tn-dest-form"
      aria-labelledby="tn-dest-form-heading"
      onSubmit={(e) => void save(e)}
      noValidate
    >
      <h3 id="tn-dest-form-heading">
        {editing ? t('options.dest.editHeading', { name: editing.name }) : t('options.dest.addHeading')}
      </h3>
      {input('name', t('options.dest.name'), { hint: t('options.dest.nameHint') })}
      {input('endpoint', t('options.dest.endpoint'), {
        type: 'url',
        hint: t('options.dest.endpointHint'),
        required: true,
      })}
      <fieldset class="tn-setting">
        <legend class="tn-label">{t('options.dest.auth')}</legend>
        <label class="tn-inline-check">
          <input
            type="radio"
            name="tn-dest-auth"
            checked={draft.auth === 'basic'}
            onChange={() => set('auth', 'basic')}
          />
          {t('options.dest.basic')}
        </label>
        <label class="tn-inline-check">
          <input
            type="radio"
            name="tn-dest-auth"
            checked={draft.auth === 'token'}
            onChange={() => set('auth', 'token')}
          />
          {t('options.dest.token')}
        </label>
      </fieldset>
      {draft.auth === 'basic' ? (
        <>
          {input('username', t('options.dest.username'), { hint: keepHint })}
          {input('password', t('options.dest.password'), { type: 'password', hint: keepHint })}
        </>
      ) : (
        input('token', t('options.dest.tokenLabel'), { type: 'password', hint: keepHint })
      )}
      <Field id="tn-dest-version" class="tn-setting" label={t('options.dest.version')}>
        {(control) => (
          <select
            {...control}
            class="tn-input tn-select"
            value={draft.xapiVersion}
            onChange={(e) => set('xapiVersion', e.currentTarget.value)}
          >
            {XAPI_VERSIONS.map((v) => (
              <option key={v} value={v}>
                {v === 'auto' ? t('options.dest.versionAuto') : v}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FieldErrorList id="tn-dest-form-error" errors={errors['']} />
      <p role="status" class={`tn-status${result ? (result.ok ? ' tn-status--ok' : ' tn-status--bad') : ''}`}>
        {result?.text ?? ''}
      </p>
      <div class="tn-actions">
        <button type="button" class="tn-button" disabled={busy} onClick={() => void test()}>
          {t('options.dest.test')}
        </button>
        <button type="submit" class="tn-button tn-button--primary" disabled={busy}>
          {t('options.dest.save')}
        </button>
        <button type="button" class="tn-button tn-button--quiet" onClick={() => void onDone(undefined)}>
          {t('options.dest.cancel')}
        </button>
      </div>
      <p class="tn-hint">{t('options.dest.secretsStay')}</p>
    </form>
  );
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
