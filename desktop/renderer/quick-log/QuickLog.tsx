// The quick-log window (issue 5, part 2): what, title, link or ISBN, when, how long, mentor, skills and a
// reflection. Saving goes to main, which checks every field; the window closes as soon as the outbox holds the
// item, or shows each problem next to its field.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createSkillIndex } from '../../../shared/skills';
import { ReflectionField, SkillPicker, t, type SkillRef } from '../../../shared/ui';
import {
  QUICK_LOG_KINDS,
  type FieldErrors,
  type QuickLogField,
  type QuickLogKind,
  type QuickLogSetup,
  type UiApi,
  type UiMessage,
} from '../../core/contract';

const WITH_MENTOR: readonly QuickLogKind[] = ['course', 'workshop', 'conference', 'webinar', 'mentoring'];
const WITH_COMPLETION: readonly QuickLogKind[] = ['book', 'article', 'video', 'podcast', 'course'];
const FIELD_ORDER: readonly QuickLogField[] = [
  'kind',
  'title',
  'link',
  'when',
  'minutes',
  'mentor',
  'skills',
  'reflection',
];

const say = (message: UiMessage | undefined) => (message ? t(message.key, message.params) : '');

export function QuickLog({ api }: { api: UiApi }): JSX.Element {
  const [setup, setSetup] = useState<QuickLogSetup>();
  const [kind, setKind] = useState<QuickLogKind>('book');
  const [title, setTitle] = useState('');
  const [link, setLink] = useState('');
  const [when, setWhen] = useState('');
  const [minutes, setMinutes] = useState('');
  const [mentor, setMentor] = useState('');
  const [completed, setCompleted] = useState(true);
  const [skills, setSkills] = useState<SkillRef[]>([]);
  const [reflection, setReflection] = useState('');
  const [errors, setErrors] = useState<FieldErrors<QuickLogField>>({});
  const [failure, setFailure] = useState('');
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    api.quickLogSetup().then(setSetup, (error: unknown) => setFailure(String(error)));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void api.closeWindow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  const index = useMemo(() => createSkillIndex(setup?.frameworks ?? []), [setup]);
  const attributions = useMemo(
    () =>
      Object.fromEntries(
        (setup?.frameworks ?? []).filter((f) => f.attribution).map((f) => [f.id, f.attribution!]),
      ),
    [setup],
  );

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFailure('');
    try {
      const result = await api.saveQuickLog({
        kind,
        title,
        link,
        when,
        minutes,
        mentor: WITH_MENTOR.includes(kind) ? mentor : '',
        completed: WITH_COMPLETION.includes(kind) ? completed : false,
        skills,
        reflection,
      });
      if (result.ok) {
        await api.closeWindow();
        return;
      }
      if ('errors' in result) {
        setErrors(result.errors);
        const first = FIELD_ORDER.find((f) => result.errors[f]);
        if (first) form.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      } else setFailure(t('quicklog.error.saveFailed', { message: result.error }));
    } catch (error) {
      setFailure(
        t('quicklog.error.saveFailed', { message: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      setSaving(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  const field = (name: QuickLogField) => ({
    'data-field': name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `error-${name}` : undefined,
  });
  const errorOf = (name: QuickLogField) =>
    errors[name] ? (
      <span id={`error-${name}`} class="dt-error">
        {say(errors[name])}
      </span>
    ) : null;

  return (
    <main class="tn-root dt-page">
      <h1>{t('quicklog.title')}</h1>
      <form ref={form} class="dt-form" onSubmit={(e) => void save(e)} noValidate>
        {errorCount > 0 ? (
          <p class="dt-alert" role="alert">
            {t('quicklog.fix', { count: errorCount })}
          </p>
        ) : null}
        {failure ? (
          <p class="dt-alert" role="alert">
            {failure}
          </p>
        ) : null}
        <div class="tn-field">
          <label class="tn-label" for="ql-kind">
            {t('quicklog.kind')}
          </label>
          <select
            id="ql-kind"
            class="tn-select"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as QuickLogKind)}
            {...field('kind')}
          >
            {QUICK_LOG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`quicklog.kind.${k}`)}
              </option>
            ))}
          </select>
          {errorOf('kind')}
        </div>
        <div class="tn-field">
          <label class="tn-label" for="ql-title">
            {t('quicklog.field.title')}
          </label>
          <input
            id="ql-title"
            class="tn-input"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            {...field('title')}
          />
          {errorOf('title')}
        </div>
        <div class="tn-field">
          <label class="tn-label" for="ql-link">
            {t('quicklog.field.link')}
          </label>
          <span id="ql-link-hint" class="tn-hint">
            {t('quicklog.field.linkHint')}
          </span>
          <input
            id="ql-link"
            class="tn-input"
            value={link}
            onInput={(e) => setLink(e.currentTarget.value)}
            {...field('link')}
            aria-describedby={errors.link ? 'ql-link-hint error-link' : 'ql-link-hint'}
          />
          {errorOf('link')}
        </div>
        <div class="dt-row">
          <div class="tn-field">
            <label class="tn-label" for="ql-when">
              {t('quicklog.field.when')}
            </label>
            <input
              id="ql-when"
              type="datetime-local"
              class="tn-input"
              value={when}
              onInput={(e) => setWhen(e.currentTarget.value)}
              {...field('when')}
            />
            {errorOf('when')}
          </div>
          <div class="tn-field">
            <label class="tn-label" for="ql-minutes">
              {t('quicklog.field.minutes')}
            </label>
            <input
              id="ql-minutes"
              class="tn-input"
              inputMode="numeric"
              value={minutes}
              onInput={(e) => setMinutes(e.currentTarget.value)}
              {...field('minutes')}
            />
            {errorOf('minutes')}
          </div>
        </div>
        {WITH_MENTOR.includes(kind) ? (
          <div class="tn-field">
            <label class="tn-label" for="ql-mentor">
              {t('quicklog.field.mentor')}
            </label>
            <input
              id="ql-mentor"
              class="tn-input"
              value={mentor}
              onInput={(e) => setMentor(e.currentTarget.value)}
              {...field('mentor')}
            />
            {errorOf('mentor')}
          </div>
        ) : null}
        {WITH_COMPLETION.includes(kind) ? (
          <label class="dt-check">
            <input
              type="checkbox"
              checked={completed}
              onChange={(e) => setCompleted(e.currentTarget.checked)}
            />
            {t('quicklog.field.completed')}
          </label>
        ) : null}
        <div data-field="skills" tabIndex={-1}>
          <SkillPicker
            index={index}
            value={skills}
            onChange={setSkills}
            allowCustom={setup?.allowCustomSkills ?? false}
            customBaseIri={setup?.customSkillBaseIri ?? ''}
            attributions={attributions}
          />
          {errorOf('skills')}
        </div>
        <div data-field="reflection" tabIndex={-1}>
          <ReflectionField value={reflection} onInput={setReflection} />
          {errorOf('reflection')}
        </div>
        <div class="tn-actions">
          <button
            type="submit"
            class="tn-button tn-button--primary"
            aria-disabled={saving ? true : undefined}
          >
            {saving ? t('quicklog.saving') : t('quicklog.save')}
          </button>
          <button type="button" class="tn-button tn-button--quiet" onClick={() => void api.closeWindow()}>
            {t('quicklog.cancel')}
          </button>
        </div>
      </form>
    </main>
  );
}
