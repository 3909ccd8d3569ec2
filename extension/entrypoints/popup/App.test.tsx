// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ESCO_ATTRIBUTION } from '../../../shared/skills/esco';
import {
  all,
  button,
  click,
  focused,
  get,
  mount,
  settle,
  text,
  type,
  type Mounted,
} from '../../../shared/ui/test-dom';
import type { ItemView, PageToBackground, PopupState } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { App, type PopupApi } from './App';

const NOW = Date.UTC(2025, 2, 3, 10, 0, 0);
const MIN = 60_000;

function item(overrides: Partial<ItemView>): ItemView {
  return {
    id: 'old',
    kind: 'article',
    title: 'How to negotiate a raise',
    state: 'held',
    holdUntil: NOW + 4 * MIN,
    createdAt: NOW - 10 * MIN,
    skills: [],
    reflection: '',
    editable: true,
    ...overrides,
  };
}

function popupState(overrides: Partial<PopupState> = {}): PopupState {
  return {
    capturing: [{ kind: 'article', title: 'Negotiation basics', seconds: 42, neededSeconds: 30 }],
    waiting: [
      item({ id: 'old' }),
      item({
        id: 'new',
        title: 'Negotiation for engineers',
        kind: 'video',
        createdAt: NOW - MIN,
        holdUntil: NOW + 9 * MIN,
      }),
    ],
    frameworks: [
      {
        id: 'esco-starter',
        name: 'ESCO starter skills',
        attribution: ESCO_ATTRIBUTION,
        skills: [
          { id: 'http://data.europa.eu/esco/skill/neg', name: 'negotiate', altNames: ['negotiation'] },
        ],
      },
    ],
    allowCustomSkills: false,
    customSkillBaseIri: 'https://acme.example/skills',
    destinations: [
      {
        id: 'org',
        name: 'Acme LRS',
        origin: 'organisation',
        status: 'paused',
        lastError: 'HTTP 401',
        pending: 2,
      },
    ],
    ...overrides,
  };
}

type Call = { type: keyof PageToBackground; payload: unknown };

/** A fake background: answers from a table, records every message. */
function fakeApi(state: PopupState, answers: Partial<Record<keyof PageToBackground, unknown>> = {}) {
  const calls: Call[] = [];
  const send = ((type: keyof PageToBackground, payload: unknown) => {
    calls.push({ type, payload });
    if (type === 'popup/state') return Promise.resolve(state);
    const answer = answers[type] ?? { ok: true };
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }) as SendToBackground;
  const api: PopupApi = { activeTabId: () => Promise.resolve(7), send };
  return { api, calls };
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(api: PopupApi) {
  mounted = mount(<App api={api} clock={() => NOW} refreshMs={0} />);
  await settle();
  return mounted.container;
}

describe('popup App', () => {
  it('asks the state of the active tab and shows its capture, items and destinations', async () => {
    const { api, calls } = fakeApi(popupState());
    const root = await open(api);
    expect(calls[0]).toEqual({ type: 'popup/state', payload: { tabId: 7 } });

    expect(text(get(root, '.tn-capture-item p'))).toBe('Reading · 0:42 of 0:30 needed');
    const bar = get(root, '[role="progressbar"]');
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
    expect(bar.getAttribute('aria-valuemax')).toBe('30');
    expect(bar.getAttribute('aria-valuetext')).toBe('0:42 of 0:30 needed');
    expect(bar.getAttribute('aria-label')).toBe('Reading: Negotiation basics');

    // Newest first, each with its time left and suggestions from its title.
    expect(all(root, '.tn-card-title').map((h) => text(h))).toEqual([
      'Negotiation for engineers',
      'How to negotiate a raise',
    ]);
    expect(all(root, '.tn-card-timing').map((s) => text(s))).toEqual(['sends in 9 min', 'sends in 4 min']);
    expect(all(root, 'button[aria-label="Add suggested skill negotiate"]')).toHaveLength(2);
    expect(text(root.querySelector('.tn-attribution'))).toBe(ESCO_ATTRIBUTION);

    expect(text(get(root, '.tn-dest-status'))).toBe('paused: the LRS refused the credentials');
  });

  it('says why nothing is captured', async () => {
    const { api } = fakeApi(popupState({ capturing: [], blockedReason: 'sensitive' }));
    const root = await open(api);
    expect(text(get(root, '.tn-capture'))).toBe(
      'Not capturing this page: sign-in, mail and similar pages are never captured.',
    );
  });

  it('saves an item with item/update and fetches the state again', async () => {
    const { api, calls } = fakeApi(popupState());
    const root = await open(api);
    const card = all(root, 'article')[1]!;
    click(button(card, 'Add suggested skill negotiate'));
    type(get<HTMLTextAreaElement>(card, 'textarea'), 'Anchor high.');
    click(button(card, 'Save'));
    await settle();
    expect(calls.slice(1)).toEqual([
      {
        type: 'item/update',
        payload: {
          id: 'old',
          skills: [{ id: 'http://data.europa.eu/esco/skill/neg', name: 'negotiate' }],
          reflection: 'Anchor high.',
        },
      },
      { type: 'popup/state', payload: { tabId: 7 } },
    ]);
  });

  it('discards after an inline confirmation and moves the focus to the list', async () => {
    const { api, calls } = fakeApi(popupState());
    const root = await open(api);
    const card = all(root, 'article')[0]!;
    click(button(card, 'Discard'));
    click(button(card, 'Yes, discard'));
    await settle();
    expect(calls.slice(1).map((c) => c.type)).toEqual(['item/discard', 'popup/state']);
    expect(calls[1]!.payload).toEqual({ id: 'new' });
    expect(focused()).toBe(get(root, '#tn-waiting-heading'));
  });

  it('approves an item in review', async () => {
    const { api, calls } = fakeApi(popupState({ waiting: [item({ id: 'r', state: 'review' })] }));
    const root = await open(api);
    click(button(root, 'Approve'));
    await settle();
    expect(calls.slice(1)).toEqual([
      { type: 'item/approve', payload: { id: 'r' } },
      { type: 'popup/state', payload: { tabId: 7 } },
    ]);
  });

  it('shows the error the background returns in an alert', async () => {
    const { api } = fakeApi(popupState(), {
      'item/discard': { ok: false, error: 'This item is no longer in the outbox.' },
    });
    const root = await open(api);
    const alert = get(root, '[role="alert"]');
    expect(text(alert)).toBe('');
    click(button(root, 'Discard'));
    click(button(root, 'Yes, discard'));
    await settle();
    expect(text(alert)).toBe('This item is no longer in the outbox.');
    click(button(root, 'Dismiss'));
    expect(text(alert)).toBe('');
  });

  it('reports a background that does not answer', async () => {
    const calls: Call[] = [];
    const api: PopupApi = {
      activeTabId: () => Promise.resolve(undefined),
      send: (type, payload) => {
        calls.push({ type, payload });
        return Promise.reject(new Error('Could not establish connection.'));
      },
    };
    const root = await open(api);
    expect(calls[0]).toEqual({ type: 'popup/state', payload: { tabId: undefined } });
    expect(text(get(root, '[role="alert"]'))).toBe(
      'Trailnote’s background did not answer: Could not establish connection.',
    );
    expect(button(root, 'Try again')).toBeTruthy();
  });
});
