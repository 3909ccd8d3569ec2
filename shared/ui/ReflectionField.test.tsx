// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReflectionField } from './ReflectionField';
import { get, mount, text, type, type Mounted } from './test-dom';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function Harness({
  initial = '',
  maxLength,
  onInput,
}: {
  initial?: string;
  maxLength?: number;
  onInput?: (v: string) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <ReflectionField
      value={value}
      maxLength={maxLength}
      onInput={(next) => {
        onInput?.(next);
        setValue(next);
      }}
    />
  );
}

describe('ReflectionField', () => {
  it('is a labelled textarea limited to 2,000 characters with a count', () => {
    mounted = mount(<Harness />);
    const root = mounted.container;
    const field = get<HTMLTextAreaElement>(root, 'textarea');
    expect(text(get(root, `label[for="${field.id}"]`))).toBe('Reflection');
    expect(field.maxLength).toBe(2000);
    expect(text(get(root, '.tn-count [aria-hidden="true"]'))).toBe('0 / 2,000');
    const described = field.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => text(get(root, `[id="${id}"]`)))).toEqual([
      'What will you do with what you learned?',
      '0 of 2,000 characters',
    ]);
  });

  it('counts as the learner types and reports the text', () => {
    const onInput = vi.fn();
    mounted = mount(<Harness onInput={onInput} />);
    const root = mounted.container;
    type(get<HTMLTextAreaElement>(root, 'textarea'), 'Learned a lot');
    expect(onInput).toHaveBeenLastCalledWith('Learned a lot');
    expect(text(get(root, '.tn-count [aria-hidden="true"]'))).toBe('13 / 2,000');
  });

  it('announces the limit once it is reached', () => {
    mounted = mount(<Harness maxLength={5} />);
    const root = mounted.container;
    const status = get(root, '[role="status"]');
    expect(text(status)).toBe('');
    type(get<HTMLTextAreaElement>(root, 'textarea'), 'abcde');
    expect(text(status)).toBe('Limit reached.');
    expect(get(root, '.tn-count').classList.contains('tn-count--limit')).toBe(true);
  });
});
