import type { TestProject } from 'vitest/node';
import { TEST_CREDENTIALS } from '../support/auth-stub';
import { startLrs, type RunningLrs } from '../support/lrs';
import { ADL_CREDENTIALS, startAdlLrs } from '../support/lrs-adl';
import type { LrsUnderTest } from '../support/lrs-under-test';

/** Starts the LRSs under test (lrs-under-test.ts) at once, and stops every one it started. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TRAILNOTE_LRS_ENDPOINT;
  if (external) {
    const readonlyUser = process.env.TRAILNOTE_LRS_READONLY_USERNAME;
    const lrs: LrsUnderTest = {
      name: 'external',
      endpoint: external.endsWith('/') ? external : `${external}/`,
      username: process.env.TRAILNOTE_LRS_USERNAME ?? '',
      password: process.env.TRAILNOTE_LRS_PASSWORD ?? '',
      ...(readonlyUser
        ? {
            readonly: { username: readonlyUser, password: process.env.TRAILNOTE_LRS_READONLY_PASSWORD ?? '' },
          }
        : { noReadonlyBecause: 'TRAILNOTE_LRS_READONLY_USERNAME is not set' }),
      local: false,
      timeoutMs: 10_000,
    };
    provide(project, [lrs]);
    return () => Promise.resolve();
  }
  const only = process.env.TRAILNOTE_LRS_ONLY;
  if (only && only !== 'learning-locker' && only !== 'adl') {
    throw new Error(`TRAILNOTE_LRS_ONLY must be learning-locker or adl, not ${only}`);
  }
  const started = await Promise.allSettled([
    only === 'adl' ? undefined : startLrs({ auth: 'real' }),
    only === 'learning-locker' ? undefined : startAdlLrs(),
  ]);
  const running = started.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(running.map((r: RunningLrs) => r.stop()));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [ll, adl] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  const list: LrsUnderTest[] = [];
  if (ll) {
    list.push({
      name: 'learning-locker',
      endpoint: ll.endpoint,
      username: TEST_CREDENTIALS.writer.username,
      password: TEST_CREDENTIALS.writer.password,
      readonly: { ...TEST_CREDENTIALS.reader },
      local: true,
      timeoutMs: 700,
    });
  }
  if (adl) {
    list.push({
      name: 'adl',
      endpoint: adl.endpoint,
      ...ADL_CREDENTIALS,
      noReadonlyBecause:
        "ADL's LRS cannot limit a Basic-auth account to reading (scopes exist only for OAuth)",
      local: true,
      timeoutMs: 2000,
    });
  }
  provide(project, list);
  return stopAll;
}

function provide(project: TestProject, list: LrsUnderTest[]): void {
  project.provide('lrsList', list);
  project.provide('lrs', list[0]!);
}
