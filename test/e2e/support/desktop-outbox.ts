/**
 * What the desktop e2e tests (desktop-settings, desktop-my-learning) do to the outbox page and the quick log
 * alike: a book quick-log form, and a refusal written as the engine's quarantine writes it after a 400.
 */
import type { Page } from 'playwright-core';
import type { QuickLogInput } from '../../../desktop/core/contract';

/** A quick-logged book of half an hour, completed, nothing else filled in. */
export function bookForm(title: string, when = ''): QuickLogInput {
  return {
    kind: 'book',
    title,
    link: '',
    when,
    minutes: '30',
    mentor: '',
    completed: true,
    skills: [],
    reflection: '',
  };
}

/**
 * The item's deliveries (to `destinationId` only, when given) refused with `message`, written in the outbox
 * page's IndexedDB as the engine's quarantine writes them (shared/outbox/outbox.ts): the real LRS accepts
 * everything these apps make, so a refusal is put there directly.
 */
export function quarantineInOutbox(
  outboxPage: Page,
  itemId: string,
  message: string,
  destinationId?: string,
): Promise<void> {
  return outboxPage.evaluate(
    ([id, text, destination]) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('trailnote-desktop-outbox');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction('deliveries', 'readwrite');
          const store = tx.objectStore('deliveries');
          const rows = store.index('itemId').getAll(id);
          rows.onsuccess = () => {
            for (const d of rows.result as Array<Record<string, unknown>>) {
              if (destination !== null && d.destinationId !== destination) continue;
              store.put({
                ...d,
                state: 'quarantined',
                lastError: text,
                quarantine: { status: 400, message: text, at: 1 },
              });
            }
          };
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(new Error(String(tx.error)));
        };
      }),
    [itemId, message, destinationId ?? null] as const,
  );
}
