import type { TestProject } from 'vitest/node';
import { TEST_CREDENTIALS } from '../support/auth-stub';
import { startLrs } from '../support/lrs';
import type { LrsUnderTest } from '../support/lrs-under-test';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.TRAILNOTE_LRS_ENDPOINT;
  if (external) {
    const readonlyUser = process.env.TRAILNOTE_LRS_READONLY_USERNAME;
    const lrs: LrsUnderTest = {
      endpoint: external.endsWith('/') ? external : `${external}/`,
      username: process.env.TRAILNOTE_LRS_USERNAME ?? '',
      password: process.env.TRAILNOTE_LRS_PASSWORD ?? '',
      ...(readonlyUser
        ? {
            readonly: { username: readonlyUser, password: process.env.TRAILNOTE_LRS_READONLY_PASSWORD ?? '' },
          }
        : {}),
      local: false,
    };
    project.provide('lrs', lrs);
    return undefined;
  }
  const running = await startLrs({ auth: 'real' });
  project.provide('lrs', {
    endpoint: running.endpoint,
    username: TEST_CREDENTIALS.writer.username,
    password: TEST_CREDENTIALS.writer.password,
    readonly: { ...TEST_CREDENTIALS.reader },
    local: true,
  });
  return running.stop;
}
