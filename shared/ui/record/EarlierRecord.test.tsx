// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { EarlierRecord, type EarlierRecordResult, type EarlierRecordView } from './EarlierRecord';
import { click, get, mount, settle, text, type Mounted } from '../test-dom';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function open(view: EarlierRecordView, result: EarlierRecordResult = { ok: true, queued: view.count }) {
  const sent: number[] = [];
  mounted = mount(
    <EarlierRecord
      name="Acme LRS"
      load={() => Promise.resolve(view)}
      send={() => {
        sent.push(1);
        return Promise.resolve(result);
      }}
    />,
  );
  return { root: mounted.container, sent };
}

describe('EarlierRecord', () => {
  it('offers the earlier record with its size, sends it only when pressed, then says so', async () => {
    const { root, sent } = open({ count: 1234 });
    await settle();
    const button = get(root, 'button');
    expect(text(button)).toBe('Send my earlier record to Acme LRS (1,234 items)');
    expect(sent).toEqual([]);
    click(button);
    await settle();
    expect(sent).toEqual([1]);
    expect(text(get(root, '[role="status"]'))).toBe('1,234 earlier items queued for Acme LRS.');
    expect(root.querySelector('button')).toBeNull();
  });

  it('shows nothing when there is nothing earlier, and asks to identify first where required', async () => {
    const none = open({ count: 0 });
    await settle();
    expect(none.root.textContent).toBe('');
    mounted?.unmount();
    const must = open({ count: 0, reason: 'identify-first' });
    await settle();
    expect(must.root.querySelector('button')).toBeNull();
    expect(must.root.textContent).toContain('requires you to identify yourself');
  });

  it('shows why sending failed', async () => {
    const { root } = open({ count: 2 }, { ok: false, error: 'This destination is no longer configured.' });
    await settle();
    click(get(root, 'button'));
    await settle();
    expect(text(get(root, '[role="status"]'))).toBe('This destination is no longer configured.');
  });
});
