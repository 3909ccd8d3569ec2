// Skill picker: an ARIA 1.2 combobox (list autocomplete, manual selection) over a SkillIndex, the chosen
// skills as removable chips, suggestions for the page, and an option to mint a custom skill when allowed.
// Everything arrives through props, so the popup and the desktop windows share it unchanged.

import type { JSX } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { mintCustomSkill } from '../skills/custom';
import type { SkillIndex } from '../skills/search';
import { MAX_SKILL_NAME_LENGTH, MAX_SKILLS } from '../learner/limits';
import type { SkillRef } from '../learner/payloads';
import { normalizeLabel } from '../skills/text';
import { frameworkAttributions, frameworkIdsOf } from './Attribution';
import { t } from './i18n';

/** A skill as items carry it (shared/learner/payloads.ts). */
export type { SkillRef };

export interface SkillPickerProps {
  /** The frameworks to search, indexed once by the caller (createSkillIndex). */
  index: SkillIndex;
  /** The chosen skills, in order. */
  value: readonly SkillRef[];
  onChange: (skills: SkillRef[]) => void;
  /** Skills suggested for the page (shown as one-click chips, minus those already chosen). */
  suggestions?: readonly SkillRef[];
  /** Offer "Add “…” as a new skill"; needs `customBaseIri`. */
  allowCustom?: boolean;
  /** Base IRI under which custom skills are minted (mintCustomSkill). */
  customBaseIri?: string;
  /**
   * Attribution text per framework id, shown under the picker while a label of that framework is visible.
   * Without it, every attribution of the index is shown whenever any framework label is.
   */
  attributions?: Readonly<Record<string, string>>;
  /** Visible label of the input. */
  label?: string;
  /** At most this many skills (the background refuses more than 20). */
  maxSkills?: number;
  /** At most this many options in the list. */
  maxResults?: number;
  disabled?: boolean;
}

interface Option {
  skill: SkillRef;
  /** Framework the skill comes from; undefined for a custom skill. */
  frameworkId?: string;
  /** The alternative label that matched, when it is not the skill's name. */
  altLabel?: string;
  custom: boolean;
}

export function SkillPicker(props: SkillPickerProps): JSX.Element {
  const {
    index,
    value,
    onChange,
    suggestions = [],
    allowCustom = false,
    customBaseIri = '',
    attributions,
    label = t('picker.label'),
    maxSkills = MAX_SKILLS,
    maxResults = 8,
    disabled = false,
  } = props;

  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listboxId = `${baseId}-listbox`;
  const chipsLabelId = `${baseId}-chips`;
  const suggestedLabelId = `${baseId}-suggested`;
  const attributionId = `${baseId}-attribution`;
  const optionId = (i: number) => `${baseId}-option-${i}`;

  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  /** After a chip is removed: the index of the chip whose remove button takes the focus (-1: the input). */
  const focusAfterRemove = useRef<number | undefined>(undefined);

  const chosenIds = useMemo(() => new Set(value.map((s) => s.id)), [value]);
  const full = value.length >= maxSkills;

  const frameworkOf = frameworkIdsOf(index);

  const options = useMemo((): Option[] => {
    const text = query.trim();
    if (text === '') return [];
    const found: Option[] = [];
    for (const match of index.search(text, maxResults + value.length)) {
      if (chosenIds.has(match.skill.id)) continue;
      found.push({
        skill: { id: match.skill.id, name: match.skill.name },
        frameworkId: match.framework.id,
        altLabel: match.matchedLabel !== match.skill.name ? match.matchedLabel : undefined,
        custom: false,
      });
      if (found.length === maxResults) break;
    }
    if (allowCustom && customBaseIri !== '' && text.length <= MAX_SKILL_NAME_LENGTH) {
      const custom = customOption(text, customBaseIri, index, value);
      if (custom) found.push(custom);
    }
    return found;
  }, [query, index, maxResults, value, chosenIds, allowCustom, customBaseIri]);

  const expanded = open && options.length > 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;
  const visibleSuggestions = suggestions.filter((s) => !chosenIds.has(s.id));

  // Attribution: for every framework whose labels are on screen (options, suggestions, chips).
  const shownAttributions = useMemo(() => {
    const frameworkIds = new Set<string>();
    const note = (id: string | undefined) => {
      if (id !== undefined) frameworkIds.add(id);
    };
    if (expanded) for (const o of options) note(o.frameworkId);
    for (const s of visibleSuggestions) note(frameworkOf.get(s.id));
    for (const s of value) note(frameworkOf.get(s.id));
    return frameworkAttributions(frameworkIds, index, attributions);
  }, [expanded, options, visibleSuggestions, value, frameworkOf, attributions, index]);

  useEffect(() => {
    const target = focusAfterRemove.current;
    if (target === undefined) return;
    focusAfterRemove.current = undefined;
    const buttons = chipsRef.current?.querySelectorAll<HTMLButtonElement>('button');
    const button = target >= 0 ? buttons?.[Math.min(target, buttons.length - 1)] : undefined;
    (button ?? inputRef.current)?.focus();
  }, [value]);

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function add(skill: SkillRef) {
    if (chosenIds.has(skill.id)) {
      setAnnouncement(t('picker.already', { name: skill.name }));
    } else if (full) {
      setAnnouncement(t('picker.full', { count: maxSkills }));
    } else {
      onChange([...value, { id: skill.id, name: skill.name }]);
      setAnnouncement(t('picker.added', { name: skill.name }));
    }
  }

  function choose(option: Option) {
    add(option.skill);
    setQuery('');
    close();
    inputRef.current?.focus();
  }

  function remove(i: number) {
    const skill = value[i];
    if (!skill) return;
    focusAfterRemove.current = value.length > 1 ? i : -1;
    onChange(value.filter((_, j) => j !== i));
    setAnnouncement(t('picker.removed', { name: skill.name }));
  }

  function onInput(event: JSX.TargetedEvent<HTMLInputElement>) {
    const text = event.currentTarget.value;
    setQuery(text);
    setOpen(text.trim() !== '');
    setActive(-1);
    setAnnouncement('');
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLInputElement>) {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!open) {
          setOpen(true);
          // Alt+ArrowDown opens the list without moving into it (APG combobox).
          setActive(event.altKey ? -1 : down ? 0 : count - 1);
          return;
        }
        if (event.altKey) return;
        setActive((current) => {
          if (current < 0) return down ? 0 : count - 1;
          return (current + (down ? 1 : -1) + count) % count;
        });
        return;
      }
      case 'Enter':
        if (expanded) event.preventDefault(); // never submits a surrounding form with the list open
        if (activeOption) choose(activeOption);
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          close();
        } else if (query !== '') {
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
        }
        return;
      case 'Tab':
        close();
        return;
      default:
        return;
    }
  }

  const status = announcement || (expanded ? t('picker.results', { count: options.length }) : '');
  const noMatch = open && query.trim() !== '' && options.length === 0;

  return (
    <div class="tn-picker">
      <label class="tn-label" for={inputId}>
        {label}
      </label>

      {value.length > 0 ? (
        <>
          <span id={chipsLabelId} class="tn-visually-hidden">
            {t('picker.chosen')}
          </span>
          <ul class="tn-chips" aria-labelledby={chipsLabelId} ref={chipsRef}>
            {value.map((skill, i) => (
              <li key={skill.id} class="tn-chip">
                <span class="tn-chip-text">{skill.name}</span>
                <button
                  type="button"
                  class="tn-chip-remove"
                  aria-label={t('picker.remove', { name: skill.name })}
                  title={t('picker.remove', { name: skill.name })}
                  disabled={disabled}
                  onClick={() => remove(i)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <div class="tn-combobox">
        <input
          ref={inputRef}
          id={inputId}
          class="tn-input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeOption ? optionId(active) : undefined}
          aria-describedby={shownAttributions.length > 0 ? attributionId : undefined}
          autocomplete="off"
          spellcheck={false}
          maxLength={MAX_SKILL_NAME_LENGTH}
          placeholder={t('picker.placeholder')}
          value={query}
          disabled={disabled}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <ul id={listboxId} role="listbox" aria-label={label} class="tn-listbox" hidden={!expanded}>
          {expanded
            ? options.map((option, i) => (
                <li
                  key={option.skill.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  class={`tn-option${i === active ? ' tn-option--active' : ''}${option.custom ? ' tn-option--custom' : ''}`}
                  // Keep the focus in the input: the option is chosen on click, not on focus.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => i !== active && setActive(i)}
                  onClick={() => choose(option)}
                >
                  {option.custom ? (
                    t('picker.addCustom', { text: option.skill.name })
                  ) : (
                    <>
                      <span class="tn-option-name">{option.skill.name}</span>
                      {option.altLabel ? <span class="tn-option-alt"> · {option.altLabel}</span> : null}
                    </>
                  )}
                </li>
              ))
            : null}
        </ul>
        {noMatch ? <p class="tn-hint">{t('picker.noMatch')}</p> : null}
        {full ? <p class="tn-hint">{t('picker.full', { count: maxSkills })}</p> : null}
      </div>

      {visibleSuggestions.length > 0 && !full ? (
        <div class="tn-suggested" role="group" aria-labelledby={suggestedLabelId}>
          <span id={suggestedLabelId} class="tn-hint">
            {t('picker.suggested')}
          </span>
          <ul class="tn-chips">
            {visibleSuggestions.map((skill) => (
              <li key={skill.id}>
                <button
                  type="button"
                  class="tn-chip tn-chip--suggested"
                  aria-label={t('picker.addSuggested', { name: skill.name })}
                  disabled={disabled}
                  onClick={() => add(skill)}
                >
                  <span aria-hidden="true">+ </span>
                  {skill.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {shownAttributions.length > 0 ? (
        <p id={attributionId} class="tn-attribution">
          {shownAttributions.join(' ')}
        </p>
      ) : null}

      <div class="tn-visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}

/** The "add as a new skill" option, unless the text already names a known or chosen skill or cannot be slugged. */
function customOption(
  text: string,
  baseIri: string,
  index: SkillIndex,
  chosen: readonly SkillRef[],
): Option | undefined {
  const normalized = normalizeLabel(text);
  const exact = index.search(text, 1)[0];
  if (exact && exact.matchedLabel && normalizeLabel(exact.matchedLabel) === normalized) return undefined;
  if (chosen.some((s) => normalizeLabel(s.name) === normalized)) return undefined;
  try {
    const skill = mintCustomSkill(text, baseIri);
    if (chosen.some((s) => s.id === skill.id)) return undefined;
    return { skill: { id: skill.id, name: skill.name }, custom: true };
  } catch {
    return undefined; // no letters or digits, or a base IRI the policy should not have allowed
  }
}
