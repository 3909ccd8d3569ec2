import { describe, expect, it } from 'vitest';
import { builtInDefaults, DEFAULT_CUSTOM_SKILL_BASE_IRI } from './defaults';
import type { Settings } from './types';
import { validatePolicy } from './validate';

describe('builtInDefaults', () => {
  it('has the meaning docs/policy.md gives', () => {
    const expected: Settings = {
      destinations: [],
      allowLearnerDestinations: true,
      learner: { mustIdentify: false },
      capture: {
        enabled: true,
        kinds: ['article', 'video', 'audio'],
        articleMinSeconds: 30,
        mediaMinSeconds: 60,
        mediaMinPercent: 50,
        holdMinutes: 5,
        reviewBeforeSync: false,
        blockedDomains: [],
        allowedDomains: [],
        allowedPrivateHosts: [],
        keepQueryStrings: false,
      },
      skills: { frameworks: [], allowCustom: true, customBaseIri: DEFAULT_CUSTOM_SKILL_BASE_IRI },
    };
    expect(builtInDefaults()).toEqual(expected);
  });

  it('passes its own validation (every default fits its key)', () => {
    const { destinations: _, ...document } = builtInDefaults();
    const { document: validated, issues } = validatePolicy(document);
    expect(issues).toEqual([]);
    expect(validated).toEqual(document);
  });

  it('returns a fresh copy each time', () => {
    const first = builtInDefaults();
    first.capture.kinds.pop();
    first.capture.blockedDomains.push('x.example');
    expect(builtInDefaults().capture.kinds).toEqual(['article', 'video', 'audio']);
    expect(builtInDefaults().capture.blockedDomains).toEqual([]);
  });
});
