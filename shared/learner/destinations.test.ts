import { describe, expect, it } from 'vitest';
import { destinationRows } from './destinations';

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
              state: { status: 'paused', lastError: '401 refused', lastSuccessAt: 5, xapiVersion: '1.0.3' },
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
});
