import { Dexie, type Table } from 'dexie';
import type { WeekTally } from '../insights/tally';
import { FILL_KEY } from './fill';
import type { Delivery, DestinationState, OutboxItem, RecordRow } from './types';

/** A row as version 1 stored it: the statement as an object, no per-destination deliveries. */
export interface ItemV1 {
  id: string;
  seq: number;
  state: 'held' | 'review' | 'ready' | 'discarded';
  createdAt: number;
  holdUntil?: number;
  statement: unknown;
  meta: OutboxItem['meta'];
}

/** Meta key: a v1 backlog waits for the first destinations configured after the upgrade. */
export const V1_BACKLOG_KEY = 'v1Backlog';

export interface MetaRow {
  key: string;
  value: number;
  /** V1_BACKLOG_KEY once its destinations are known: they get the ready items up to `until`, after `value`. */
  destinations?: string[];
  until?: number;
}

/**
 * The outbox database. Every schema version stays declared, with its upgrade, so a profile written by any
 * earlier release opens (Dexie upgrades step by step).
 */
export class OutboxDb extends Dexie {
  items!: Table<OutboxItem, string>;
  deliveries!: Table<Delivery, [string, number]>;
  destinations!: Table<DestinationState, string>;
  meta!: Table<MetaRow, string>;
  tally!: Table<WeekTally, [string, number]>;
  record!: Table<RecordRow, number>;

  constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    // v1: items only; the statement kept as an object and one global queue.
    this.version(1).stores({
      items: 'id, seq, state, [state+holdUntil]',
      meta: 'key',
    });
    // v2: the statement frozen as JSON text; delivery state per destination; destination sync state.
    this.version(2)
      .stores({
        items: 'id, &seq, state, [state+holdUntil]',
        deliveries: '[destinationId+seq], [destinationId+state+seq], itemId',
        destinations: 'id',
        meta: 'key',
      })
      .upgrade(async (tx) => {
        await tx
          .table('items')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            if (typeof row.json !== 'string') {
              // Freeze the object exactly as v1 would have sent it. A row with no statement keeps an empty
              // JSON text so the engine quarantines it with a message instead of failing on it.
              row.json = row.statement === undefined ? '' : JSON.stringify(row.statement);
            }
            if (row.state === 'ready' && typeof row.readyAt !== 'number') row.readyAt = row.createdAt;
            delete row.statement;
          });
        // v1 had one queue and no destinations: its ready items go to the destinations configured when this
        // database is next opened (Outbox.ensureDestinations reads this marker once), as v1 had promised.
        if ((await tx.table('items').where('state').equals('ready').count()) > 0) {
          await tx.table('meta').put({ key: V1_BACKLOG_KEY, value: 1 });
        }
      });
    // v3: ready items by seq, keys only, so a destination's earlier record is found from indexes (./earlier.ts).
    this.version(3).stores({
      items: 'id, &seq, state, [state+holdUntil], [state+seq]',
    });
    // v4: My learning at scale (issue 11 point 2; ./tally.ts): the running totals per kind and week. As released,
    // v4 also kept the record's keys on each item (indexes [at+seq], [meta.kind+at+seq], *skillKeys) and built
    // them and the totals in its upgrade: with each index built over the rows already stored, opening a 100,000-row
    // outbox took minutes (bench/results/upgrade.json). It is declared here without them, so no profile builds
    // them any more: Dexie compares with the schema actually installed, and a profile at v4 drops those indexes
    // on its way to v5 (their values stay on its rows, unread).
    this.version(4).stores({ tally: '[kind+week]' });
    // v5: the record's keys in a table of their own (./types.ts RecordRow), created empty: the upgrade only notes
    // the highest seq stored; those items join the record table and the tally after opening, in small batches
    // (./fill.ts). The tally is counted again from nothing (a v4 profile's is dropped) so it always covers
    // exactly the items prepared.
    this.version(5)
      .stores({ record: 'seq, [at+seq], [kind+at+seq], *skillKeys' })
      .upgrade(async (tx) => {
        // Every item has a seq at most the counter's (without one, every seq is below the mark).
        const counter = (await tx.table('meta').get('seq')) as MetaRow | undefined;
        await tx.table('tally').clear();
        const mark = counter?.value ?? Number.MAX_SAFE_INTEGER;
        if (mark > 0) await tx.table('meta').put({ key: FILL_KEY, value: mark });
      });
  }
}
