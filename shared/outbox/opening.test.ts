// An outbox still opening (./opening.ts): held back here by another connection at an older version that does not
// let go (test/support/held-outbox.ts), as a long upgrade holds it in a browser. Pages ask, and say so instead of
// waiting.
import { describe, expect, it } from 'vitest';
import { heldOutbox } from '../../test/support/held-outbox';
import { queryRecord } from '../record';
import { OUTBOX_OPENING_MESSAGE } from './opening';
import { Outbox } from './outbox';

describe('an outbox still opening', () => {
  it('says so while the open is held, and not once it is open', async () => {
    const { outbox, release } = await heldOutbox();
    expect(await outbox.stillOpening(50)).toBe(true);
    expect(outbox.db.isOpen()).toBe(false);
    // My learning's page says so at once (both apps read it through queryRecord) ...
    expect(await queryRecord(outbox, [], {}, 50)).toEqual({ items: [], opening: OUTBOX_OPENING_MESSAGE });
    // ... while a read made meanwhile waits, and is answered once the upgrade can run.
    const read = outbox.recordLeft();
    release();
    await expect(read).resolves.toBe(0);
    expect(await outbox.stillOpening(50)).toBe(false);
    expect(await queryRecord(outbox, [], {}, 50)).toEqual({ items: [] });
    outbox.db.close();
  });

  it('is not still opening when the open failed: the read says why', async () => {
    const name = `opening-failed-${Math.random()}`;
    // A database at a version newer than this code knows cannot be opened by it.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1000);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
    });
    const outbox = Outbox.open(name);
    expect(await outbox.stillOpening(1000)).toBe(false);
    await expect(outbox.recordLeft()).rejects.toThrow();
  });
});
