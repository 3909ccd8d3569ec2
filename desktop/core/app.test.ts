// The desktop services (createDesktopApp) against the real outbox host logic (the same OutboxHost the
// hidden window runs) over fake-indexeddb; no Electron involved.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox, STORAGE_FULL_MESSAGE } from '../../shared/outbox';
import { limitWrites, restoreDisk } from '../../test/support/full-disk';
import { OutboxHost } from '../renderer/outbox/host';
import { createDesktopApp, LEARNER_DESTINATION_ID } from './app';
import { checkedAnswer } from './outbox-answers';
import type { OutboxLink, OutboxRequest, QuickLogInput } from './contract';
import type { PolicyDocument } from '../../shared/policy';
import { memoryFile, sealingBox } from '../testing/fakes';
import { SettingsStore } from './settings-store';
import type { ExportStream } from './record-service';
import { trayMenu } from './tray-menu';

/** A parsed statement, typed as loosely as the tests read it. */
interface ParsedStatement {
  id: string;
  timestamp: string;
  actor: { mbox?: string; account?: { homePage: string; name: string } };
  verb: { id: string };
  object: { id: string; definition?: { type?: string; name?: Record<string, string> } };
  result?: { duration?: string; completion?: boolean };
  context: {
    platform?: string;
    instructor?: { name?: string };
    extensions: Record<string, unknown>;
    contextActivities: { category: Array<{ id: string }> };
  };
}
const parse = (json: string) => JSON.parse(json) as ParsedStatement;

const NOW = Date.parse('2026-03-10T12:00:00Z');
let n = 0;

async function setup(policy: PolicyDocument = {}, file = memoryFile()) {
  const outbox = Outbox.open(`desktop-app-${++n}-${Math.random()}`);
  const host = new OutboxHost(
    outbox,
    () => NOW,
    () => Promise.reject(new Error('no network in this test')),
  );
  const requests: OutboxRequest[] = [];
  const link: OutboxLink = {
    async request<R extends OutboxRequest>(r: R) {
      requests.push(r);
      return checkedAnswer<R['op']>(r.op, await host.handle(structuredClone(r)));
    },
  };
  const store = await SettingsStore.open(file, sealingBox());
  const onHeld = vi.fn();
  const requestSync = vi.fn();
  // What the tray and an open status window are told: a promise for the next change.
  let changed = () => {};
  const nextChange = () => new Promise<void>((resolve) => (changed = resolve));
  const app = createDesktopApp({
    onChange: () => changed(),
    requestSync,
    store,
    outbox: link,
    loadPolicy: () =>
      Promise.resolve({ path: '/etc/trailnote/policy.json', found: true, document: policy, issues: [] }),
    now: () => NOW,
    version: '0.1.0',
    onHeld,
  });
  await app.settings.start();
  return { app, outbox, requests, store, onHeld, link, requestSync, nextChange };
}

const form: QuickLogInput = {
  kind: 'book',
  title: 'Thinking in Systems',
  link: '978-1-60358-055-7',
  when: '',
  minutes: '45',
  mentor: '',
  completed: true,
  skills: [],
  reflection: '',
};

const ORG = {
  destinations: [
    { id: 'acme', endpoint: 'https://lrs.acme.example/xapi/', username: 'k', password: 'org-secret' },
  ],
  capture: { holdMinutes: 10 },
  learner: { email: 'ada@acme.example' },
} satisfies PolicyDocument;

afterEach(restoreDisk);

describe('the desktop app', () => {
  it('a valid quick log is in the outbox, ready for every destination, before saveQuickLog resolves', async () => {
    const { app, outbox } = await setup(ORG);
    expect(await app.capture.saveQuickLog(form)).toEqual({ ok: true });
    const [item] = await outbox.list();
    expect(item?.state).toBe('ready');
    expect(parse(item!.json).actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ada@acme.example' });
    expect(await outbox.deliveryCounts('acme')).toMatchObject({ pending: 1 });
  });

  it('items an LRS refused show in the tray with its message; "Send again" requeues them and asks for a sync', async () => {
    const { app, outbox, requestSync } = await setup(ORG);
    await app.capture.saveQuickLog(form);
    const [claimed] = await outbox.claim('acme', 1);
    await outbox.quarantine(claimed!.delivery, NOW, 400, 'HTTP 400: bad verb');
    await app.sync.summary();
    expect(app.tray.state().refused).toEqual({ count: 1, message: 'HTTP 400: bad verb' });
    requestSync.mockClear();
    expect(await app.refused.resend(claimed!.item!.id)).toEqual({ ok: true });
    expect(requestSync).toHaveBeenCalledTimes(1);
    expect(await outbox.deliveryCounts('acme')).toMatchObject({ pending: 1, quarantined: 0 });
    expect(await app.refused.resend()).toEqual({ ok: false, error: 'Nothing refused to send again.' });
    expect(requestSync).toHaveBeenCalledTimes(1);
    await app.sync.summary();
    expect(app.tray.state().refused).toBeUndefined();
  });

  it('a destination refusing statements and the items refused show in the status window and the tray', async () => {
    const { app, outbox } = await setup(ORG);
    await app.capture.saveQuickLog(form);
    await app.capture.saveQuickLog({ ...form, title: 'The Goal' });
    const [first] = await outbox.claim('acme', 1);
    await outbox.quarantine(first!.delivery, NOW, 413, 'HTTP 413: statement too large');
    const refusing = 'refusing statements: HTTP 400: xAPI version header rejected by proxy';
    await outbox.putDestination({
      ...(await outbox.getDestination('acme'))!,
      status: 'paused',
      failures: 1,
      nextAttemptAt: NOW + 3600_000,
      lastError: refusing,
      lastErrorStatus: 400,
      withheld: 2,
    });
    const view = await app.status.view();
    expect(view.destinations).toEqual([
      expect.objectContaining({ id: 'acme', status: 'paused', pausedFor: 'refusing', lastError: refusing }),
    ]);
    expect(view.destinations[0]).toMatchObject({ pending: 1, withheld: 2 });
    expect(view.refused).toEqual({
      count: 1,
      items: [
        {
          id: first!.item!.id,
          title: 'Thinking in Systems',
          destination: 'lrs.acme.example',
          message: 'HTTP 413: statement too large',
        },
      ],
    });
    expect(app.tray.state().paused).toEqual([
      expect.objectContaining({ name: 'lrs.acme.example', pausedFor: 'refusing', lastError: refusing }),
    ]);
    expect(await app.refused.resend()).toEqual({ ok: true });
    expect((await app.status.view()).refused).toBeUndefined();
  });

  it('a full disk shows in the tray and the status window, not only in the quick log answer, until there is room', async () => {
    const { app, outbox, nextChange } = await setup(ORG);
    await app.capture.saveQuickLog(form);
    expect(app.tray.state().storageFull).toBeUndefined();
    limitWrites(0);
    const shown = nextChange();
    expect(await app.capture.saveQuickLog({ ...form, title: 'The Goal' })).toEqual({
      ok: false,
      error: STORAGE_FULL_MESSAGE,
    });
    await shown; // told at once, not at the next sync pass
    expect(app.tray.state().storageFull).toBe(true);
    expect(trayMenu(app.tray.state()).map((i) => i.label)).toContain(
      'Storage is full: new items cannot be kept',
    );
    expect((await app.status.view()).storageFull).toBe(STORAGE_FULL_MESSAGE);
    expect((await outbox.list()).map((i) => i.meta.title)).toEqual(['Thinking in Systems']);

    restoreDisk(); // the learner freed space
    const cleared = nextChange();
    expect(await app.capture.saveQuickLog({ ...form, title: 'The Goal' })).toEqual({ ok: true });
    await cleared;
    expect(app.tray.state().storageFull).toBeUndefined();
    expect((await app.status.view()).storageFull).toBeUndefined();
  });

  it('an invalid quick log saves nothing and answers per field', async () => {
    const { app, outbox } = await setup();
    const result = await app.capture.saveQuickLog({ ...form, title: '', minutes: 'soon' });
    expect(result).toEqual({
      ok: false,
      errors: {
        title: { key: 'quicklog.error.titleRequired' },
        minutes: { key: 'quicklog.error.minutes', params: { max: 10_080 } },
      },
    });
    expect(await outbox.list()).toEqual([]);
  });

  it('a quick log the outbox window could not store answers with a message, never a rejection', async () => {
    const { app, outbox, link } = await setup();
    const request = link.request.bind(link);
    link.request = (r) =>
      r.op === 'enqueue' ? Promise.reject(new Error('the outbox window stopped')) : request(r);
    expect(await app.capture.saveQuickLog(form)).toEqual({ ok: false, error: 'the outbox window stopped' });
    expect(await outbox.list()).toEqual([]);
  });

  it('settings the disk could not keep answer with a message, never a rejection', async () => {
    const file = memoryFile();
    const { app } = await setup({}, file);
    file.write = () =>
      Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    const saved = await app.settings.save({
      name: 'Ada',
      email: '',
      captureEnabled: true,
      holdMinutes: 5,
      reviewBeforeSync: false,
      destination: null,
    });
    expect(saved).toEqual({
      ok: false,
      error:
        'Your settings could not be saved: the disk is full. The previous settings are kept and still used.',
    });
  });

  it('uses the per-install pseudonym until the learner identifies', async () => {
    const { app, outbox, store } = await setup();
    await app.capture.saveQuickLog(form);
    const [item] = await outbox.list();
    expect(parse(item!.json).actor.account).toEqual({
      homePage: 'https://trailnote.app/xapi',
      name: store.installId,
    });
  });

  it('the status view shows enforced values locked and never a credential', async () => {
    const { app, requests } = await setup({ ...ORG, allowLearnerDestinations: true });
    await app.settings.save({
      name: 'Ada',
      email: 'someone-else@example.org',
      captureEnabled: true,
      holdMinutes: 1,
      reviewBeforeSync: true,
      destination: { endpoint: 'https://mine.example/xapi', username: 'me', password: 'learner-secret' },
    });
    const view = await app.status.view();
    expect(view.learner.email).toEqual({ value: 'ada@acme.example', locked: true });
    expect(view.capture.holdMinutes).toEqual({ value: 10, locked: true });
    expect(view.capture.reviewBeforeSync).toEqual({ value: true, locked: false });
    expect(view.learnerDestination).toMatchObject({
      endpoint: 'https://mine.example/xapi/',
      username: 'me',
      hasSecret: true,
    });
    const shown = JSON.stringify(view);
    expect(shown).not.toContain('org-secret');
    expect(shown).not.toContain('learner-secret');
    // The secrets went to the outbox window's configuration only.
    const configured = requests.filter((r) => r.op === 'configure').at(-1);
    expect(JSON.stringify(configured)).toContain('learner-secret');
    expect(configured?.op === 'configure' && configured.config.destinations.map((d) => d.id)).toEqual([
      'acme',
      LEARNER_DESTINATION_ID,
    ]);
  });

  it('settings errors come back per field; a new LRS needs its secret', async () => {
    const { app } = await setup();
    const result = await app.settings.save({
      name: '',
      email: 'not an address',
      captureEnabled: true,
      holdMinutes: 5,
      reviewBeforeSync: false,
      destination: { endpoint: 'ftp://x', username: 'me', password: '' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && 'errors' in result && Object.keys(result.errors).sort()).toEqual([
      'email',
      'endpoint',
      'password',
    ]);
  });

  it("the learner's own LRS must be https:// unless on this computer, said under the endpoint field", async () => {
    const { app } = await setup();
    const settings = (endpoint: string) => ({
      name: 'Ada',
      email: '',
      captureEnabled: true,
      holdMinutes: 5,
      reviewBeforeSync: false,
      destination: { endpoint, username: 'me', password: 'learner-secret' },
    });
    const refused = await app.settings.save(settings('http://lrs.example/xapi/'));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && 'errors' in refused && refused.errors).toEqual({
      endpoint: {
        key: 'settings.invalid',
        params: { message: expect.stringContaining('expected an https:// URL') as string },
      },
    });
    expect((await app.settings.save(settings('http://localhost:8080/xapi/'))).ok).toBe(true);
  });

  it('a finished podcast is held for the hold time, offered for tagging, and can be re-tagged', async () => {
    const { app, outbox, onHeld } = await setup(ORG);
    const id = await app.capture.finished({
      kind: 'audio',
      title: 'Episode 12',
      startedAt: NOW - 600_000,
      platform: 'mpv',
      draft: {
        builder: 'media',
        input: {
          media: 'audio',
          url: 'file:///home/ada/ep12.mp3',
          keepQueryStrings: false,
          title: 'Episode 12',
          lengthSeconds: 600,
          playedSeconds: 590,
          segments: [[0, 590]],
          completed: true,
          show: { title: 'The Show' },
        },
      },
    });
    const item = await outbox.get(id!);
    expect(item).toMatchObject({ state: 'held', holdUntil: NOW + 10 * 60_000 });
    expect(parse(item!.json).context.platform).toBe('mpv');
    expect(onHeld).toHaveBeenCalledWith({ id, title: 'Episode 12', kind: 'audio' });

    const skill = { id: 'http://data.europa.eu/esco/skill/x', name: 'listening' };
    expect(await app.record.update({ id: id!, skills: [skill], reflection: 'Good one' })).toEqual({
      ok: true,
    });
    const revised = await outbox.get(id!);
    const statement = parse(revised!.json);
    expect(statement.id).toBe(id);
    expect(statement.timestamp).toBe(new Date(NOW - 600_000).toISOString());
    expect(statement.context.extensions['http://id.tincanapi.com/extension/reflection']).toBe('Good one');
    expect((await app.status.view()).items.map((i) => i.id)).toEqual([id]);
  });

  it('nothing is captured while paused; the pause ends when resumed', async () => {
    const { app, outbox } = await setup();
    await app.tray.pause('resumed');
    const media = {
      kind: 'video' as const,
      title: 'Talk',
      draft: {
        builder: 'media',
        input: {
          media: 'video',
          url: 'file:///t.webm',
          keepQueryStrings: false,
          title: 'Talk',
          playedSeconds: 100,
          segments: [],
          completed: true,
        },
      },
    };
    expect(await app.capture.finished(media)).toBeUndefined();
    await app.tray.pause('resume');
    expect(await app.capture.finished(media)).toBeDefined();
    expect(await outbox.list()).toHaveLength(1);
  });
  it('My learning: a sent item gets `commented` and `voided` follow-ups from the desktop; the export holds them', async () => {
    const { app, outbox } = await setup(ORG);
    await app.capture.saveQuickLog({
      ...form,
      skills: [{ id: 'https://s.example/systems', name: 'Systems' }],
    });
    const [view] = (await app.record.view()).items;
    expect(view).toMatchObject({ title: 'Thinking in Systems', status: 'waiting', commentable: true });
    const id = view!.id;

    expect(await app.record.comment({ id, reflection: 'Stocks and flows.', addSkills: [] })).toEqual({
      ok: true,
    });
    // An update on a frozen item says only what is new: the same reflection again is nothing.
    expect(await app.record.update({ id, skills: [], reflection: 'Stocks and flows.' })).toEqual({
      ok: true,
    });
    const comments = (await outbox.list()).filter((i) => i.meta.kind === 'comment');
    expect(comments).toHaveLength(1);
    const comment = parse(comments[0]!.json);
    expect(comment.verb.id).toBe('http://adlnet.gov/expapi/verbs/commented');
    expect(comment.object).toEqual({ objectType: 'StatementRef', id });
    expect(comment.context.contextActivities.category.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'https://s.example/systems',
        'https://trailnote.app/xapi/source/desktop/0.1.0',
      ]),
    );

    expect(await app.record.remove(id)).toEqual({ ok: true });
    const voids = (await outbox.list()).filter((i) => i.meta.kind === 'void').map((i) => parse(i.json));
    expect(voids.map((v) => v.object.id).sort()).toEqual([comment.id, id].sort());
    expect((await app.record.view({ query: { status: 'voided' }, limit: 10 })).items[0]).toMatchObject({
      id,
      status: 'voided',
    });

    const saved: Array<{ filename: string; text: string }> = [];
    const save = async (file: ExportStream) => {
      let text = '';
      for await (const page of file.pages) text += page;
      saved.push({ filename: file.filename, text });
      return { ok: true };
    };
    expect(await app.record.exportTo('xapi', save)).toEqual({ ok: true });
    expect(saved[0]?.filename).toBe('trailnote-statements-2026-03-10.json');
    expect((JSON.parse(saved[0]!.text) as Array<{ id: string }>).map((s) => s.id)).toHaveLength(4);
    await app.record.exportTo('csv', save);
    expect(saved[1]?.text).toContain('Thinking in Systems');
  });
});
