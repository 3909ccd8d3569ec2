// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CheckField, Field, TextField, type FieldProps } from './Field';
import { all, click, get, mount, text, type, type Mounted } from './test-dom';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function render(
  props: Omit<FieldProps, 'children' | 'id' | 'label'>,
  control: 'input' | 'checkbox' = 'input',
) {
  mounted = mount(
    <Field id="f-hold" label="Wait before sending (minutes)" {...props}>
      {(c) => (control === 'checkbox' ? <input {...c} type="checkbox" /> : <input {...c} class="tn-input" />)}
    </Field>,
  );
  const root = mounted.container;
  const input = get<HTMLInputElement>(root, 'input');
  const described = (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => text(get(root, `#${id}`)));
  return { root, input, described };
}

describe('Field', () => {
  it('labels its control and describes it with nothing when there is nothing to say', () => {
    const { root, input } = render({});
    expect(input.id).toBe('f-hold');
    expect(text(get(root, 'label[for="f-hold"]'))).toBe('Wait before sending (minutes)');
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.disabled).toBe(false);
  });

  it('links the hint, the note and the errors to the control, in that order, and marks it invalid', () => {
    const { root, input, described } = render({
      hint: 'Gives you time to review.',
      note: 'Default: 5',
      errors: ['Enter a whole number.', 'At most 10080.'],
    });
    expect(described).toEqual([
      'Gives you time to review.',
      'Default: 5',
      'Enter a whole number.At most 10080.',
    ]);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(all(root, '#f-hold-error li').map((li) => text(li))).toEqual([
      'Enter a whole number.',
      'At most 10080.',
    ]);
  });

  it('uses the error id it is given, and a single message as a string', () => {
    const { root, input } = render({ errors: 'Enter a whole number.', errorId: 'error-hold' });
    expect(input.getAttribute('aria-describedby')).toBe('error-hold');
    expect(text(get(root, '#error-hold'))).toBe('Enter a whole number.');
    expect(render({ errors: '' }).input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('disables a locked control and explains it with the enforced value, in place of the note', () => {
    const { root, input, described } = render({ locked: true, lockedValue: '15', note: 'Default: 5' });
    expect(input.disabled).toBe(true);
    expect(described).toEqual(['Set by your organisation: 15']);
    expect(text(get(root, 'label'))).toBe('Wait before sending (minutes)');
    expect(get(root, '.tn-field').classList.contains('tn-field--locked')).toBe(true);
  });

  it('can say it is locked after the label instead, for compact windows', () => {
    const { root, input } = render({ locked: true, lockedIn: 'label' });
    expect(input.disabled).toBe(true);
    expect(text(get(root, 'label'))).toBe('Wait before sending (minutes) (set by your organisation)');
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(all(root, '.tn-note')).toHaveLength(0);
  });

  it('puts a checkbox before its label, still labelled and described', () => {
    const { root, input, described } = render({ check: true, hint: 'Only on this computer.' }, 'checkbox');
    const wrapper = get(root, '.tn-field--check');
    expect(wrapper.firstElementChild).toBe(input);
    expect(get<HTMLLabelElement>(root, 'label').htmlFor).toBe(input.id);
    expect(described).toEqual(['Only on this computer.']);
  });

  it('TextField and CheckField report what the learner types and ticks', () => {
    const onValue = vi.fn();
    const onChecked = vi.fn();
    mounted = mount(
      <>
        <TextField id="f-mail" label="E-mail" type="email" dataField="email" value="" onValue={onValue} />
        <CheckField id="f-review" label="Review first" checked={false} onChecked={onChecked} />
      </>,
    );
    const root = mounted.container;
    const mail = get<HTMLInputElement>(root, '#f-mail');
    expect(mail.type).toBe('email');
    expect(mail.dataset.field).toBe('email');
    type(mail, 'ada@example.org');
    expect(onValue).toHaveBeenCalledWith('ada@example.org');
    click(get(root, '#f-review'));
    expect(onChecked).toHaveBeenCalledWith(true);
  });
});
