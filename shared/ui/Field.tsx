// One labelled form field for the extension's options page and the desktop windows: the label, the control
// (drawn by the caller with the props this component hands it, so inputs, selects, textareas and checkboxes
// are all wired the same way), an optional hint, a note, the organisation's lock (docs/policy.md: enforced keys are
// shown, disabled, never hidden) and the validation messages. Hint, note and errors are linked to the control
// with aria-describedby; errors also set aria-invalid. Styles: theme.css (.tn-field*).

import type { ComponentChildren, JSX } from 'preact';
import { t } from './i18n';

/** What the field hands its control: spread it onto the <input>/<select>/<textarea>. */
export interface FieldControlProps {
  id: string;
  disabled?: boolean;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

export interface FieldProps {
  id: string;
  label: string;
  /** Help text, read after the label. */
  hint?: string;
  /** A line about where the value comes from (e.g. "Default: 50"); replaced by the lock note when locked. */
  note?: string;
  /** Validation messages; none or empty means valid. */
  errors?: string | readonly string[];
  /** The error list's id (default `<id>-error`). */
  errorId?: string;
  /** The organisation enforces this value: the control is disabled and the field says why. */
  locked?: boolean;
  /** The enforced value as text, named in the lock note. */
  lockedValue?: string;
  /**
   * Where the lock is explained: a note under the control (read as its description, with the value), or a
   * short "(set by your organisation)" after the label for compact windows.
   */
  lockedIn?: 'note' | 'label';
  /** A checkbox: the control comes first, the label beside it. */
  check?: boolean;
  /** Extra classes on the wrapper (page layouts). */
  class?: string;
  children: (control: FieldControlProps) => ComponentChildren;
}

const errorList = (errors: FieldProps['errors']): readonly string[] =>
  (typeof errors === 'string' ? [errors] : (errors ?? [])).filter(Boolean);

/** A padlock drawn with the text colour: decoration, the words beside it say the same. */
export function LockIcon(): JSX.Element {
  return (
    <svg
      class="tn-lock-icon"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linejoin="round"
    >
      <path d="M3.5 7.5h9v6.5h-9zM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5" />
    </svg>
  );
}

/** The note under a control (`<id>-note`): the organisation's lock with its value, else `text`. */
export function FieldNote({
  id,
  text,
  locked,
  lockedValue,
}: {
  id: string;
  text?: string;
  locked?: boolean;
  lockedValue?: string;
}): JSX.Element | null {
  if (locked) {
    return (
      <p id={`${id}-note`} class="tn-note tn-note--locked">
        <LockIcon /> {lockedValue ? t('options.lockedValue', { value: lockedValue }) : t('options.locked')}
      </p>
    );
  }
  return text ? (
    <p id={`${id}-note`} class="tn-note">
      {text}
    </p>
  ) : null;
}

/** Validation messages as a list (`id`), or nothing when there are none. */
export function FieldErrorList({
  id,
  errors,
}: {
  id: string;
  errors: FieldProps['errors'];
}): JSX.Element | null {
  const list = errorList(errors);
  if (list.length === 0) return null;
  return (
    <ul id={id} class="tn-field-error">
      {list.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** The ids of the hint, note and errors that exist, for aria-describedby. */
export function describedBy(ids: ReadonlyArray<string | false | undefined>): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

export function Field(props: FieldProps): JSX.Element {
  const { id, label, hint, note, errors, locked = false, lockedIn = 'note', check = false } = props;
  const errorId = props.errorId ?? `${id}-error`;
  const invalid = errorList(errors).length > 0;
  const noteShown = lockedIn === 'note' ? locked || Boolean(note) : Boolean(note);
  const control = props.children({
    id,
    disabled: locked || undefined,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': describedBy([hint && `${id}-hint`, noteShown && `${id}-note`, invalid && errorId]),
  });
  const labelEl = (
    <label class={check ? undefined : 'tn-label'} for={id}>
      {label}
      {locked && lockedIn === 'label' ? (
        <>
          {' '}
          <span class="tn-locked-mark">({t('settings.locked')})</span>
        </>
      ) : null}
    </label>
  );
  const details = (
    <>
      {hint ? (
        <p id={`${id}-hint`} class="tn-hint">
          {hint}
        </p>
      ) : null}
      <FieldNote id={id} text={note} locked={locked && lockedIn === 'note'} lockedValue={props.lockedValue} />
      <FieldErrorList id={errorId} errors={errors} />
    </>
  );
  const classes = ['tn-field', check && 'tn-field--check', locked && 'tn-field--locked', props.class];
  return (
    <div class={classes.filter(Boolean).join(' ')}>
      {check ? (
        <>
          {control}
          <div>
            {labelEl}
            {details}
          </div>
        </>
      ) : (
        <>
          {labelEl}
          {control}
          {details}
        </>
      )}
    </div>
  );
}

export interface TextFieldProps extends Omit<FieldProps, 'children' | 'check'> {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'url' | 'password' | 'number' | 'datetime-local';
  inputMode?: 'numeric';
  autocomplete?: string;
  spellcheck?: boolean;
  required?: boolean;
  /** Names the control for focus-on-error lookups (`[data-field=…]`). */
  dataField?: string;
}

/** A Field with a one-line text input (.tn-input). */
export function TextField(props: TextFieldProps): JSX.Element {
  const { value, onValue, type, inputMode, autocomplete, spellcheck, required, dataField, ...field } = props;
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          class="tn-input"
          type={type}
          inputMode={inputMode}
          autocomplete={autocomplete}
          spellcheck={spellcheck}
          required={required}
          data-field={dataField}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export interface CheckFieldProps extends Omit<FieldProps, 'children' | 'check'> {
  checked: boolean;
  onChecked: (checked: boolean) => void;
}

/** A Field with a checkbox before its label. */
export function CheckField({ checked, onChecked, ...field }: CheckFieldProps): JSX.Element {
  return (
    <Field {...field} check>
      {(control) => (
        <input
          {...control}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChecked(e.currentTarget.checked)}
        />
      )}
    </Field>
  );
}
