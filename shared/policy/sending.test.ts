import { describe, expect, it } from 'vitest';
import { syncDestinations } from './destinations';
import { resolveSettings } from './layer';
import { learnerActor, maySend, pseudonymActor } from './sending';

describe('learnerActor', () => {
  it('is the configured learner once identified, else the per-install pseudonym', () => {
    const anonymous = resolveSettings();
    expect(learnerActor(anonymous, 'install-1')).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://trailnote.app/xapi', name: 'install-1' },
    });
    const homed = resolveSettings({
      enforced: { learner: { accountHomePage: 'https://idp.acme.example/' } },
    });
    expect(learnerActor(homed, 'install-1').account).toEqual({
      homePage: 'https://idp.acme.example/',
      name: 'install-1',
    });
    const ada = resolveSettings({ learner: { learner: { name: 'Ada', email: 'Ada@Acme.example' } } });
    expect(learnerActor(ada, 'install-1')).toEqual({
      objectType: 'Agent',
      name: 'Ada',
      mbox: 'mailto:ada@acme.example',
    });
  });
});

describe('maySend (docs/policy.md learner.mustIdentify)', () => {
  it('waits only while identification is demanded and missing', () => {
    expect(maySend(resolveSettings())).toBe(true);
    const must = { learner: { mustIdentify: true } };
    expect(maySend(resolveSettings({ enforced: must }))).toBe(false);
    expect(
      maySend(resolveSettings({ enforced: must, learner: { learner: { email: 'not-an-address' } } })),
    ).toBe(false);
    expect(
      maySend(resolveSettings({ enforced: must, learner: { learner: { email: 'ada@acme.example' } } })),
    ).toBe(true);
  });
});

describe('syncDestinations', () => {
  it('gives the engine each destination with its credentials', () => {
    const resolved = resolveSettings({
      enforced: {
        destinations: [
          { id: 'org', endpoint: 'https://org.example/xapi/', username: 'u', password: 'p' },
          {
            id: 'tok',
            name: 'Tokens',
            endpoint: 'https://tok.example/xapi/',
            token: 't',
            xapiVersion: '2.0.0',
          },
        ],
      },
    });
    expect(syncDestinations(resolved)).toEqual([
      {
        id: 'org',
        name: 'org.example',
        endpoint: 'https://org.example/xapi/',
        credentials: { kind: 'basic', username: 'u', password: 'p' },
        xapiVersion: 'auto',
        requiresIdentity: false,
      },
      {
        id: 'tok',
        name: 'Tokens',
        endpoint: 'https://tok.example/xapi/',
        credentials: { kind: 'bearer', token: 't' },
        xapiVersion: '2.0.0',
        requiresIdentity: false,
      },
    ]);
  });

  it("marks the organisation's destinations, not the learner's, as requiring identity under mustIdentify", () => {
    const resolved = resolveSettings({
      enforced: {
        destinations: [{ id: 'org', endpoint: 'https://org.example/xapi/', token: 't' }],
        allowLearnerDestinations: true,
        learner: { mustIdentify: true },
      },
      learner: { destinations: [{ id: 'mine', endpoint: 'https://mine.example/xapi/', token: 'm' }] },
    });
    expect(syncDestinations(resolved).map((d) => [d.id, d.requiresIdentity])).toEqual([
      ['org', true],
      ['mine', false],
    ]);
  });
});

describe('pseudonymActor', () => {
  it('is the install account even once the learner identified', () => {
    const ada = resolveSettings({ learner: { learner: { name: 'Ada', email: 'ada@acme.example' } } });
    expect(pseudonymActor(ada, 'install-1')).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://trailnote.app/xapi', name: 'install-1' },
    });
  });
});
