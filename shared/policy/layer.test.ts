import { describe, expect, it } from 'vitest';
import { builtInDefaults } from './defaults';
import { isLocked, resolveSettings } from './layer';
import { POLICY_MD_SAMPLE } from './test-fixtures/policy-md-sample';
import type { DestinationEntry, PolicyDocument } from './types';
import { validatePolicy } from './validate';

const lrs = (id: string, extra: Partial<DestinationEntry> = {}): DestinationEntry => ({
  id,
  endpoint: `https://${id}.example/xapi/`,
  token: `token-${id}`,
  ...extra,
});

describe('resolveSettings: precedence per leaf', () => {
  it('gives the built-in defaults with no documents, nothing locked', () => {
    const { settings, locked } = resolveSettings();
    expect(settings).toEqual(builtInDefaults());
    expect([...locked]).toEqual([]);
  });

  it('defaults < recommended < learner < enforced, for every tier', () => {
    const enforced: PolicyDocument = {
      capture: { holdMinutes: 1 },
      recommended: { capture: { holdMinutes: 2, articleMinSeconds: 20, mediaMinSeconds: 90 } },
    };
    const learner: PolicyDocument = { capture: { holdMinutes: 3, articleMinSeconds: 40 } };
    const { settings, locked } = resolveSettings({ enforced, learner });
    expect(settings.capture.holdMinutes).toBe(1); // enforced beats the learner
    expect(settings.capture.articleMinSeconds).toBe(40); // the learner beats recommended
    expect(settings.capture.mediaMinSeconds).toBe(90); // recommended beats the default
    expect(settings.capture.mediaMinPercent).toBe(50); // the default
    expect([...locked]).toEqual(['capture.holdMinutes']);
  });

  it('locks enforced leaves only, not their siblings', () => {
    const resolved = resolveSettings({ enforced: { learner: { email: 'ada@acme.example' } } });
    expect(isLocked(resolved, 'learner.email')).toBe(true);
    expect(isLocked(resolved, 'learner.name')).toBe(false);
    expect(isLocked(resolved, 'learner')).toBe(false);
    expect(isLocked(resolved, 'capture.holdMinutes')).toBe(false);
  });

  it('does not lock recommended values', () => {
    const resolved = resolveSettings({ enforced: { recommended: { capture: { holdMinutes: 10 } } } });
    expect(resolved.settings.capture.holdMinutes).toBe(10);
    expect(isLocked(resolved, 'capture.holdMinutes')).toBe(false);
  });

  it('locks a whole group when every leaf in it is enforced, and paths inside a locked leaf', () => {
    const resolved = resolveSettings({
      enforced: {
        skills: { frameworks: [], allowCustom: false, customBaseIri: 'https://s.example/' },
        allowLearnerDestinations: false,
      },
    });
    // frameworks are never locked: the learner may always add their own.
    expect(isLocked(resolved, 'skills')).toBe(false);
    expect(isLocked(resolved, 'skills.allowCustom')).toBe(true);
    expect(isLocked(resolved, 'destinations')).toBe(true);
    expect(isLocked(resolved, 'destinations[0].name')).toBe(true);

    const capture = builtInDefaults().capture;
    expect(isLocked(resolveSettings({ enforced: { capture } }), 'capture')).toBe(true);
    const { holdMinutes: _, ...allButOne } = capture;
    expect(isLocked(resolveSettings({ enforced: { capture: allButOne } }), 'capture')).toBe(false);
  });

  it('treats lists as leaves: replaced, not merged', () => {
    const { settings } = resolveSettings({
      enforced: { recommended: { capture: { blockedDomains: ['a.example'], kinds: ['video'] } } },
      learner: { capture: { blockedDomains: ['b.example'] } },
    });
    expect(settings.capture.blockedDomains).toEqual(['b.example']);
    expect(settings.capture.kinds).toEqual(['video']);
  });

  it("keeps an enforced list over the learner's, even an empty one", () => {
    const { settings, locked } = resolveSettings({
      enforced: { capture: { blockedDomains: ['a.example'] } },
      learner: { capture: { blockedDomains: [] } },
    });
    expect(settings.capture.blockedDomains).toEqual(['a.example']);
    expect(locked.has('capture.blockedDomains')).toBe(true);
  });

  it("ignores the learner's allowLearnerDestinations and recommended", () => {
    const { settings } = resolveSettings({
      enforced: { allowLearnerDestinations: false },
      learner: { allowLearnerDestinations: true, recommended: { capture: { holdMinutes: 99 } } },
    });
    expect(settings.allowLearnerDestinations).toBe(false);
    expect(settings.capture.holdMinutes).toBe(5);
  });

  it('never shares lists with the documents (changing settings leaves the policy intact)', () => {
    const enforced: PolicyDocument = { capture: { blockedDomains: ['a.example'] } };
    const { settings } = resolveSettings({ enforced });
    settings.capture.blockedDomains.push('b.example');
    expect(enforced.capture?.blockedDomains).toEqual(['a.example']);
    expect(resolveSettings().settings.capture.kinds).toEqual(['article', 'video', 'audio']);
  });

  it('resolves the docs/policy.md sample as docs/policy.md says', () => {
    const { document } = validatePolicy(POLICY_MD_SAMPLE);
    const resolved = resolveSettings({ enforced: document, learner: { capture: { holdMinutes: 20 } } });
    const { settings } = resolved;
    // holdMinutes is both enforced (5) and recommended (10): the enforced value wins and is locked.
    expect(settings.capture.holdMinutes).toBe(5);
    expect(isLocked(resolved, 'capture.holdMinutes')).toBe(true);
    expect(isLocked(resolved, 'capture')).toBe(true);
    expect(settings.destinations).toEqual([
      {
        id: 'acme',
        name: 'Acme LRS',
        endpoint: 'https://lrs.acme.example/xapi/',
        username: '<key>',
        password: '<secret>',
        xapiVersion: 'auto',
        origin: 'organisation',
      },
    ]);
    expect(settings.learner).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@acme.example',
      accountHomePage: 'https://sso.acme.example',
      accountName: 'ada',
      mustIdentify: false,
    });
    expect(settings.capture.blockedDomains).toEqual(['bank.example']);
    expect(settings.skills.frameworks.map((framework) => framework.id)).toEqual(['acme']);
    expect(settings.skills.customBaseIri).toBe('https://skills.acme.example/custom/');
    expect(isLocked(resolved, 'destinations')).toBe(false);
    expect(isLocked(resolved, 'allowLearnerDestinations')).toBe(true);
  });
});

describe('resolveSettings: destinations', () => {
  it('marks origins, fills name and xapiVersion, keeps learner ones when allowed', () => {
    const { settings } = resolveSettings({
      enforced: { destinations: [lrs('org', { name: 'Org LRS', xapiVersion: '2.0.0' })] },
      learner: { destinations: [lrs('mine')] },
    });
    expect(settings.destinations).toEqual([
      { ...lrs('org'), name: 'Org LRS', xapiVersion: '2.0.0', origin: 'organisation' },
      { ...lrs('mine'), name: 'mine.example', xapiVersion: 'auto', origin: 'learner' },
    ]);
  });

  it("drops the learner's destinations when not allowed", () => {
    const { settings, locked } = resolveSettings({
      enforced: { destinations: [lrs('org')], allowLearnerDestinations: false },
      learner: { destinations: [lrs('mine')] },
    });
    expect(settings.destinations.map((destination) => destination.id)).toEqual(['org']);
    expect(locked.has('destinations')).toBe(true);
  });

  it('drops learner destinations whose id the organisation uses', () => {
    const { settings } = resolveSettings({
      enforced: { destinations: [lrs('shared')] },
      learner: { destinations: [lrs('shared', { endpoint: 'https://evil.example/' }), lrs('mine')] },
    });
    expect(settings.destinations.map((destination) => [destination.id, destination.origin])).toEqual([
      ['shared', 'organisation'],
      ['mine', 'learner'],
    ]);
    expect(settings.destinations[0]?.endpoint).toBe('https://shared.example/xapi/');
  });

  it('ignores recommended destinations even in an unvalidated document', () => {
    const enforced = { recommended: { destinations: [lrs('x')] } } as unknown as PolicyDocument;
    expect(resolveSettings({ enforced }).settings.destinations).toEqual([]);
  });
});

describe('resolveSettings: skills.frameworks concatenate', () => {
  const framework = (id: string) => ({ id, name: id.toUpperCase(), skills: [] });

  it('puts organisation frameworks first, then the learner ones, dropping clashing ids', () => {
    const { settings, locked } = resolveSettings({
      enforced: { skills: { frameworks: [framework('org')] } },
      learner: { skills: { frameworks: [framework('org'), framework('mine')] } },
    });
    expect(settings.skills.frameworks).toEqual([framework('org'), framework('mine')]);
    expect(locked.has('skills.frameworks')).toBe(false);
  });

  it('uses recommended frameworks until the learner has a list of their own', () => {
    const enforced: PolicyDocument = {
      skills: { frameworks: [framework('org')] },
      recommended: { skills: { frameworks: [framework('suggested')] } },
    };
    expect(resolveSettings({ enforced }).settings.skills.frameworks.map((f) => f.id)).toEqual([
      'org',
      'suggested',
    ]);
    const learner: PolicyDocument = { skills: { frameworks: [] } };
    expect(resolveSettings({ enforced, learner }).settings.skills.frameworks.map((f) => f.id)).toEqual([
      'org',
    ]);
  });
});
