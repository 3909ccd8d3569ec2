import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFile, sealingBox as box } from '../testing/fakes';
import { PAUSED_UNTIL_RESUMED } from '../../shared/learner/pause';
import { diskFile, EncryptionUnavailableError, SettingsNotSavedError, SettingsStore } from './settings-store';

const lrs = { id: 'mine', endpoint: 'https://lrs.example/xapi/', username: 'key', password: 's3cret-pass' };

describe('SettingsStore', () => {
  it('makes one install id and keeps it', async () => {
    const file = memoryFile();
    const first = await SettingsStore.open(file, box());
    const again = await SettingsStore.open(file, box());
    expect(again.installId).toBe(first.installId);
    expect(first.installId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes secrets only sealed, and opens them for the sync configuration', async () => {
    const file = memoryFile();
    const store = await SettingsStore.open(file, box());
    await store.saveLearner({ destinations: [lrs] });
    expect(file.text).not.toContain('s3cret-pass');
    expect(file.text).toContain('sealed:');
    expect(store.publicDocument().destinations?.[0]).not.toHaveProperty('password');
    expect(store.hasSecret('mine')).toBe(true);
    const reopened = await SettingsStore.open(file, box());
    expect(reopened.learnerSettings().document.destinations?.[0]?.password).toBe('s3cret-pass');
  });

  it('refuses to store a secret without encryption, and saves nothing then', async () => {
    const file = memoryFile();
    const store = await SettingsStore.open(file, box(false));
    const before = file.text;
    await expect(store.saveLearner({ destinations: [lrs] })).rejects.toBeInstanceOf(
      EncryptionUnavailableError,
    );
    expect(file.text).toBe(before);
    await store.saveLearner({ learner: { name: 'Ada' } }); // nothing secret: fine
    expect(store.publicDocument().learner?.name).toBe('Ada');
  });

  it('keeps the saved secret when the destination comes back without one', async () => {
    const store = await SettingsStore.open(memoryFile(), box());
    await store.saveLearner({ destinations: [lrs] });
    const { password: _p, ...withoutSecret } = lrs;
    await store.saveLearner({ destinations: [{ ...withoutSecret, username: 'key2' }] });
    expect(store.learnerSettings().document.destinations?.[0]).toMatchObject({
      username: 'key2',
      password: 's3cret-pass',
    });
  });

  it('a secret that no longer opens drops that destination with a message', async () => {
    const file = memoryFile();
    const store = await SettingsStore.open(file, box());
    await store.saveLearner({ destinations: [lrs] });
    file.text = file.text!.replace(/sealed:[A-Za-z0-9+/=]+/, 'garbage');
    const reopened = await SettingsStore.open(file, box());
    const { document, issues } = reopened.learnerSettings();
    expect(document.destinations ?? []).toEqual([]);
    expect(issues.map((i) => i.message).join('\n')).toMatch(/could not be decrypted/);
  });

  it('a corrupt settings file starts over with a message instead of failing', async () => {
    const store = await SettingsStore.open(memoryFile('{not json'), box());
    expect(store.learnerSettings().issues[0]?.message).toMatch(/not valid JSON/);
  });

  it('keeps the pause in the one stored form, and reads an older file\'s "until resumed" (null) in it', async () => {
    const file = memoryFile();
    const store = await SettingsStore.open(file, box());
    await store.setPausedUntil(PAUSED_UNTIL_RESUMED);
    expect((await SettingsStore.open(file, box())).pausedUntil).toBe(PAUSED_UNTIL_RESUMED);
    await store.setPausedUntil(undefined);
    expect((await SettingsStore.open(file, box())).pausedUntil).toBeUndefined();
    file.text = JSON.stringify({ version: 1, installId: 'i', learner: {}, secrets: {}, pausedUntil: null });
    expect((await SettingsStore.open(file, box())).pausedUntil).toBe(PAUSED_UNTIL_RESUMED);
  });

  it('opens the saved secret of a destination for the settings form, and only while it still opens', async () => {
    const file = memoryFile();
    const store = await SettingsStore.open(file, box());
    await store.saveLearner({ destinations: [lrs] });
    expect(store.savedDestination('mine')).toMatchObject({ username: 'key', password: 's3cret-pass' });
    expect(store.savedDestination('other')).toBeUndefined();
    file.text = file.text!.replace(/sealed:[A-Za-z0-9+/=]+/, 'garbage');
    expect((await SettingsStore.open(file, box())).savedDestination('mine')).not.toHaveProperty('password');
  });
});

describe('SettingsStore on a disk that refuses writes (issue 11, bad input)', () => {
  const failing = (code: string) => {
    const file = memoryFile();
    let refuse = false;
    const write = file.write.bind(file);
    file.write = (text: string) =>
      refuse ? Promise.reject(Object.assign(new Error(`${code}: refused`), { code })) : write(text);
    return { file, refuse: (on: boolean) => (refuse = on) };
  };

  it.each([
    ['ENOSPC', 'Your settings could not be saved: the disk is full.'],
    ['EROFS', "Your settings could not be saved: the settings folder is read-only or not this user's."],
  ])('%s: a clear message, the previous file and the settings in use kept', async (code, message) => {
    const { file, refuse } = failing(code);
    const store = await SettingsStore.open(file, box());
    await store.saveLearner({ destinations: [lrs] });
    const before = file.text;
    refuse(true);
    const saving = store.saveLearner({
      destinations: [{ ...lrs, password: 'n3w-pass' }],
      learner: { name: 'Ada' },
    });
    await expect(saving).rejects.toBeInstanceOf(SettingsNotSavedError);
    await expect(saving).rejects.toThrow(message);
    await expect(store.setPausedUntil(PAUSED_UNTIL_RESUMED)).rejects.toThrow(message);
    expect(file.text).toBe(before);
    expect(store.learnerSettings().document.destinations?.[0]?.password).toBe('s3cret-pass');
    expect(store.publicDocument().learner).toBeUndefined();
    expect(store.pausedUntil).toBeUndefined();
    refuse(false);
    await store.saveLearner({ learner: { name: 'Ada' }, destinations: [lrs] });
    expect((await SettingsStore.open(file, box())).publicDocument().learner?.name).toBe('Ada');
  });

  it('a first start whose file cannot be written still runs, and says why', async () => {
    const { file, refuse } = failing('ENOSPC');
    refuse(true);
    const store = await SettingsStore.open(file, box());
    expect(store.installId).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.learnerSettings().issues).toEqual([
      expect.objectContaining({ message: expect.stringContaining('the disk is full') as unknown }),
    ]);
  });
});

describe('diskFile', () => {
  it('a write the disk refuses (ENOSPC, for real: /dev/full) leaves the old file whole and no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailnote-settings-'));
    const path = join(dir, 'settings.json');
    const file = diskFile(path);
    await file.write('{"old":true}\n');
    // The temporary file is where the kernel answers "no space left on device" to every write.
    const temporary = `${path}.${process.pid}.tmp`;
    await symlink('/dev/full', temporary);
    await expect(file.write('{"new":true}\n')).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(path, 'utf8')).toBe('{"old":true}\n');
    expect(await readdir(dir)).toEqual(['settings.json']);
    await file.write('{"new":true}\n');
    expect(await file.read()).toBe('{"new":true}\n');
    await rm(dir, { recursive: true, force: true });
  });
});
