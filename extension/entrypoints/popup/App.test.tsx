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
import type { ItemView, PageToBackground, PopupState, SkillFrameworksView } from '../../platform/messages';
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
    frameworksStamp: 's1',
    allowCustomSkills: false,
    customSkillBaseIri: 'https://acme.example/skills',
    destinations: [
      {
        id: 'org',
        name: 'Acme LRS',
        origin: 'organisation',
        status: 'paused',
        pausedFor: 'credentials',
        lastError: 'HTTP 401',
        pending: 2,
      },
    ],
    ...overrides,
  };
}

const frameworksView = (stamp = 's1'): SkillFrameworksView => ({
  stamp,
  frameworks: [
    {
      id: 'esco-starter',
      name: 'ESCO starter skills',
      attribution: ESCO_ATTRIBUTION,
      skills: [{ id: 'http://data.europa.eu/esco/skill/neg', name: 'negotiate', altNames: ['negotiation'] }],
    },
  ],
});

type Call = { type: keyof PageToBackground; payload: unknown };

/**
 * A fake background: answers from a table, records every message (`skills/frameworks` apart, in
 * `frameworkCalls`: it comes once, alongside the first state).
 */
function fakeApi(state: PopupState, answers: Partial<Record<keyof PageToBackground, unknown>> = {}) {
  const calls: Call[] = [];
  const frameworkCalls: SkillFrameworksView[] = [];
  const send = ((type: keyof PageToBackground, payload: unknown) => {
    if (type === 'skills/frameworks') {
      const view = frameworksView(state.frameworksStamp);
      frameworkCalls.push(view);
      return Promise.resolve(view);
    }
    calls.push({ type, payload });
    if (type === 'popup/state') return Promise.resolve({ ...state }); // a fresh object, as from the background
    const answer = answers[type] ?? { ok: true };
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }) as SendToBackground;
  const api: PopupApi = { activeTabId: () => Promise.resolve(7), send };
  return { api, calls, frameworkCalls };
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

  it('shows a destination refusing statements with the LRS message, and the items refused, sent again one or all', async () => {
    const refusing = 'refusing statements: HTTP 400: rejected by proxy';
    const { api, calls } = fakeApi(
      popupState({
        destinations: [
          {
            id: 'org',
            name: 'Acme LRS',
            origin: 'organisation',
            status: 'paused',
            pausedFor: 'refusing',
            lastError: refusing,
            pending: 40,
          },
        ],
        refused: {
          count: 3,
          items: [
            { id: 'i1', title: 'Too big', destination: 'Acme LRS', message: 'HTTP 413: statement too large' },
            { id: 'i2', title: 'Odd one', destination: 'Acme LRS', message: 'HTTP 400: bad timestamp' },
          ],
        },
      }),
    );
    const root = await open(api);
    expect(text(get(root, '.tn-dest-status'))).toBe('paused: the LRS is refusing statements');
    expect(text(get(root, '.tn-dest-detail'))).toBe(refusing);
    expect(text(get(root, '.tn-dest'))).toContain('it resumes by itself when its configuration changes');

    expect(text(get(root, '#tn-refused-heading'))).toBe('Refused by the LRS (3)');
    expect(all(root, '.tn-refused li').map((li) => text(li.querySelector('p')))).toEqual([
      'Acme LRS: HTTP 413: statement too large',
      'Acme LRS: HTTP 400: bad timestamp',
    ]);
    click(get(root, 'button[aria-label="Send “Odd one” again"]'));
    await settle();
    expect(calls[1]).toEqual({ type: 'item/resend', payload: { id: 'i2' } });
    click(button(root, 'Send all 3 again'));
    await settle();
    expect(calls.filter((c) => c.type !== 'popup/state')).toEqual([
      { type: 'item/resend', payload: { id: 'i2' } },
      { type: 'refused/resend', payload: {} },
    ]);
  });

  it('fetches the skill frameworks once, and again only when the state says they changed', async () => {
    const state = popupState();
    const { api, calls, frameworkCalls } = fakeApi(state);
    const root = await open(api);
    expect(frameworkCalls.map((f) => f.stamp)).toEqual(['s1']);
    click(button(root, 'Send now')); // any action fetches the state again: same stamp, no new frameworks
    await settle();
    expect(calls.filter((c) => c.type === 'popup/state')).toHaveLength(2);
    expect(frameworkCalls).toHaveLength(1);

    state.frameworksStamp = 's2'; // a download arrived
    click(button(root, 'Send now'));
    await settle();
    expect(frameworkCalls.map((f) => f.stamp)).toEqual(['s1', 's2']);
    expect(all(root, 'button[aria-label="Add suggested skill negotiate"]')).toHaveLength(2);
  });

  it('says the record is being updated while the outbox is still opening, and nothing else', async () => {
    const message = 'Trailnote is updating the storage of your record for this version.';
    const opening = { ...popupState({ capturing: [], waiting: [], destinations: [] }), opening: message };
    const { api } = fakeApi(opening);
    const root = await open(api);
    expect(text(get(root, 'p[role="status"]'))).toBe(message);
    expect(root.querySelector('#tn-page-heading')).toBeNull();
    expect(text(root)).not.toContain('Loading');
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
    expect(calls.map((c) => c.type).sort()).toEqual(['popup/state', 'skills/frameworks']);
    expect(calls.find((c) => c.type === 'popup/state')).toEqual({
      type: 'popup/state',
      payload: { tabId: undefined },
    });
    expect(text(get(root, '[role="alert"]'))).toBe(
      'Trailnote’s background did not answer: Could not establish connection.',
    );
    expect(button(root, 'Try again')).toBeTruthy();
  });

  describe('extras', () => {
    it('pauses capture for an hour, until tomorrow or until resumed', async () => {
      const { api, calls } = fakeApi(popupState());
      const root = await open(api);
      const group = get(root, '.tn-pause');
      expect(group.getAttribute('role')).toBe('group');
      expect(all(group, 'button').map((b) => text(b))).toEqual([
        'For an hour',
        'Until tomorrow, 6 am',
        'Until I resume',
      ]);
      click(button(root, 'Until tomorrow, 6 am'));
      await settle();
      expect(calls.slice(1)).toEqual([
        { type: 'capture/pause', payload: { until: 'tomorrow' } },
        { type: 'popup/state', payload: { tabId: 7 } },
      ]);
    });

    it('says a pause until resumed, and resumes', async () => {
      const { api, calls } = fakeApi(
        popupState({ pausedUntil: 8_640_000_000_000_000, blockedReason: 'paused' }),
      );
      const root = await open(api);
      expect(text(get(root, '.tn-capture'))).toContain('Capture is paused until you resume it.');
      expect(root.querySelector('.tn-pause')).toBeNull();
      click(button(root, 'Resume capture'));
      await settle();
      expect(calls[1]).toEqual({ type: 'capture/resume', payload: {} });
    });

    it('captures this page as the kind chosen, and says why a page cannot be', async () => {
      const { api, calls } = fakeApi(popupState(), {
        'capture/page': { ok: false, reason: 'sensitive', error: 'Not captured: sensitive.' },
      });
      const root = await open(api);
      const form = get(root, '.tn-capture-page');
      const select = get<HTMLSelectElement>(form, 'select');
      expect(text(get(form, 'label'))).toBe('It is');
      select.value = 'podcast';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await settle(1);
      click(button(form, 'Capture'));
      await settle();
      expect(calls[1]).toEqual({ type: 'capture/page', payload: { tabId: 7, kind: 'podcast' } });
      expect(text(get(root, '[role="alert"]'))).toBe(
        'Not capturing this page: sign-in, mail and similar pages are never captured.',
      );
    });

    it('confirms a capture', async () => {
      const { api } = fakeApi(popupState(), { 'capture/page': { ok: true, id: 'x' } });
      const root = await open(api);
      click(button(root, 'Capture'));
      await settle();
      expect(text(get(root, '.tn-capture-page [role="status"]'))).toBe(
        'Captured. It is waiting with the others below.',
      );
    });

    it('offers no capture where there is no web page', async () => {
      const { api } = fakeApi(popupState({ blockedReason: 'not-http', capturing: [] }));
      const root = await open(api);
      expect(root.querySelector('.tn-capture-page')).toBeNull();
    });

    it('sends now and links to My learning and the settings', async () => {
      const { api, calls } = fakeApi(popupState());
      const root = await open(api);
      click(button(root, 'Send now'));
      await settle();
      expect(calls[1]).toEqual({ type: 'sync/now', payload: {} });
      expect(text(get(root, '#tn-dest-heading + ul + .tn-actions [role="status"]'))).toBe(
        'Sending done; each destination’s status is below.',
      );
      const links = all<HTMLAnchorElement>(root, 'nav a');
      expect(links.map((a) => [text(a), a.getAttribute('href')])).toEqual([
        ['My learning', '/dashboard.html'],
        ['Settings', '/options.html'],
      ]);
    });
  });
});
