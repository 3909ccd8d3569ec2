import { describe, expect, it } from 'vitest';
import { policySchema } from '../../shared/policy';
import { parseSettingsInput } from './ipc-validate';

const settings = {
  name: 'Ada',
  email: 'ada@example.org',
  captureEnabled: true,
  holdMinutes: 5,
  reviewBeforeSync: false,
  destination: { endpoint: 'https://lrs.example/xapi/', username: 'key', password: '' },
};

describe('parseSettingsInput: the settings form, exactly', () => {
  it('accepts the form as the window sends it, with or without a destination', () => {
    expect(parseSettingsInput(settings)).toEqual({ ok: true, value: settings });
    expect(parseSettingsInput({ ...settings, destination: null }).ok).toBe(true);
  });

  it('takes the hold bound from the policy schema (docs/policy.md capture.holdMinutes)', () => {
    const max = policySchema.properties.capture.properties.holdMinutes.max;
    expect(parseSettingsInput({ ...settings, holdMinutes: max }).ok).toBe(true);
    expect(parseSettingsInput({ ...settings, holdMinutes: max + 1 }).ok).toBe(false);
  });

  it.each([
    { ...settings, extra: 1 },
    { ...settings, holdMinutes: -1 },
    { ...settings, holdMinutes: 1.5 },
    { ...settings, captureEnabled: 'yes' },
    { ...settings, name: 'x'.repeat(501) },
    { ...settings, destination: { endpoint: 'https://x/', username: 'u' } },
    { ...settings, destination: { ...settings.destination, password: 'p'.repeat(4097) } },
    Object.assign(Object.create({ polluted: true }) as object, settings),
    'settings',
  ])('refuses %j', (input) => {
    expect(parseSettingsInput(input).ok).toBe(false);
  });
});
