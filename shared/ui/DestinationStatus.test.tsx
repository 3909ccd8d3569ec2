// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DestinationStatus, destinationStatusText, type DestinationStatusItem } from './DestinationStatus';
import { all, get, mount, text, type Mounted } from './test-dom';

const NOW = Date.UTC(2025, 2, 3, 10, 0, 0);
const MIN = 60_000;
const RESUMES =
  'Nothing is lost: it resumes by itself when its configuration changes, and tries again now and then.';

function dest(overrides: Partial<DestinationStatusItem>): DestinationStatusItem {
  return { id: 'd1', name: 'Acme LRS', origin: 'organisation', status: 'active', pending: 0, ...overrides };
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('destinationStatusText', () => {
  it.each<[Partial<DestinationStatusItem>, string]>([
    [{ lastSuccessAt: NOW - 5 * MIN }, 'OK · last sent 5 min ago'],
    [{ lastSuccessAt: NOW - 20_000 }, 'OK · last sent just now'],
    [{ lastSuccessAt: NOW - 3 * 60 * MIN }, 'OK · last sent 3 h ago'],
    [{ lastSuccessAt: Date.UTC(2025, 1, 20, 9) }, 'OK · last sent on Feb 20'],
    [{}, 'OK · nothing sent yet'],
    [
      { status: 'backoff', lastError: 'HTTP 503 Service Unavailable' },
      'retrying: HTTP 503 Service Unavailable',
    ],
    [{ status: 'backoff' }, 'retrying'],
    [
      { status: 'paused', pausedFor: 'credentials', lastError: 'HTTP 401: bad key' },
      'paused: the LRS refused the credentials',
    ],
    // Saved by an older version without its HTTP status: not said to be the credentials.
    [
      { status: 'paused', pausedFor: 'unknown', lastError: 'HTTP 500: oops' },
      'paused after a problem with the LRS',
    ],
    [
      { status: 'paused', pausedFor: 'refusing', lastError: 'refusing statements: HTTP 400: no' },
      'paused: the LRS is refusing statements',
    ],
  ])('%o reads "%s"', (overrides, expected) => {
    expect(destinationStatusText(dest(overrides), NOW)).toBe(expected);
  });
});

describe('DestinationStatus', () => {
  it('shows the xAPI version spoken with each destination, and why when /about could not say', () => {
    mounted = mount(
      <DestinationStatus
        now={NOW}
        destinations={[
          dest({ xapiVersion: '2.0.0' }),
          dest({ id: 'd2', xapiVersion: '1.0.3', versionNote: '/about is not JSON; sending xAPI 1.0.3' }),
          dest({ id: 'd3' }),
        ]}
      />,
    );
    const lines = all(mounted.container, 'li').map((li) => text(li));
    expect(lines[0]).toContain('xAPI 2.0.0');
    expect(lines[1]).toContain('xAPI 1.0.3 · /about is not JSON; sending xAPI 1.0.3');
    expect(lines[2]).not.toContain('xAPI');
  });

  it('shows a line per destination with its status in words', () => {
    mounted = mount(
      <DestinationStatus
        now={NOW}
        destinations={[
          dest({ id: 'a', lastSuccessAt: NOW - 5 * MIN }),
          dest({
            id: 'b',
            name: 'My LRS',
            origin: 'learner',
            status: 'backoff',
            lastError: 'timeout',
            pending: 3,
          }),
          dest({
            id: 'c',
            name: 'Old LRS',
            status: 'paused',
            pausedFor: 'credentials',
            lastError: 'HTTP 401: bad key',
            pending: 1,
          }),
        ]}
      />,
    );
    const root = mounted.container;
    expect(get(root, 'ul').getAttribute('aria-label')).toBe('Destinations');
    const lines = all(root, 'li').map((li) => all(li, 'p').map((p) => text(p)));
    expect(lines).toEqual([
      ['Acme LRS (organisation)', 'OK · last sent 5 min ago'],
      ['My LRS (yours)', 'retrying: timeout', '3 waiting'],
      [
        'Old LRS (organisation)',
        'paused: the LRS refused the credentials',
        'HTTP 401: bad key',
        RESUMES,
        '1 waiting',
      ],
    ]);
    expect(all(root, 'li').map((li) => li.className)).toEqual([
      'tn-dest tn-dest--active',
      'tn-dest tn-dest--backoff',
      'tn-dest tn-dest--paused',
    ]);
  });

  it('uses the caller heading when given, and says when there is no destination', () => {
    mounted = mount(<DestinationStatus now={NOW} destinations={[dest({})]} labelledBy="h" />);
    expect(get(mounted.container, 'ul').getAttribute('aria-labelledby')).toBe('h');
    expect(get(mounted.container, 'ul').hasAttribute('aria-label')).toBe(false);
    mounted.unmount();
    mounted = mount(<DestinationStatus now={NOW} destinations={[]} />);
    expect(text(mounted.container)).toBe('No LRS is set up yet.');
  });

  it('shows a destination refusing statements with the LRS message, that it resumes by itself, and what it keeps', () => {
    mounted = mount(
      <DestinationStatus
        now={NOW}
        destinations={[
          dest({
            status: 'paused',
            pausedFor: 'refusing',
            lastError: 'refusing statements: HTTP 400: version header not allowed by proxy',
            pending: 12,
            withheld: 3,
          }),
          dest({ id: 'd2', name: 'My LRS', origin: 'learner', withheld: 1 }),
        ]}
      />,
    );
    const lines = all(mounted.container, 'li').map((li) => all(li, 'p').map((p) => text(p)));
    expect(lines).toEqual([
      [
        'Acme LRS (organisation)',
        'paused: the LRS is refusing statements',
        'refusing statements: HTTP 400: version header not allowed by proxy',
        RESUMES,
        '12 waiting',
        '3 items kept here: captured before you were identified',
      ],
      ['My LRS (yours)', 'OK · nothing sent yet', '1 item kept here: captured before you were identified'],
    ]);
  });
});
