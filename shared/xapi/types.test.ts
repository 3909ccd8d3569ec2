// Compile-time guarantees (checked by `tsc`, and by vitest's expectTypeOf at run time as a no-op).
import type { Agent, Statement } from '@xapi/xapi';
import { describe, expectTypeOf, it } from 'vitest';
import type { XapiAgent, XapiStatement } from './types';

describe('types', () => {
  it('our statements are @xapi/xapi Statements, so a client built on its types accepts them', () => {
    expectTypeOf<XapiStatement>().toExtend<Statement>();
    expectTypeOf<XapiAgent>().toExtend<Agent>();
  });

  it('an agent cannot carry two identifiers', () => {
    // @ts-expect-error mbox and account together
    const twoIfis: XapiAgent = {
      objectType: 'Agent',
      mbox: 'mailto:a@b.example',
      account: { homePage: 'https://x', name: 'a' },
    };
    expectTypeOf(twoIfis).toEqualTypeOf<XapiAgent>();
  });
});
