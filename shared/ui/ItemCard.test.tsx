// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSkillIndex } from '../skills/search';
import { ItemCard, itemTiming, type ItemCardItem, type ItemCardProps } from './ItemCard';
import { all, button, click, focused, get, mount, press, settle, text, type, type Mounted } from './test-dom';

const NOW = Date.UTC(2025, 2, 3, 10, 0, 0);
const MIN = 60_000;
const index = createSkillIndex([
  { id: 'fw', name: 'Framework', skills: [{ id: 'https://skills.example/negotiate', name: 'negotiate' }] },
]);

function held(overrides: Partial<ItemCardItem> = {}): ItemCardItem {
  return {
    id: 'item-1',
    kind: 'article',
    title: 'How to negotiate a raise',
    url: 'https://blog.example/raise',
    state: 'held',
    holdUntil: NOW + 4 * MIN,
    skills: [],
    reflection: '',
    editable: true,
    ...overrides,
  };
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function setup(item: ItemCardItem, props: Partial<ItemCardProps> = {}) {
  const onSave = vi.fn(() => Promise.resolve(true));
  const onDiscard = vi.fn(() => Promise.resolve(true));
  const onApprove = vi.fn(() => Promise.resolve(true));
  mounted = mount(
    <ItemCard
      item={item}
      now={NOW}
      index={index}
      onSave={onSave}
      onDiscard={onDiscard}
      onApprove={onApprove}
      {...props}
    />,
  );
  return { root: mounted.container, onSave, onDiscard, onApprove };
}

describe('itemTiming', () => {
  it.each([
    [4 * MIN, 'sends in 4 min'],
    [3 * MIN + 10_000, 'sends in 4 min'],
    [1 * MIN, 'sends in 1 min'],
    [30_000, 'sends in less than a minute'],
    [65 * MIN, 'sends in 1 h 5 min'],
    [120 * MIN, 'sends in 2 h'],
    [0, 'sending soon'],
    [-5 * MIN, 'sending soon'],
  ])('holdUntil = now + %i ms reads "%s"', (left, expected) => {
    expect(itemTiming({ state: 'held', holdUntil: NOW + left }, NOW)).toBe(expected);
  });

  it('says an item in review waits for approval, and nothing for others', () => {
    expect(itemTiming({ state: 'review' }, NOW)).toBe('waiting for your approval');
    expect(itemTiming({ state: 'ready' }, NOW)).toBeUndefined();
  });
});

describe('ItemCard', () => {
  it('shows the title as a link, the kind and the time left before sending', () => {
    const { root } = setup(held());
    const heading = get(root, 'h3');
    expect(text(heading)).toBe('How to negotiate a raise');
    expect(get<HTMLAnchorElement>(heading, 'a').getAttribute('href')).toBe('https://blog.example/raise');
    expect(text(get(root, '.tn-card-meta'))).toBe('Article · sends in 4 min');
    expect(get(root, 'article').getAttribute('aria-labelledby')).toBe(heading.id);
  });

  it('updates the time left from the now prop', () => {
    const { root } = setup(held());
    mounted!.rerender(
      <ItemCard
        item={held()}
        now={NOW + 3 * MIN + 30_000}
        index={index}
        onSave={vi.fn()}
        onDiscard={vi.fn()}
        onApprove={vi.fn()}
      />,
    );
    expect(text(get(root, '.tn-card-timing'))).toBe('sends in less than a minute');
  });

  it('saves the skills and reflection the learner added', async () => {
    const { root, onSave } = setup(held(), {
      suggestions: [{ id: 'https://skills.example/negotiate', name: 'negotiate' }],
    });
    const save = button(root, 'Save');
    expect(save.getAttribute('aria-disabled')).toBe('true'); // nothing changed yet
    click(save);
    await settle();
    expect(onSave).not.toHaveBeenCalled();

    click(button(root, 'Add suggested skill negotiate'));
    type(get<HTMLTextAreaElement>(root, 'textarea'), 'Ask before the review.');
    expect(button(root, 'Save').getAttribute('aria-disabled')).toBe('false');
    click(button(root, 'Save'));
    await settle();
    expect(onSave).toHaveBeenCalledWith('item-1', {
      skills: [{ id: 'https://skills.example/negotiate', name: 'negotiate' }],
      reflection: 'Ask before the review.',
    });
    // The parent fetches the item again: it now carries what was saved, so the card is no longer dirty.
    mounted!.rerender(
      <ItemCard
        item={held({
          skills: [{ id: 'https://skills.example/negotiate', name: 'negotiate' }],
          reflection: 'Ask before the review.',
        })}
        now={NOW}
        index={index}
        onSave={onSave}
        onDiscard={vi.fn()}
        onApprove={vi.fn()}
      />,
    );
    expect(text(get(root, '.tn-actions [role="status"]'))).toBe('Saved');
    expect(button(root, 'Save').getAttribute('aria-disabled')).toBe('true');
  });

  it('asks before discarding, inline, and can be cancelled with Escape', async () => {
    const { root, onDiscard } = setup(held());
    click(button(root, 'Discard'));
    const confirm = get(root, '.tn-confirm');
    expect(confirm.getAttribute('role')).toBe('group');
    expect(text(confirm.querySelector('p'))).toBe('Discard “How to negotiate a raise”? It will not be sent.');
    expect(focused()).toBe(button(root, 'Keep it'));

    press(focused()!, 'Escape');
    expect(root.querySelector('.tn-confirm')).toBeNull();
    expect(focused()).toBe(button(root, 'Discard'));
    expect(onDiscard).not.toHaveBeenCalled();

    click(button(root, 'Discard'));
    click(button(root, 'Yes, discard'));
    await settle();
    expect(onDiscard).toHaveBeenCalledWith('item-1');
  });

  it('offers Approve instead of Save in review, saving the changes first', async () => {
    const calls: string[] = [];
    const onSave = vi.fn(() => {
      calls.push('save');
      return Promise.resolve(true);
    });
    const onApprove = vi.fn(() => {
      calls.push('approve');
      return Promise.resolve(true);
    });
    const { root } = setup(held({ state: 'review', holdUntil: undefined }), { onSave, onApprove });
    expect(text(get(root, '.tn-card-meta'))).toBe('Article · waiting for your approval');
    expect(all(root, 'button').map((b) => text(b))).not.toContain('Save');
    expect(text(button(root, 'Approve'))).toBe('Approve');

    type(get<HTMLTextAreaElement>(root, 'textarea'), 'Worth it.');
    click(button(root, 'Save and approve'));
    await settle();
    expect(calls).toEqual(['save', 'approve']);
    expect(onSave).toHaveBeenCalledWith('item-1', { skills: [], reflection: 'Worth it.' });
    expect(onApprove).toHaveBeenCalledWith('item-1');
  });

  it('does not approve when saving the changes failed', async () => {
    const onApprove = vi.fn(() => Promise.resolve(true));
    const { root } = setup(held({ state: 'review' }), {
      onSave: vi.fn(() => Promise.resolve(false)),
      onApprove,
    });
    type(get<HTMLTextAreaElement>(root, 'textarea'), 'Worth it.');
    click(button(root, 'Save and approve'));
    await settle();
    expect(onApprove).not.toHaveBeenCalled();
  });

  it('shows an item that can no longer change without the editors', () => {
    const { root } = setup(
      held({ editable: false, skills: [{ id: 'https://skills.example/negotiate', name: 'negotiate' }] }),
    );
    expect(root.querySelector('textarea')).toBeNull();
    expect(root.querySelector('[role="combobox"]')).toBeNull();
    expect(text(get(root, '.tn-card-skills'))).toBe('negotiate');
    expect(all(root, 'button').map((b) => text(b))).toEqual(['Discard']);
  });

  it('links only web addresses', () => {
    const { root } = setup(held({ url: 'javascript:alert(1)' }));
    expect(get(root, 'h3').querySelector('a')).toBeNull();
    expect(text(get(root, 'h3'))).toBe('How to negotiate a raise');
  });

  it('names an untitled item and shows the kind of unknown kinds as "Item"', () => {
    const { root } = setup(held({ title: '  ', kind: 'hologram', url: undefined }));
    expect(text(get(root, 'h3'))).toBe('Untitled');
    expect(text(get(root, '.tn-card-meta'))).toBe('Item · sends in 4 min');
  });
});
