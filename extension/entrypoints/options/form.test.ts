import { describe, expect, it } from 'vitest';
import { resolveSettings, validatePolicy } from '../../../shared/policy';
import type { OptionsState } from '../../platform/messages';
import { domainList, formValues, issuesByField, settingsDocument } from './form';

/** The page's state for an organisation that enforces the hold and recommends a reading time. */
function stateFor(own: OptionsState['own']): OptionsState {
  const enforced = { capture: { holdMinutes: 15 }, recommended: { capture: { articleMinSeconds: 45 } } };
  const resolved = resolveSettings({ enforced, learner: own });
  const base = resolveSettings({ enforced }).settings;
  return {
    destinations: [],
    allowLearnerDestinations: true,
    effective: { learner: resolved.settings.learner, capture: resolved.settings.capture },
    base: { learner: base.learner, capture: base.capture },
    own,
    locked: [...resolved.locked],
    recommended: ['capture.articleMinSeconds'],
    identified: false,
    issues: [],
  };
}

describe('the options form model', () => {
  it('sends nothing when nothing changed, so defaults keep following the organisation', () => {
    const state = stateFor({});
    expect(settingsDocument(formValues(state.effective), state)).toEqual({});
  });

  it('sends changed values, keeps the learner’s own ones, and never sends an enforced key', () => {
    const state = stateFor({ capture: { mediaMinSeconds: 60 } }); // own value equal to the default: kept
    const values = {
      ...formValues(state.effective),
      'learner.email': ' ada@acme.example ',
      'capture.holdMinutes': '1', // enforced: the control is disabled, and the value is not sent
      'capture.articleMinSeconds': '20',
      'capture.kinds': ['article' as const],
      'capture.allowedDomains': 'docs.example, learn.example\n\n',
    };
    expect(settingsDocument(values, state)).toEqual({
      learner: { email: 'ada@acme.example' },
      capture: {
        kinds: ['article'],
        allowedDomains: ['docs.example', 'learn.example'],
        articleMinSeconds: 20,
        mediaMinSeconds: 60,
      },
    });
  });

  it('hands text that is not a number to validation, which names the field', () => {
    const state = stateFor({});
    const values = {
      ...formValues(state.effective),
      'capture.mediaMinPercent': 'half',
      'capture.blockedDomains': 'ok.example\nhttps://bank.example/login',
    };
    const { issues } = validatePolicy(settingsDocument(values, state));
    expect(issues.map((i) => i.path)).toEqual(['capture.mediaMinPercent', 'capture.blockedDomains[1]']);
    expect(issuesByField(issues)).toEqual({
      'capture.mediaMinPercent': [issues[0]!.message],
      'capture.blockedDomains': [issues[1]!.message],
    });
    expect(issuesByField([{ path: 'learner', message: 'learner: expected an object' }])).toEqual({
      '': ['learner: expected an object'],
    });
  });

  it('sends the private hosts the learner lists, and names an invalid one under that field', () => {
    const state = stateFor({});
    const values = {
      ...formValues(state.effective),
      'capture.allowedPrivateHosts': 'wiki.internal\n192.168.1.0/24, 10.1.0.0/8',
    };
    const doc = settingsDocument(values, state);
    expect(doc.capture?.allowedPrivateHosts).toEqual(['wiki.internal', '192.168.1.0/24', '10.1.0.0/8']);
    const { document, issues } = validatePolicy(doc);
    expect(document.capture?.allowedPrivateHosts).toEqual(['wiki.internal', '192.168.1.0/24']);
    expect(Object.keys(issuesByField(issues))).toEqual(['capture.allowedPrivateHosts']);
    expect(issues[0]?.message).toContain(
      'capture.allowedPrivateHosts[2]: expected a host name, IP address or CIDR range',
    );
  });

  it('splits domain lists on lines, commas and spaces', () => {
    expect(domainList(' a.example,b.example \n\n c.example d.example ')).toEqual([
      'a.example',
      'b.example',
      'c.example',
      'd.example',
    ]);
  });
});
