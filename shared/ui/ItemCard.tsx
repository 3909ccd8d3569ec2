// One captured item waiting for the learner: what it is, when it will be sent, and the place to tag skills,
// write a reflection, save, approve (items in review) or discard it (confirmed inline, never by a dialog).

import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SkillIndex } from '../skills/search';
import { Attribution, attributionsFor } from './Attribution';
import { formatSendsIn } from './format';
import { t } from './i18n';
import { KindIcon, kindLabel } from './KindIcon';
import { MAX_REFLECTION_LENGTH } from '../learner/limits';
import { ReflectionField } from './ReflectionField';
import { SkillPicker, type SkillRef } from './SkillPicker';

/** What the card needs of an item (the extension's ItemView and the desktop's items both fit). */
export interface ItemCardItem {
  id: string;
  kind: string;
  title: string;
  url?: string;
  state: 'held' | 'review' | 'ready' | 'discarded';
  holdUntil?: number;
  skills: readonly SkillRef[];
  reflection: string;
  editable: boolean;
}

/** What the learner changed: the skills and reflection to save with the item. */
export interface ItemDraft {
  skills: SkillRef[];
  reflection: string;
}

export interface ItemCardProps {
  item: ItemCardItem;
  /** The current time (ms), for "sends in 4 min". */
  now: number;
  index: SkillIndex;
  /** Skills suggested for this item's page. */
  suggestions?: readonly SkillRef[];
  allowCustomSkills?: boolean;
  customSkillBaseIri?: string;
  /** Attribution text per framework id (see SkillPicker). */
  attributions?: Readonly<Record<string, string>>;
  /** Each action resolves to true when it worked; the caller reports failures. */
  onSave: (id: string, draft: ItemDraft) => Promise<boolean>;
  onDiscard: (id: string) => Promise<boolean>;
  onApprove: (id: string) => Promise<boolean>;
  /** Heading level of the item's title inside the page. */
  headingLevel?: 2 | 3 | 4;
}

/** "sends in 4 min" for held items, "waiting for your approval" in review. */
export function itemTiming(item: Pick<ItemCardItem, 'state' | 'holdUntil'>, now: number): string | undefined {
  if (item.state === 'review') return t('item.review');
  if (item.state === 'held' && item.holdUntil !== undefined) return formatSendsIn(item.holdUntil, now);
  return undefined;
}

function sameSkills(a: readonly SkillRef[], b: readonly SkillRef[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]?.id);
}

export function ItemCard(props: ItemCardProps): JSX.Element {
  const { item, now, index, headingLevel = 3 } = props;
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const confirmId = `${baseId}-confirm`;
  const [skills, setSkills] = useState<SkillRef[]>(() => [...item.skills]);
  const [reflection, setReflection] = useState(item.reflection);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Trimmed: the background stores the reflection trimmed, and a saved card should not look unsaved.
  const dirty = !sameSkills(skills, item.skills) || reflection.trim() !== item.reflection.trim();
  const tooLong = reflection.length > MAX_REFLECTION_LENGTH;
  const review = item.state === 'review';
  const timing = itemTiming(item, now);
  const title = item.title.trim() || t('item.untitled');
  // Only web addresses become links: a captured `javascript:` or `data:` URL must never be one click away.
  const href = item.url && /^https?:\/\//i.test(item.url) ? item.url : undefined;

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      discardRef.current?.focus();
    }
  }, [confirming]);

  // Buttons stay focusable while busy (aria-disabled), so the keyboard focus is never dropped on the page.
  async function run(action: () => Promise<boolean>): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    try {
      return await action();
    } finally {
      setBusy(false);
    }
  }

  const draft = (): ItemDraft => ({ skills, reflection });

  const save = async () => {
    if (!dirty || tooLong) return false;
    return run(async () => {
      const ok = await props.onSave(item.id, draft());
      setSaved(ok);
      return ok;
    });
  };

  const approve = async () => {
    if (tooLong) return false;
    return run(async () => {
      if (dirty && !(await props.onSave(item.id, draft()))) return false;
      return props.onApprove(item.id);
    });
  };

  const discard = () =>
    run(async () => {
      const ok = await props.onDiscard(item.id);
      if (!ok) {
        returnFocus.current = true;
        setConfirming(false);
      }
      return ok;
    });

  function cancelDiscard() {
    returnFocus.current = true;
    setConfirming(false);
  }

  const Heading = `h${headingLevel}` as 'h3';
  const saveBlocked = busy || !dirty || tooLong;

  return (
    <article class="tn-card" aria-labelledby={titleId} aria-busy={busy}>
      <Heading id={titleId} class="tn-card-title">
        {href ? (
          <a href={href} target="_blank" rel="noreferrer">
            {title}
          </a>
        ) : (
          title
        )}
      </Heading>
      <p class="tn-card-meta">
        <KindIcon kind={item.kind} />
        <span>{kindLabel(item.kind)}</span>
        {timing ? (
          <>
            <span aria-hidden="true"> · </span>
            <span class="tn-card-timing">{timing}</span>
          </>
        ) : null}
      </p>

      {item.editable ? (
        <>
          <SkillPicker
            index={index}
            value={skills}
            onChange={(next) => {
              setSkills(next);
              setSaved(false);
            }}
            suggestions={props.suggestions}
            allowCustom={props.allowCustomSkills}
            customBaseIri={props.customSkillBaseIri}
            attributions={props.attributions}
          />
          <ReflectionField
            value={reflection}
            onInput={(text) => {
              setReflection(text);
              setSaved(false);
            }}
          />
        </>
      ) : (
        <>
          {item.skills.length > 0 ? (
            <>
              <p class="tn-card-skills">{item.skills.map((s) => s.name).join(', ')}</p>
              <Attribution
                texts={attributionsFor(
                  item.skills.map((s) => s.id),
                  index,
                  props.attributions,
                )}
              />
            </>
          ) : null}
          {item.reflection ? <p class="tn-card-reflection">{item.reflection}</p> : null}
          <p class="tn-hint">{t('item.readOnly')}</p>
        </>
      )}

      {confirming ? (
        <div
          class="tn-confirm"
          role="group"
          aria-labelledby={confirmId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              cancelDiscard();
            }
          }}
        >
          <p id={confirmId}>{t('item.confirmDiscard', { title })}</p>
          <div class="tn-actions">
            <button
              type="button"
              class="tn-button tn-button--danger"
              aria-disabled={busy}
              onClick={() => void discard()}
            >
              {t('item.confirmYes')}
            </button>
            <button ref={keepRef} type="button" class="tn-button" onClick={cancelDiscard}>
              {t('item.confirmNo')}
            </button>
          </div>
        </div>
      ) : (
        <div class="tn-actions" role="group" aria-label={t('item.actions', { title })}>
          {review ? (
            <button
              type="button"
              class="tn-button tn-button--primary"
              aria-disabled={busy || tooLong}
              onClick={() => void approve()}
            >
              {dirty ? t('item.saveApprove') : t('item.approve')}
            </button>
          ) : item.editable ? (
            <button
              type="button"
              class="tn-button tn-button--primary"
              aria-disabled={saveBlocked}
              onClick={() => void save()}
            >
              {t('item.save')}
            </button>
          ) : null}
          <button
            ref={discardRef}
            type="button"
            class="tn-button tn-button--quiet"
            aria-disabled={busy}
            onClick={() => !busy && setConfirming(true)}
          >
            {t('item.discard')}
          </button>
          <span class="tn-hint" role="status">
            {saved && !dirty ? t('item.saved') : ''}
          </span>
        </div>
      )}
    </article>
  );
}
