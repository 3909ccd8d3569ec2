/** Pieces every browser's e2e suite shares: the organisation's policy for a test learner, and media playback. */
import type { E2eEnv } from './env';

/**
 * The fixture pages' hosts: the server listens on 127.0.0.1 and Chromium maps every `*.localhost` name to
 * loopback. Loopback is never captured unless the policy lists it (docs/policy.md, `allowedPrivateHosts`).
 */
export const FIXTURE_PRIVATE_HOSTS = ['127.0.0.0/8', 'localhost'];

/**
 * The policy an admin would distribute, for one test learner, delivering to `endpoint` (the LRS or a proxy).
 * It reopens the loopback fixture hosts to capture; `extra.capture` may override that (with `[]`, nothing on
 * the fixture server is captured).
 */
export function organisationPolicy(
  env: E2eEnv,
  learner: { email: string; name?: string },
  extra: { endpoint?: string; capture?: object; skills?: object } = {},
) {
  return {
    destinations: [
      {
        id: 'acme',
        name: 'Acme LRS',
        endpoint: extra.endpoint ?? env.lrs.endpoint,
        username: env.lrs.username,
        password: env.lrs.password,
      },
    ],
    learner,
    capture: {
      articleMinSeconds: 2,
      mediaMinSeconds: 2,
      mediaMinPercent: 50,
      holdMinutes: 0,
      blockedDomains: ['blocked.localhost'],
      allowedPrivateHosts: FIXTURE_PRIVATE_HOSTS,
      ...extra.capture,
    },
    ...(extra.skills ? { skills: extra.skills } : {}),
  };
}

/**
 * Evaluated in the page (Playwright's and Puppeteer's `evaluate` alike): play the first element matching the
 * selector and resolve when it fires `ended`.
 */
export function playMediaToEnd(selector: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const el = document.querySelector(selector) as HTMLMediaElement;
    el.addEventListener('ended', () => resolve(), { once: true });
    el.play().catch(reject);
  });
}
