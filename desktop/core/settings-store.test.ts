import { describe, expect, it } from 'vitest';
import { memoryFile, sealingBox as box } from '../testing/fakes';
import { PAUSED_UNTIL_RESUMED } from '../../shared/learner/pause';
import { EncryptionUnavailableError, SettingsStore } from './settings-store';

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
