// One labelled setting: its control, whether the organisation enforces or recommends it, and the validation
// messages about it. Locked values are shown in a disabled control with the words "Set by your organisation".

import type { ComponentChildren, JSX } from 'preact';
import { t } from '../../../shared/ui/i18n';

export interface FieldNote {
  /** The organisation enforces this value (shown as `value`). */
  locked: boolean;
  /** The organisation recommends `base` (else `base` is the built-in default). */
  recommended: boolean;
  /** What applies without the learner's own value, as text ('' to say nothing). */
  base: string;
  /** The enforced value, as text. */
  value: string;
}

/** The ids a control points at with aria-describedby, and the note's paragraph. */
export function fieldIds(
  id: string,
  note: FieldNote,
  errors: readonly string[] | undefined,
  hint?: boolean,
): string | undefined {
  const noted = note.locked || note.base !== '';
  return (
    [hint ? `${id}-hint` : '', noted ? `${id}-note` : '', errors?.length ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined
  );
}

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

export function Note({ id, note }: { id: string; note: FieldNote }): JSX.Element | null {
  if (note.locked) {
    return (
      <p id={`${id}-note`} class="tn-note tn-note--locked">
        <LockIcon /> {note.value ? t('options.lockedValue', { value: note.value }) : t('options.locked')}
      </p>
    );
  }
  if (!note.base) return null;
  return (
    <p id={`${id}-note`} class="tn-note">
      {note.recommended
        ? t('options.recommendedValue', { value: note.base })
        : t('options.defaultValue', { value: note.base })}
    </p>
  );
}

export function Errors({ id, errors }: { id: string; errors: readonly string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <ul id={`${id}-error`} class="tn-field-error">
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  note: FieldNote;
  errors?: readonly string[];
  children: ComponentChildren;
}

/** Label above, control, then hint, note and errors (all linked to the control by the caller's ids). */
export function Field({ id, label, hint, note, errors, children }: FieldProps): JSX.Element {
  return (
    <div class={`tn-setting${note.locked ? ' tn-setting--locked' : ''}`}>
      <label class="tn-label" for={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} class="tn-hint">
          {hint}
        </p>
      ) : null}
      <Note id={id} note={note} />
      <Errors id={id} errors={errors} />
    </div>
  );
}
