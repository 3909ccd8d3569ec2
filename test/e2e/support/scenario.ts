/** Pieces every browser's e2e suite shares: the organisation's policy for a test learner, and media playback. */
import type { E2eEnv } from './env';

/** The policy an admin would distribute, for one test learner, delivering to `endpoint` (the LRS or a proxy). */
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
