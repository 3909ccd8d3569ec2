// One item of the learner's record: what it was, when, how long, its skills and reflections, where it stands
// (waiting, in review, sent, failing, deleted), and what the learner can do with it: tag and reflect (unsent:
// the statement is rebuilt; sent: a comment is sent about it) and delete (confirmed inline).

import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SkillIndex } from '../../skills/search';
import { formatMinutes } from '../format';
import { t } from '../i18n';
import { KindIcon, kindLabel } from '../KindIcon';
import { MAX_REFLECTION_LENGTH } from '../../learner/limits';
import { ReflectionField } from '../ReflectionField';
import { SkillPicker, type SkillRef } from '../SkillPicker';
import type { RecordItemView } from '../../record';

export interface RecordEntryProps {
  item: RecordItemView;
  index: SkillIndex;
  allowCustomSkills?: boolean;
  customSkillBaseIri?: string;
  attributions?: Readonly<Record<string, string>>;
  /** Unsent: the full skills and reflection. */
  onUpdate: (id: string, skills: SkillRef[], reflection: string) => Promise<boolean>;
  /** Sent: what is added. */
  onComment: (id: string, reflection: string, addSkills: SkillRef[]) => Promise<boolean>;
  onDelete: (id: string, title: string) => Promise<boolean>;
  /** Refused by an LRS: send it again (absent: the app cannot). */
  onResend?: (id: string) => Promise<boolean>;
}

const clock = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
const shortDate = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

export function RecordEntry(props: RecordEntryProps): JSX.Element {
  const { item } = props;
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [skills, setSkills] = useState<SkillRef[]>([]);
  const [reflection, setReflection] = useState('');
  const keepRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLButtonElement | null>(null);
  const title = item.title.trim() || t('item.untitled');
  const href = item.url && /^https?:\/\//i.test(item.url) ? item.url : undefined;
  const sent = item.state === 'ready';
  const voided = item.status === 'voided';

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (!editing && !confirming && returnTo.current) {
      returnTo.current.focus();
      returnTo.current = null;
    }
  }, [editing, confirming]);

  function openEditor() {
    setSkills(item.commentable ? [] : [...item.skills]);
    setReflection(item.commentable ? '' : item.reflection);
    setEditing(true);
  }
  function close(to: HTMLButtonElement | null) {
    returnTo.current = to;
    setEditing(false);
    setConfirming(false);
  }

  async function run(action: () => Promise<boolean>) {
    if (busy) return;
    setBusy(true);
    try {
      if (await action()) close(editRef.current);
    } finally {
      setBusy(false);
    }
  }

  const nothingToSend = item.commentable && !reflection.trim() && skills.length === 0;
  const tooLong = reflection.length > MAX_REFLECTION_LENGTH;

  return (
    <article class={`tn-card tn-entry tn-entry--${item.status}`} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} class="tn-card-title">
        {href && !voided ? (
          <a href={href} target="_blank" rel="noreferrer">
            {title}
          </a>
        ) : (
          title
        )}
      </h4>
      <p class="tn-card-meta">
        <KindIcon kind={item.kind} />
        <span>{kindLabel(item.kind)}</span>
        <span aria-hidden="true"> · </span>
        <span>{t('record.at', { time: clock.format(item.at) })}</span>
        {item.seconds !== undefined && item.seconds > 0 ? (
          <>
            <span aria-hidden="true"> · </span>
            <span>
              {t('record.spent', { time: formatMinutes(Math.max(1, Math.round(item.seconds / 60))) })}
            </span>
          </>
        ) : null}
        <span aria-hidden="true"> · </span>
        <span class={`tn-status tn-status--${item.status}`}>
          {t('record.statusLabel', { status: t(`record.status.${item.status}`) })}
        </span>
      </p>
      {voided ? (
        <p class="tn-hint">{item.voidSent ? t('record.voidSent') : t('record.voidPending')}</p>
      ) : (
        <>
          {item.problem ? (
            <p class="tn-entry-problem">{t('record.problem', { message: item.problem })}</p>
          ) : null}
          {item.withheld?.length ? (
            <p class="tn-hint">{t('record.withheld', { names: item.withheld.join(', ') })}</p>
          ) : null}
          {item.refused && props.onResend ? (
            <button
              type="button"
              class="tn-button tn-button--quiet"
              onClick={() => void run(() => props.onResend!(item.id))}
            >
              {t('record.resend')}
            </button>
          ) : null}
          {item.skills.length > 0 ? (
            <ul class="tn-chips" aria-label={t('picker.chosen')}>
              {item.skills.map((s) => (
                <li key={s.id} class="tn-chip tn-chip--static">
                  {s.name}
                </li>
              ))}
            </ul>
          ) : null}
          {item.reflection ? <p class="tn-card-reflection">{item.reflection}</p> : null}
          {item.comments.length > 0 ? (
            <ul class="tn-comments">
              {item.comments.map((c) => (
                <li key={c.at} class="tn-comment">
                  <p class="tn-hint">
                    {t('record.added', { date: shortDate.format(c.at) })} ·{' '}
                    {c.sent ? t('record.followUpSent') : t('record.followUpPending')}
                  </p>
                  {c.reflection ? <p class="tn-card-reflection">{c.reflection}</p> : null}
                  {c.skills.length > 0 ? (
                    <p>{t('record.addedSkills', { skills: c.skills.map((s) => s.name).join(', ') })}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}

          {editing ? (
            <form
              class="tn-entry-editor"
              aria-labelledby={`${id}-edit`}
              onSubmit={(e) => {
                e.preventDefault();
                if (nothingToSend || tooLong) return;
                void run(() =>
                  item.commentable
                    ? props.onComment(item.id, reflection, skills)
                    : props.onUpdate(item.id, skills, reflection),
                );
              }}
            >
              <h5 id={`${id}-edit`} class="tn-subheading">
                {item.commentable ? t('record.addTitle') : t('record.edit')}
              </h5>
              {item.commentable ? <p class="tn-hint">{t('record.addHint')}</p> : null}
              <SkillPicker
                index={props.index}
                value={skills}
                onChange={setSkills}
                allowCustom={props.allowCustomSkills}
                customBaseIri={props.customSkillBaseIri}
                attributions={props.attributions}
                label={item.commentable ? t('record.addSkills') : undefined}
              />
              <ReflectionField value={reflection} onInput={setReflection} />
              <div class="tn-actions">
                <button
                  type="submit"
                  class="tn-button tn-button--primary"
                  aria-disabled={busy || nothingToSend || tooLong}
                >
                  {item.commentable ? t('record.send') : t('item.save')}
                </button>
                <button type="button" class="tn-button" onClick={() => close(editRef.current)}>
                  {t('record.cancel')}
                </button>
              </div>
            </form>
          ) : confirming ? (
            <div
              class="tn-confirm"
              role="group"
              aria-labelledby={`${id}-confirm`}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  close(deleteRef.current);
                }
              }}
            >
              <p id={`${id}-confirm`}>
                {t(sent ? 'record.confirmDeleteSent' : 'record.confirmDeleteUnsent', { title })}
              </p>
              <div class="tn-actions">
                <button
                  type="button"
                  class="tn-button tn-button--danger"
                  aria-disabled={busy}
                  onClick={() => void run(() => props.onDelete(item.id, title))}
                >
                  {t('record.confirmYes')}
                </button>
                <button
                  ref={keepRef}
                  type="button"
                  class="tn-button"
                  onClick={() => close(deleteRef.current)}
                >
                  {t('record.confirmNo')}
                </button>
              </div>
            </div>
          ) : (
            <div class="tn-actions" role="group" aria-label={t('item.actions', { title })}>
              {item.editable || item.commentable ? (
                <button ref={editRef} type="button" class="tn-button" onClick={openEditor}>
                  {item.commentable ? t('record.addTitle') : t('record.edit')}
                </button>
              ) : null}
              <button
                ref={deleteRef}
                type="button"
                class="tn-button tn-button--quiet"
                onClick={() => setConfirming(true)}
              >
                {t('record.delete')}
              </button>
            </div>
          )}
        </>
      )}
    </article>
  );
}
