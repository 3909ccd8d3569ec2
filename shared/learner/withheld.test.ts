import { describe, expect, it } from 'vitest';
import type { XapiAgent } from '../xapi';
import { t } from '../ui/i18n';
import { withheldFrom, type WithheldFacts } from './withheld';

const PSEUDONYM: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://trailnote.app/xapi', name: '5b1e0c1a-0000-4000-8000-00000000beef' },
};
const ADA: XapiAgent = { objectType: 'Agent', mbox: 'mailto:ada@acme.example' };
const json = (actor: XapiAgent) => JSON.stringify({ id: 'x', actor });
const facts: WithheldFacts = { pseudonym: PSEUDONYM, requiring: [{ id: 'org', name: 'Acme LRS' }] };
const sentToMine = { destinationId: 'mine', state: 'sent' as const, attempts: 1 };

describe('withheldFrom', () => {
  it('names the identity-requiring destinations an item fixed with the pseudonym was kept from', () => {
    expect(withheldFrom(json(PSEUDONYM), [sentToMine], facts)).toEqual(['Acme LRS']);
    expect(t('record.withheld', { names: 'Acme LRS' })).toBe(
      'Not sent to Acme LRS: captured before you were identified',
    );
  });

  it('says nothing of an item that can still take the learner’s actor, went there, or is the learner’s own', () => {
    // Never attempted anywhere: restamped with the learner's actor when claimed (shared/outbox/stamp.ts).
    expect(
      withheldFrom(json(PSEUDONYM), [{ destinationId: 'mine', state: 'pending', attempts: 0 }], facts),
    ).toEqual([]);
    expect(
      withheldFrom(
        json(PSEUDONYM),
        [sentToMine, { destinationId: 'org', state: 'pending', attempts: 0 }],
        facts,
      ),
    ).toEqual([]);
    expect(withheldFrom(json(ADA), [sentToMine], facts)).toEqual([]);
    expect(withheldFrom(json(PSEUDONYM), [sentToMine], { ...facts, requiring: [] })).toEqual([]);
    expect(withheldFrom(json(PSEUDONYM), [sentToMine], { ...facts, pseudonym: undefined })).toEqual([]);
  });
});
