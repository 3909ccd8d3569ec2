// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ESCO_ATTRIBUTION } from '../skills/esco';
import { createSkillIndex } from '../skills/search';
import type { SkillFramework } from '../skills/types';
import { SkillPicker, type SkillPickerProps, type SkillRef } from './SkillPicker';
import { all, button, click, focused, get, mount, press, text, type, type Mounted } from './test-dom';

const PM = { id: 'http://data.europa.eu/esco/skill/pm', name: 'project management' };
const PLAN = { id: 'http://data.europa.eu/esco/skill/plan', name: 'project planning' };
const NEG = { id: 'http://data.europa.eu/esco/skill/neg', name: 'negotiate' };
const WIDGETS = { id: 'https://acme.example/skills/widget-design', name: 'widget design' };

const ESCO: SkillFramework = {
  id: 'esco-test',
  name: 'ESCO (test)',
  attribution: ESCO_ATTRIBUTION,
  skills: [{ ...PM, altNames: ['manage projects'] }, PLAN, { ...NEG, altNames: ['negotiation'] }],
};
const ORG: SkillFramework = { id: 'acme', name: 'Acme skills', skills: [WIDGETS] };
const index = createSkillIndex([ORG, ESCO]);
const attributions = { 'esco-test': ESCO_ATTRIBUTION };

type HarnessProps = Omit<SkillPickerProps, 'value' | 'onChange' | 'index'> & {
  initial?: SkillRef[];
  onChange?: (skills: SkillRef[]) => void;
};

/** The picker is controlled: the harness keeps its value like a real parent would. */
function Harness({ initial = [], onChange, ...rest }: HarnessProps) {
  const [value, setValue] = useState<SkillRef[]>(initial);
  return (
    <SkillPicker
      index={index}
      attributions={attributions}
      {...rest}
      value={value}
      onChange={(next) => {
        onChange?.(next);
        setValue(next);
      }}
    />
  );
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function setup(props: HarnessProps = {}) {
  mounted = mount(<Harness {...props} />);
  const root = mounted.container;
  const input = get<HTMLInputElement>(root, 'input[role="combobox"]');
  const listbox = get(root, '[role="listbox"]');
  const options = () => all(root, '[role="option"]');
  const chips = () => all(root, '.tn-chip-text').map((c) => text(c));
  return { root, input, listbox, options, chips };
}

describe('SkillPicker combobox', () => {
  it('wires the combobox to its listbox and label', () => {
    const { root, input, listbox } = setup();
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(listbox.hidden).toBe(true);
    expect(text(get(root, `label[for="${input.id}"]`))).toBe('Skills');
  });

  it('types, moves with ArrowDown and adds the active option with Enter', () => {
    const onChange = vi.fn();
    const { input, listbox, options, chips } = setup({ onChange });

    type(input, 'proj');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(listbox.hidden).toBe(false);
    // In the index's order (the closer label first).
    expect(options().map((o) => text(o.querySelector('.tn-option-name')))).toEqual([
      'project planning',
      'project management',
    ]);
    // Manual selection: nothing is active until the learner moves into the list.
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);

    press(input, 'ArrowDown');
    const first = options()[0]!;
    expect(input.getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first.getAttribute('aria-selected')).toBe('true');

    press(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    press(input, 'ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);

    const notPrevented = press(input, 'Enter');
    expect(notPrevented).toBe(false);
    expect(onChange).toHaveBeenLastCalledWith([PLAN]);
    expect(chips()).toEqual(['project planning']);
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('wraps around the ends of the list', () => {
    const { input, options } = setup();
    type(input, 'proj');
    press(input, 'ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    press(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
  });

  it('leaves chosen skills out of the list and does nothing on Enter without an active option', () => {
    const onChange = vi.fn();
    const { input, options } = setup({ initial: [PM], onChange });
    type(input, 'proj');
    expect(options().map((o) => text(o.querySelector('.tn-option-name')))).toEqual(['project planning']);
    press(input, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows the alternative label that matched', () => {
    const { input, options } = setup();
    type(input, 'negotiation');
    expect(text(options()[0])).toBe('negotiate · negotiation');
  });

  it('closes with Escape, then clears the text with a second Escape', () => {
    const { input, listbox } = setup();
    type(input, 'proj');
    press(input, 'ArrowDown');
    expect(press(input, 'Escape')).toBe(false);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(listbox.hidden).toBe(true);
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(input.value).toBe('proj');

    press(input, 'ArrowDown'); // reopens
    expect(input.getAttribute('aria-expanded')).toBe('true');
    press(input, 'Escape');
    press(input, 'Escape');
    expect(input.value).toBe('');
  });

  it('adds an option on click', () => {
    const { input, options, chips } = setup();
    type(input, 'neg');
    click(options()[0]!);
    expect(chips()).toEqual(['negotiate']);
  });

  it('removes a chip with its labelled button and moves the focus on', () => {
    const onChange = vi.fn();
    const { root, input, chips } = setup({ initial: [PM, NEG], onChange });
    expect(chips()).toEqual(['project management', 'negotiate']);
    expect(get(root, 'ul.tn-chips').getAttribute('aria-labelledby')).toBeTruthy();

    click(button(root, 'Remove project management'));
    expect(onChange).toHaveBeenLastCalledWith([NEG]);
    expect(chips()).toEqual(['negotiate']);
    expect(focused()).toBe(button(root, 'Remove negotiate'));

    click(button(root, 'Remove negotiate'));
    expect(chips()).toEqual([]);
    expect(focused()).toBe(input);
  });

  it('announces results and additions in a polite status region', () => {
    const { root, input } = setup();
    const status = get(root, '[role="status"]');
    type(input, 'proj');
    expect(text(status)).toBe('2 skills found.');
    press(input, 'ArrowDown');
    press(input, 'Enter');
    expect(text(status)).toBe('project planning added.');
  });

  it('refuses more than maxSkills', () => {
    const onChange = vi.fn();
    const { root, input } = setup({ initial: [PM], maxSkills: 1, onChange });
    type(input, 'neg');
    press(input, 'ArrowDown');
    press(input, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
    expect(text(get(root, '[role="status"]'))).toBe('At most 1 skill.');
  });
});

describe('SkillPicker custom skills', () => {
  const customLabel = 'Add “Widgetry for beginners” as a new skill';

  it('offers no custom option when custom skills are not allowed', () => {
    const { input, options } = setup({ allowCustom: false, customBaseIri: 'https://acme.example/skills' });
    type(input, 'Widgetry for beginners');
    expect(options().map((o) => text(o))).not.toContain(customLabel);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('offers no custom option without a base IRI', () => {
    const { input, options } = setup({ allowCustom: true });
    type(input, 'Widgetry for beginners');
    expect(options()).toHaveLength(0);
  });

  it('mints a custom skill under the base IRI when allowed', () => {
    const onChange = vi.fn();
    const { input, options, chips } = setup({
      allowCustom: true,
      customBaseIri: 'https://acme.example/skills/',
      onChange,
    });
    type(input, 'Widgetry for beginners');
    expect(options().map((o) => text(o))).toEqual([customLabel]);
    press(input, 'ArrowDown');
    press(input, 'Enter');
    expect(onChange).toHaveBeenLastCalledWith([
      { id: 'https://acme.example/skills/widgetry-for-beginners', name: 'Widgetry for beginners' },
    ]);
    expect(chips()).toEqual(['Widgetry for beginners']);
  });

  it('lists the custom option after the matches, and not for a label the frameworks already have', () => {
    const { input, options } = setup({ allowCustom: true, customBaseIri: 'https://acme.example/skills' });
    type(input, 'project');
    expect(
      options()
        .map((o) => text(o))
        .at(-1),
    ).toBe('Add “project” as a new skill');
    type(input, 'Negotiate');
    expect(options().map((o) => text(o))).toEqual(['negotiate']);
  });
});

describe('SkillPicker suggestions and attribution', () => {
  it('shows suggestions for the page as buttons that add them, minus the chosen ones', () => {
    const { root, chips } = setup({ suggestions: [NEG, PLAN], initial: [PLAN] });
    const group = get(root, '.tn-suggested');
    expect(group.getAttribute('role')).toBe('group');
    expect(text(get(root, `[id="${group.getAttribute('aria-labelledby')}"]`))).toBe(
      'Suggested for this page',
    );
    expect(all(group, 'button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Add suggested skill negotiate',
    ]);
    click(button(root, 'Add suggested skill negotiate'));
    expect(chips()).toEqual(['project planning', 'negotiate']);
    expect(root.querySelector('.tn-suggested')).toBeNull();
  });

  it('shows the framework attribution only while its labels are on screen', () => {
    const { root, input } = setup();
    const attribution = () => root.querySelector('.tn-attribution');
    expect(attribution()).toBeNull();

    type(input, 'widget'); // only the organisation's own framework, which needs no attribution
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(attribution()).toBeNull();

    type(input, 'proj');
    expect(text(attribution())).toBe(ESCO_ATTRIBUTION);
    expect(input.getAttribute('aria-describedby')).toBe(attribution()!.id);

    press(input, 'Escape');
    expect(attribution()).toBeNull();
  });

  it('keeps the attribution while an ESCO skill is chosen or suggested', () => {
    const chosen = setup({ initial: [NEG] });
    expect(text(chosen.root.querySelector('.tn-attribution'))).toBe(ESCO_ATTRIBUTION);
    mounted?.unmount();
    const suggested = setup({ suggestions: [PM] });
    expect(text(suggested.root.querySelector('.tn-attribution'))).toBe(ESCO_ATTRIBUTION);
  });
});
