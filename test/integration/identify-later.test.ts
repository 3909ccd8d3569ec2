/**
 * docs/policy.md `learner.mustIdentify`: nothing is sent until the learner has identified, and what was captured
 * before goes out with the identified actor, never the per-install pseudonym (stamped as its batch is claimed: shared/outbox/stamp.ts). Both apps'
 * real sync paths against the real LRS: the extension's requestSync (over WXT's fake browser storage) and the
 * desktop app's services (desktop/core/app.ts) + OutboxHost (the hidden outbox window's logic, no Electron).
 */
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createReadingState, reduceReading } from '../../shared/capture';
import { Outbox } from '../../shared/outbox';
import type { PolicyDocument } from '../../shared/policy';
import { thawStatement, type XapiAgent } from '../../shared/xapi';
import { createDesktopApp } from '../../desktop/core/app';
import { SettingsStore, type SecretBox, type TextFile } from '../../desktop/core/settings-store';
import { OutboxHost } from '../../desktop/renderer/outbox/host';
import { finaliseSession } from '../../extension/background/finalise';
import { saveSettings } from '../../extension/background/options';
import type { ReadingSession } from '../../extension/background/sessions';
import { currentActor, loadSettings } from '../../extension/background/settings';
import { requestSync } from '../../extension/background/sync';
import { statementById, statementsFor } from '../support/read-back';

vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const lrs = inject('lrs');
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
  fakeBrowser.reset();
});

/** What the organisation enforces: its LRS, no hold, and no sending before the learner identifies. */
const policy = (): PolicyDocument => ({
  destinations: [{ id: 'org', endpoint: lrs.endpoint, username: lrs.username, password: lrs.password }],
  learner: { mustIdentify: true },
  capture: { holdMinutes: 0 },
});

function outbox(): Outbox {
  const ob = Outbox.open(`identify-later-${Math.random()}`);
  cleanups.push(() => ob.close());
  return ob;
}

/** A unique address per run, so an LRS that outlives the suite cannot answer with older statements. */
const uniqueEmail = () => `ada.${crypto.randomUUID().slice(0, 8)}@acme.example`;

/** Asserts the LRS holds exactly one statement `id`, from `email` and none from `pseudonym`. */
async function expectDeliveredOnceAs(id: string, email: string, pseudonym: XapiAgent) {
  const mbox = `mailto:${email}`;
  const stored = await statementById(lrs, id);
  expect(stored?.actor).toMatchObject({ mbox });
  const byLearner = await statementsFor(lrs, { mbox });
  expect(byLearner.map((s) => s.id)).toEqual([id]);
  expect(await statementsFor(lrs, { account: (pseudonym as { account: object }).account })).toEqual([]);
}

function readArticle(at: number): ReadingSession {
  let state = reduceReading(createReadingState(), {
    type: 'start',
    at,
    url: `https://blog.example/post-${crypto.randomUUID()}`,
    title: 'Before I identified',
    lang: 'en',
    visible: true,
    focused: true,
  });
  for (let s = 10; s <= 60; s += 10) state = reduceReading(state, { type: 'activity', at: at + s * 1000 });
  state = reduceReading(state, { type: 'end', at: at + 60_000 });
  return {
    kind: 'reading',
    tabId: 1,
    frameId: 0,
    tabUrl: 'https://blog.example/',
    lastEventAt: at,
    statementId: crypto.randomUUID(),
    state,
  };
}

describe('an item captured before the learner identifies (docs/policy.md learner.mustIdentify)', () => {
  it('extension: nothing is sent until identified; then the LRS gets it once, with the e-mail actor', async () => {
    await fakeBrowser.storage.managed.set(policy());
    const ob = outbox();
    const now = () => Date.now();

    // Captured as the extension does, with the actor of that moment: the pseudonym.
    const resolved = await loadSettings();
    const pseudonym = await currentActor(resolved);
    expect(pseudonym.account).toBeDefined();
    const item = finaliseSession(readArticle(now() - 120_000), {
      settings: resolved.settings,
      actor: pseudonym,
      now: now(),
      version: '0.1.0',
    })!;
    await ob.enqueue(item, now(), ['org']);

    await requestSync(ob, now);
    expect(await statementById(lrs, item.id)).toBeUndefined();
    expect(await ob.deliveriesOf(item.id)).toMatchObject([{ state: 'pending', attempts: 0 }]);

    // The learner identifies on the options page, which asks for a sync.
    const email = uniqueEmail();
    let synced: Promise<void> | undefined;
    const saved = await saveSettings({ learner: { email } }, { sync: () => (synced = requestSync(ob, now)) });
    expect(saved).toEqual({ ok: true });
    expect(synced).toBeDefined();
    await synced;

    expect(await ob.deliveriesOf(item.id)).toMatchObject([{ state: 'sent', attempts: 1 }]);
    const sent = thawStatement((await ob.get(item.id))!.json);
    expect({ id: sent.id, timestamp: sent.timestamp }).toEqual({
      id: item.id,
      timestamp: thawStatement(item.json).timestamp,
    });
    await expectDeliveredOnceAs(item.id, email, pseudonym);
  });

  it('desktop: nothing is sent until identified; then the LRS gets it once, with the e-mail actor', async () => {
    const ob = outbox();
    const host = new OutboxHost(ob, () => Date.now());
    const box: SecretBox = { isAvailable: () => true, encrypt: (p) => `s:${p}`, decrypt: (s) => s.slice(2) };
    let file: string | undefined;
    const memory: TextFile = {
      read: () => Promise.resolve(file),
      write: (t) => Promise.resolve(void (file = t)),
    };
    const syncRequested = vi.fn();
    const app = createDesktopApp({
      store: await SettingsStore.open(memory, box),
      outbox: { request: (r) => host.handle(structuredClone(r)) as never },
      loadPolicy: () =>
        Promise.resolve({ path: '/etc/trailnote/policy.json', found: true, document: policy(), issues: [] }),
      now: () => Date.now(),
      version: '0.1.0',
      onHeld: () => undefined,
      requestSync: syncRequested,
    });
    await app.settings.start();

    const form = {
      kind: 'book' as const,
      title: 'Thinking in Systems',
      link: '978-1-60358-055-7',
      when: '',
      minutes: '45',
      mentor: '',
      completed: true,
      skills: [],
      reflection: '',
    };
    expect(await app.capture.saveQuickLog(form)).toEqual({ ok: true });
    const [queued] = await ob.list();
    const pseudonym = thawStatement(queued!.json).actor;
    expect(pseudonym.account).toBeDefined();

    await app.sync.run();
    expect(await statementById(lrs, queued!.id)).toBeUndefined();
    expect(await ob.deliveriesOf(queued!.id)).toMatchObject([{ state: 'pending', attempts: 0 }]);

    // The learner identifies in the settings window, which asks main for a sync.
    const email = uniqueEmail();
    syncRequested.mockClear();
    const saved = await app.settings.save({
      name: '',
      email,
      captureEnabled: true,
      holdMinutes: 0,
      reviewBeforeSync: false,
      destination: null,
    });
    expect(saved).toEqual({ ok: true });
    expect(syncRequested).toHaveBeenCalled();
    await app.sync.run();

    expect(await ob.deliveriesOf(queued!.id)).toMatchObject([{ state: 'sent', attempts: 1 }]);
    expect(thawStatement((await ob.get(queued!.id))!.json).timestamp).toBe(
      thawStatement(queued!.json).timestamp,
    );
    await expectDeliveredOnceAs(queued!.id, email, pseudonym);
  });
});
