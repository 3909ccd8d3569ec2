// The quick-log window (issue 5, part 2): what, title, link or ISBN, when, how long, mentor, skills and a
// reflection. Saving goes to main, which checks every field; the window closes as soon as the outbox holds the
// item, or shows each problem next to its field.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createSkillIndex } from '../../../shared/skills';
import {
  CheckField,
  Field,
  FieldErrorList,
  ReflectionField,
  SkillPicker,
  t,
  TextField,
  type MessageKey,
  type SkillRef,
} from '../../../shared/ui';
import { QUICK_LOG_KINDS } from '../../../shared/learner/quick-log';
import type {
  FieldErrors,
  QuickLogField,
  QuickLogKind,
  QuickLogSetup,
  UiApi,
  UiMessage,
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
  const errorOf = (name: QuickLogField) => <FieldErrorList id={`error-${name}`} errors={say(errors[name])} />;
  // Each control carries data-field: focus goes there when main rejects the value.
  const field = (name: QuickLogField, label: MessageKey) => ({
    id: `ql-${name}`,
    label: t(label),
    errors: say(errors[name]),
    errorId: `error-${name}`,
    dataField: name,
  });

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
        <Field id="ql-kind" label={t('quicklog.kind')} errors={say(errors.kind)} errorId="error-kind">
          {(control) => (
            <select
              {...control}
              data-field="kind"
              class="tn-select"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as QuickLogKind)}
            >
              {QUICK_LOG_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`quicklog.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField {...field('title', 'quicklog.field.title')} value={title} onValue={setTitle} />
        <TextField
          {...field('link', 'quicklog.field.link')}
          hint={t('quicklog.field.linkHint')}
          value={link}
          onValue={setLink}
        />
        <div class="dt-row">
          <TextField
            {...field('when', 'quicklog.field.when')}
            type="datetime-local"
            value={when}
            onValue={setWhen}
          />
          <TextField
            {...field('minutes', 'quicklog.field.minutes')}
            inputMode="numeric"
            value={minutes}
            onValue={setMinutes}
          />
        </div>
        {WITH_MENTOR.includes(kind) ? (
          <TextField {...field('mentor', 'quicklog.field.mentor')} value={mentor} onValue={setMentor} />
        ) : null}
        {WITH_COMPLETION.includes(kind) ? (
          <CheckField
            id="ql-completed"
            label={t('quicklog.field.completed')}
            checked={completed}
            onChecked={setCompleted}
          />
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
