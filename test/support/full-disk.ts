/**
 * A disk that fills up, for unit tests on fake-indexeddb: object stores refuse every write after a budget with
 * a QuotaExceededError, as a full IndexedDB does. A fake at the one boundary a test cannot fill for real.
 */
const store = IDBObjectStore.prototype;
// Kept unbound on purpose: they are put back on the prototype and called with the store as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const original = { add: store.add, put: store.put };
let budget = Infinity;

/** Allow `n` more writes (Infinity: room again). */
export function limitWrites(n: number): void {
  budget = n;
  for (const name of ['add', 'put'] as const) {
    store[name] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (budget <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      budget -= 1;
      return original[name].apply(this, args);
    };
  }
}

/** Put the real object stores back (afterEach). */
export function restoreDisk(): void {
  budget = Infinity;
  store.add = original.add;
  store.put = original.put;
}
