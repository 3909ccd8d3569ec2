/**
 * A PDF read in Chromium's own viewer, where no content script runs: the background measures it from the tab
 * (shown in the focused window, the learner not idle) and, once past `articleMinSeconds`, it is one "read"
 * statement named by the document's title (or its file name) in the real LRS.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `pia+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;
const READ = 'http://activitystrea.ms/schema/1.0/read';
const PDF = site('field-guide.pdf');

let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  removePolicy = installChromiumPolicy(
    env.extensionId,
    organisationPolicy(env, { email }, { capture: { articleMinSeconds: 2 } }),
  );
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

describe('PDFs in the browser viewer (Chromium)', () => {
  it('a PDF kept in front past the threshold, then left, is one read statement', async () => {
    const page = await run.context.newPage();
    await page.goto(PDF);
    await page.bringToFront();
    const worker = await run.serviceWorker();
    const pdfSession = async () =>
      Object.values(
        await storedSessions<{ kind: string; state: { visible: boolean; focused: boolean } }>(worker),
      ).find((s) => s.kind === 'pdf');
    await expect
      .poll(pdfSession, { timeout: 15_000 })
      .toMatchObject({ state: { visible: true, focused: true } });
    await page.waitForTimeout(3_000); // the reading itself: time in front, past the 2 s threshold
    await page.goto('about:blank'); // leaving the PDF ends its session
    const st = await waitForStatement(env.lrs, agent, (s) => s.verb.id === READ);
    expect(st.object.id).toBe(PDF);
    const name = (st.object as { definition?: { name?: Record<string, string> } }).definition?.name ?? {};
    expect(Object.values(name)[0]).toMatch(/^(A field guide to estuaries|field-guide\.pdf)$/);
    const seconds = Number(/^PT(\d+(?:\.\d+)?)S$/.exec((st.result as { duration: string }).duration)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(30);
    await page.close();
    expect((await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ)).toHaveLength(1);
    expect(await pdfSession()).toBeUndefined();
  });
});
