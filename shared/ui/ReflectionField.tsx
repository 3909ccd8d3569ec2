// A labelled textarea for the learner's reflection, with a character count. The count is read with the field
// (aria-describedby) rather than announced on every keystroke; reaching the limit is announced once.

import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { MAX_REFLECTION_LENGTH } from '../learner/limits';
import { t } from './i18n';

export interface ReflectionFieldProps {
  value: string;
  onInput: (value: string) => void;
  /** Characters allowed (UTF-16 code units, as the textarea's maxlength counts them). */
  maxLength?: number;
  label?: string;
  /** A line under the label saying what to write; `null` for none. */
  hint?: string | null;
  rows?: number;
  disabled?: boolean;
}

export function ReflectionField(props: ReflectionFieldProps): JSX.Element {
  const {
    value,
    onInput,
    maxLength = MAX_REFLECTION_LENGTH,
    label = t('reflection.label'),
    hint = t('reflection.hint'),
    rows = 3,
    disabled = false,
  } = props;
  const baseId = useId();
  const fieldId = `${baseId}-field`;
  const hintId = `${baseId}-hint`;
  const countId = `${baseId}-count`;
  const count = value.length;
  const over = count > maxLength;
  const atLimit = count >= maxLength;

  return (
    <div class="tn-field">
      <label class="tn-label" for={fieldId}>
        {label}
      </label>
      {hint !== null ? (
        <span id={hintId} class="tn-hint">
          {hint}
        </span>
      ) : null}
      <textarea
        id={fieldId}
        class="tn-textarea"
        rows={rows}
        maxLength={maxLength}
        value={value}
        disabled={disabled}
        aria-describedby={hint !== null ? `${hintId} ${countId}` : countId}
        aria-invalid={over ? true : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <span class={`tn-count${atLimit ? ' tn-count--limit' : ''}`}>
        <span aria-hidden="true">{t('reflection.count', { count, max: maxLength })}</span>
        <span id={countId} class="tn-visually-hidden">
          {t('reflection.countLong', { count, max: maxLength })}
        </span>
      </span>
      <span class="tn-visually-hidden" role="status" aria-live="polite">
        {atLimit ? t('reflection.full') : ''}
      </span>
    </div>
  );
}
