// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { builtInDefaults } from '../../../shared/policy';
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
import type { OptionsState, PageToBackground } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { App, type OptionsApi } from './App';
import { testResultText } from './Destinations';

function optionsState(overrides: Partial<OptionsState> = {}): OptionsState {
  const defaults = builtInDefaults();
  const base = { learner: defaults.learner, capture: { ...defaults.capture, articleMinSeconds: 45 } };
  return {
    destinations: [
      {
        id: 'acme',
        name: 'Acme LRS',
        endpoint: 'https://lrs.acme.example/xapi/',
        xapiVersion: 'auto',
        auth: 'basic',
        origin: 'organisation',
        hasSecret: true,
      },
      {
        id: 'mine-1',
        name: 'My LRS',
        endpoint: 'https://lrs.mine.example/xapi/',
        xapiVersion: 'auto',
        auth: 'basic',
        origin: 'learner',
        hasSecret: true,
      },
    ],
    allowLearnerDestinations: true,
    effective: {
      learner: { ...defaults.learner, email: 'ada@acme.example' },
      capture: { ...base.capture, holdMinutes: 15 },
    },
    base,
    own: {},
    locked: ['learner.email', 'capture.holdMinutes'],
    recommended: ['capture.articleMinSeconds'],
    identified: true,
    issues: [
      {
        path: 'capture.mediaMinPercent',
        message: 'capture.mediaMinPercent: expected a whole number from 0 to 100, got 150',
        from: 'organisation',
      },
      { path: 'captur', message: 'captur: unknown key, ignored (did you mean "capture"?)', from: 'learner' },
    ],
    ...overrides,
  };
}

type Call = { type: keyof PageToBackground; payload: unknown };

/** A fake background: answers from a table (a function gets the payload), records every message. */
function fakeApi(state: OptionsState, answers: Partial<Record<keyof PageToBackground, unknown>> = {}) {
  const calls: Call[] = [];
  const downloads: Array<{ filename: string; text: string }> = [];
  const send = ((type: keyof PageToBackground, payload: unknown) => {
    calls.push({ type, payload });
    if (type === 'options/state') return Promise.resolve(state);
    const answer = answers[type] ?? { ok: true };
    return Promise.resolve(
      typeof answer === 'function' ? (answer as (p: unknown) => unknown)(payload) : answer,
    );
  }) as SendToBackground;
  const api: OptionsApi = { send, download: (filename, text) => downloads.push({ filename, text }) };
  return { api, calls, downloads };
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(api: OptionsApi) {
  mounted = mount(<App api={api} />);
  await settle();
  return mounted.container;
}

const field = <E extends HTMLElement = HTMLInputElement>(root: HTMLElement, label: string): E => {
  const l = all<HTMLLabelElement>(root, 'label').find((x) => text(x) === label);
  if (!l) throw new Error(`No label "${label}"`);
  return get<E>(root, `#${l.htmlFor}`);
};
const describedBy = (root: HTMLElement, el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => {
      // The accessible description leaves out what is aria-hidden (the lock sign).
      const copy = get(root, `#${id}`).cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
      return text(copy);
    });

describe('options App', () => {
  it('shows enforced values locked, recommended ones as defaults, and the ignored keys by layer', async () => {
    const { api } = fakeApi(optionsState());
    const root = await open(api);

    const email = field(root, 'E-mail address');
    expect(email.disabled).toBe(true);
    expect(email.value).toBe('ada@acme.example');
    expect(describedBy(root, email)).toEqual(['Set by your organisation: ada@acme.example']);

    const hold = field(root, 'Wait before sending (minutes)');
    expect(hold.disabled).toBe(true);
    expect(describedBy(root, hold)).toContain('Set by your organisation: 15');

    const reading = field(root, 'Reading time before an article counts (seconds)');
    expect(reading.disabled).toBe(false);
    expect(reading.value).toBe('45');
    expect(describedBy(root, reading)).toEqual(['Recommended by your organisation: 45']);
    expect(describedBy(root, field(root, 'Share of a video or audio that must be played (%)'))).toEqual([
      'Default: 50',
    ]);

    const issues = get(root, '.tn-issues');
    expect(text(get(issues, 'h2'))).toBe('2 settings were ignored');
    expect(all(issues, 'h3').map((h) => text(h))).toEqual([
      'In your organisation’s policy',
      'In your own settings',
    ]);
    expect(all(issues, 'li').map((li) => text(li))).toEqual([
      'capture.mediaMinPercent expected a whole number from 0 to 100, got 150',
      'captur unknown key, ignored (did you mean "capture"?)',
    ]);

    // The organisation's LRS is read-only; the learner's own can be edited or removed.
    const lists = all(root, '.tn-dest-list');
    expect(text(lists[0])).toContain('Set by your organisation');
    expect(all(lists[0]!, 'button')).toHaveLength(0);
    expect(button(root, 'Edit My LRS')).toBeTruthy();
  });

  it('shows how sending is going: a destination refusing statements with the LRS message, what it keeps', async () => {
    const refusing = 'refusing statements: HTTP 400: rejected by proxy';
    const { api, calls } = fakeApi(optionsState(), {
      'destinations/status': {
        destinations: [
          {
            id: 'org',
            name: 'Acme LRS',
            origin: 'organisation',
            status: 'paused',
            pausedFor: 'refusing',
            lastError: refusing,
            pending: 7,
            withheld: 2,
          },
        ],
      },
    });
    const root = await open(api);
    expect(calls.find((c) => c.type === 'destinations/status')?.payload).toEqual({});
    expect(calls.map((c) => c.type)).not.toContain('popup/state'); // not the popup's whole state
    expect(text(get(root, '#tn-dest-status-heading'))).toBe('How sending is going');
    expect(all(get(root, 'ul[aria-labelledby="tn-dest-status-heading"]'), 'p').map((p) => text(p))).toEqual([
      'Acme LRS (organisation)',
      'paused: the LRS is refusing statements',
      refusing,
      'Nothing is lost: it resumes by itself when its configuration changes, and tries again now and then.',
      '7 waiting',
      '2 items kept here: captured before you were identified',
    ]);
  });

  it('saves only what the learner set, and shows the validation messages under their fields', async () => {
    const { api, calls } = fakeApi(optionsState(), {
      'options/save': {
        ok: false,
        issues: [
          {
            path: 'capture.blockedDomains[1]',
            message: 'capture.blockedDomains[1]: expected a domain name, got "https://x"',
          },
        ],
      },
    });
    const root = await open(api);
    type(field(root, 'Name'), ' Ada ');
    type(field<HTMLTextAreaElement>(root, 'Sites never captured'), 'news.example\nhttps://x');
    click(get(root, 'button[type="submit"]'));
    await settle();
    expect(calls.find((c) => c.type === 'options/save')?.payload).toEqual({
      settings: {
        learner: { name: 'Ada' },
        capture: { blockedDomains: ['news.example', 'https://x'] },
      },
    });
    const domains = field<HTMLTextAreaElement>(root, 'Sites never captured');
    expect(domains.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(root, domains)).toContain(
      'capture.blockedDomains[1]: expected a domain name, got "https://x"',
    );
    expect(focused()).toBe(domains);
    expect(text(get(root, '.tn-save-bar [role="status"]'))).toBe(
      'Nothing was saved: please correct the values marked below.',
    );
  });

  it('adds an LRS: tests what was typed, reports rejection, then saves', async () => {
    let attempt = 0;
    const { api, calls } = fakeApi(optionsState(), {
      'destination/test': () =>
        ++attempt === 1
          ? { ok: false, problem: 'credentials', detail: 'HTTP 401: Unauthorised', versions: ['1.0.3'] }
          : { ok: true, versions: ['1.0.3', '2.0.0'] },
      'destination/save': { ok: true, id: 'mine-2' },
    });
    const root = await open(api);
    click(button(root, 'Add your own LRS'));
    type(field(root, 'Name'), 'Personal');
    type(field(root, 'xAPI endpoint'), 'https://lrs.example/xapi/');
    type(field(root, 'Key (user name)'), 'me');
    const password = field(root, 'Secret (password)');
    expect(password.type).toBe('password');
    type(password, 'wrong');
    click(button(root, 'Test connection'));
    await settle();
    const status = get(root, '.tn-dest-form [role="status"]');
    expect(text(status)).toBe('The LRS rejected these credentials (HTTP 401: Unauthorised).');
    type(password, 'right');
    click(button(root, 'Test connection'));
    await settle();
    expect(text(status)).toBe('Connected: the LRS accepted the credentials. It speaks xAPI 1.0.3, 2.0.0.');
    click(button(root, 'Save LRS'));
    await settle();
    expect(calls.filter((c) => c.type.startsWith('destination/')).map((c) => c.payload)).toEqual([
      ...[1, 2].map((n) => ({
        destination: {
          name: 'Personal',
          endpoint: 'https://lrs.example/xapi/',
          auth: 'basic',
          username: 'me',
          password: n === 1 ? 'wrong' : 'right',
          token: '',
          xapiVersion: 'auto',
        },
      })),
      {
        destination: {
          name: 'Personal',
          endpoint: 'https://lrs.example/xapi/',
          auth: 'basic',
          username: 'me',
          password: 'right',
          token: '',
          xapiVersion: 'auto',
        },
      },
    ]);
    expect(text(all(root, '[role="status"]').find((s) => text(s).includes('saved')))).toBe('Personal saved.');
    expect(focused()).toBe(button(root, 'Add your own LRS'));
  });

  it('edits an LRS with empty secret fields that keep the stored ones', async () => {
    const { api, calls } = fakeApi(optionsState());
    const root = await open(api);
    click(button(root, 'Edit My LRS'));
    const password = field(root, 'Secret (password)');
    expect(password.value).toBe('');
    expect(describedBy(root, password)).toEqual(['Leave empty to keep the one stored.']);
    click(button(root, 'Save LRS'));
    await settle();
    expect(calls.find((c) => c.type === 'destination/save')?.payload).toEqual({
      destination: {
        id: 'mine-1',
        name: 'My LRS',
        endpoint: 'https://lrs.mine.example/xapi/',
        auth: 'basic',
        username: '',
        password: '',
        token: '',
        xapiVersion: 'auto',
      },
    });
  });

  it('explains that nothing is sent until the learner identifies, when the organisation requires it', async () => {
    const state = optionsState({ locked: [], identified: false });
    state.effective = { ...state.effective, learner: { mustIdentify: true } };
    const { api } = fakeApi(state);
    const root = await open(api);
    expect(text(get(root, '.tn-notice'))).toBe(
      'Your organisation requires you to identify yourself: nothing is sent until you give an e-mail address or an account. Captured items wait safely until then.',
    );
    expect(field(root, 'E-mail address').disabled).toBe(false);
  });

  it('says when the organisation allows no LRS of the learner’s own', async () => {
    const { api } = fakeApi(optionsState({ allowLearnerDestinations: false, issues: [] }));
    const root = await open(api);
    expect(root.querySelector('.tn-issues')).toBeNull();
    expect(text(root)).toContain('Your organisation does not allow adding your own LRS.');
    expect(all(root, 'button').map((b) => text(b))).not.toContain('Add your own LRS');
  });

  it('exports without secrets and imports after confirmation', async () => {
    const { api, calls, downloads } = fakeApi(optionsState(), {
      'settings/export': { document: { capture: { holdMinutes: 3 } } },
      'settings/import': (p: unknown) =>
        (p as { apply: boolean }).apply
          ? {
              ok: true,
              issues: [],
              keys: ['capture.holdMinutes'],
              ignored: [],
              destinations: [],
              applied: true,
            }
          : {
              ok: true,
              issues: [{ path: 'captur', message: 'captur: unknown key, ignored' }],
              keys: ['capture.holdMinutes'],
              ignored: ['allowLearnerDestinations'],
              destinations: [
                { id: 'mine', name: 'Mine', endpoint: 'https://lrs.example/xapi/', secret: 'not-reused' },
              ],
              applied: false,
            },
    });
    const root = await open(api);
    expect(text(root)).toContain('Passwords and tokens are not included.');
    click(button(root, 'Export my settings'));
    await settle();
    expect(downloads).toEqual([
      { filename: 'trailnote-settings.json', text: '{\n  "capture": {\n    "holdMinutes": 3\n  }\n}\n' },
    ]);

    const input = field(root, 'Import settings from a file');
    const file = new File(['{"capture":{"holdMinutes":3},"captur":{}}'], 'settings.json', {
      type: 'application/json',
    });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    const preview = get(root, '.tn-import-preview');
    expect(all(preview, 'p, li').map((e) => text(e))).toEqual([
      '1 setting can be applied:',
      'capture.holdMinutes',
      'Statements will be sent to this address once you apply:',
      'Mine: https://lrs.example/xapi/ — its address changed, so your saved key is not used: enter one in Destinations',
      '1 key is invalid and will be ignored:',
      'captur: unknown key, ignored',
      'Only your organisation sets these, so they will not be applied: allowLearnerDestinations.',
    ]);
    expect(calls.filter((c) => c.type === 'settings/import').map((c) => c.payload)).toEqual([
      { text: '{"capture":{"holdMinutes":3},"captur":{}}', apply: false },
    ]);
    click(button(root, 'Apply 1 setting'));
    await settle();
    expect(calls.filter((c) => c.type === 'settings/import').map((c) => c.payload)).toEqual([
      { text: '{"capture":{"holdMinutes":3},"captur":{}}', apply: false },
      {
        text: '{"capture":{"holdMinutes":3},"captur":{}}',
        apply: true,
        confirmed: ['https://lrs.example/xapi/'],
      },
    ]);
    expect(root.querySelector('.tn-import-preview')).toBeNull();
    expect(text(root)).toContain('1 setting imported.');
  });

  it('lists the skill frameworks with their source and status from codes, and refreshes them', async () => {
    const copyAt = Date.UTC(2026, 10, 29, 8, 0);
    const esco = {
      id: 'esco',
      name: 'ESCO digital',
      url: 'https://skills.example/esco.csv',
      format: 'esco-csv' as const,
      problems: [],
    };
    const { api, calls } = fakeApi(optionsState(), {
      'frameworks/status': {
        statuses: [
          { id: 'acme', name: 'Acme skills', state: 'inline', skillCount: 3, problems: [] },
          { ...esco, state: 'stale', skillCount: 120, reason: 'HTTP 503', fetchedAt: copyAt },
          {
            id: 'case',
            name: 'Collaboration',
            url: 'https://skills.example/case.json',
            format: 'case-json',
            state: 'failed',
            skillCount: 0,
            reason: 'fetch failed (ECONNREFUSED)',
            problems: [],
          },
        ],
      },
      'frameworks/refresh': {
        statuses: [
          {
            ...esco,
            state: 'downloaded',
            skillCount: 121,
            fetchedAt: copyAt,
            problems: ['line 7: no label'],
          },
        ],
      },
    });
    const root = await open(api);
    const section = get(root, 'section[aria-labelledby="tn-frameworks-heading"]');
    const rows = () =>
      all(section, '.tn-framework').map((li) => [
        text(get(li, 'h3')),
        ...all(li, 'dd').map((dd) => text(dd)),
      ]);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(copyAt);
    expect(rows()).toEqual([
      ['Acme skills', 'Given in the settings', '3 skills.'],
      [
        'ESCO digital',
        'https://skills.example/esco.csv (ESCO CSV)',
        `Could not load: HTTP 503. Using the copy from ${date}: 120 skills.`,
      ],
      [
        'Collaboration',
        'https://skills.example/case.json (CASE JSON)',
        'Could not load: fetch failed (ECONNREFUSED).',
      ],
    ]);

    click(button(section, 'Refresh frameworks'));
    await settle();
    expect(calls.filter((c) => c.type.startsWith('frameworks/')).map((c) => c.type)).toEqual([
      'frameworks/status',
      'frameworks/refresh',
    ]);
    expect(rows()).toEqual([
      ['ESCO digital', 'https://skills.example/esco.csv (ESCO CSV)', 'Loaded 121 skills.'],
    ]);
    expect(text(get(section, '.tn-hint:last-of-type'))).toBe(
      '1 entry of the file was skipped: line 7: no label',
    );
    expect(text(get(section, '[role="status"]'))).toBe('Frameworks refreshed; their status is above.');
  });

  it('words a write-only key as accepted (docs/policy.md advises them), and a 401 as rejected', () => {
    expect(testResultText({ ok: true, versions: ['2.0.0'], writeOnly: true })).toBe(
      'Connected: the LRS accepted the key. It may not read statements, which is fine for sending. It speaks xAPI 2.0.0.',
    );
    expect(testResultText({ ok: false, problem: 'credentials', detail: 'HTTP 401' })).toBe(
      'The LRS rejected these credentials (HTTP 401).',
    );
  });
});
