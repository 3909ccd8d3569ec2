import { describe, expect, it } from 'vitest';
import { destinationRows, type DestinationProgress } from './destinations';

describe('destinationRows', () => {
  it('one row per configured destination, in order, with the outbox state and what waits', () => {
    const rows = destinationRows(
      [
        { id: 'org', name: 'Org LRS', origin: 'organisation' },
        { id: 'mine', name: 'My LRS', origin: 'learner' },
      ],
      (id) =>
        id === 'org'
          ? {
              state: {
                status: 'paused',
                lastError: '401 refused',
                lastErrorStatus: 401,
                lastSuccessAt: 5,
                xapiVersion: '1.0.3',
              },
              pending: 3,
            }
          : id === 'gone'
            ? { pending: 9 }
            : undefined,
    );
    expect(rows).toEqual([
      {
        id: 'org',
        name: 'Org LRS',
        origin: 'organisation',
        status: 'paused',
        pausedFor: 'credentials',
        lastError: '401 refused',
        lastSuccessAt: 5,
        pending: 3,
        xapiVersion: '1.0.3',
        versionNote: undefined,
      },
      // Not met by the outbox yet: active, nothing pending.
      expect.objectContaining({ id: 'mine', status: 'active', pending: 0, lastError: undefined }),
    ]);
  });

  it('says why a paused destination is paused, and carries what is kept from it', () => {
    const row = (state: NonNullable<DestinationProgress['state']>) =>
      destinationRows([{ id: 'org', name: 'Org LRS', origin: 'organisation' }], () => ({
        state,
        pending: 0,
      }))[0];
    const refusing = 'refusing statements: HTTP 400: bad version';
    expect(row({ status: 'paused', lastError: refusing, lastErrorStatus: 400, withheld: 4 })).toMatchObject({
      pausedFor: 'refusing',
      lastError: refusing,
      withheld: 4,
    });
    expect(row({ status: 'paused', lastError: refusing, lastErrorStatus: 413 })?.pausedFor).toBe('refusing');
    expect(row({ status: 'paused', lastError: 'the LRS refused', lastErrorStatus: 401 })?.pausedFor).toBe(
      'credentials',
    );
    expect(row({ status: 'paused', lastError: 'forbidden', lastErrorStatus: 403 })?.pausedFor).toBe(
      'credentials',
    );
    // A state saved without its HTTP status (an older version), or with one that names neither: an unknown
    // problem, told with the saved message, never guessed to be the credentials.
    expect(row({ status: 'paused', lastError: 'the LRS refused the credentials (HTTP 401)' })).toMatchObject({
      pausedFor: 'unknown',
      lastError: 'the LRS refused the credentials (HTTP 401)',
    });
    expect(row({ status: 'paused', lastError: 'HTTP 500', lastErrorStatus: 500 })?.pausedFor).toBe('unknown');
    expect(row({ status: 'paused', lastError: 'network down', lastErrorStatus: 0 })?.pausedFor).toBe(
      'unknown',
    );
    // Only a paused destination is paused for something; none kept: no count.
    expect(row({ status: 'backoff', lastError: 'HTTP 400', lastErrorStatus: 400 })).not.toHaveProperty(
      'pausedFor',
    );
    expect(row({ status: 'active', withheld: 0 })).not.toHaveProperty('withheld');
  });
});
