import { Dexie, type Table } from 'dexie';
import type { WeekTally } from '../insights/tally';
import { addToTally, withRecordKeys } from './tally';
import type { Delivery, DestinationState, OutboxItem } from './types';

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
    // v4: My learning at scale (issue 11 point 2; ./tally.ts): the record's keys on each item (the timeline by
    // when it happened, by kind, by skill) and the running totals per kind and week, built once here from the
    // rows already stored (each row keeps everything it had; it only gains its keys).
    this.version(4)
      .stores({
        items: 'id, &seq, state, [state+holdUntil], [state+seq], [at+seq], [meta.kind+at+seq], *skillKeys',
        tally: '[kind+week]',
      })
      .upgrade(async (tx) => {
        const rows = new Map<string, WeekTally>();
        await tx
          .table('items')
          .toCollection()
          .modify((row: OutboxItem) => {
            let keyed: OutboxItem;
            try {
              keyed = withRecordKeys(row);
            } catch {
              return; // a row this version cannot read stays as it was, outside My learning's indexes
            }
            delete row.at;
            delete row.skillKeys;
            if (keyed.at !== undefined) {
              row.at = keyed.at;
              row.skillKeys = keyed.skillKeys;
            }
            addToTally(rows, row);
          });
        await tx.table('tally').bulkPut([...rows.values()]);
      });
  }
}
