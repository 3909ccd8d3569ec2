import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROME_EXTENSION_ID } from '../../extension/identity';
import { TEST_CREDENTIALS } from '../support/auth-stub';
import { startLrs } from '../support/lrs';
import { startFixtureServer } from '../e2e/support/fixtures-server';
import type { E2eEnv } from '../e2e/support/env';
import { generateMedia } from '../e2e/support/media';

const root = resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The e2e suite installs a managed browser policy under /etc and must run as root (CI does).',
    );
  }
  if (!process.env.TRAILNOTE_SKIP_BUILD) {
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const mediaDir = join(root, '.tmp', 'media');
  generateMedia(join(mediaDir, 'media'));
  const lrs = await startLrs({ auth: 'real' });
  const server = await startFixtureServer([join(root, 'test/fixtures/pages'), mediaDir]);
  const env: E2eEnv = {
    lrs: { endpoint: lrs.endpoint, ...TEST_CREDENTIALS.writer },
    port: server.port,
    extensionDir: join(root, '.output', 'chrome-mv3'),
    extensionId: CHROME_EXTENSION_ID,
  };
  project.provide('e2e', env);
  return async () => {
    await server.close();
    await lrs.stop();
  };
}
