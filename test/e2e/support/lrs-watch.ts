import { expect } from 'vitest';
import type { E2eEnv } from './env';

type Statement = Record<string, unknown> & { id: string; verb: { id: string }; object: { id: string } };

const headers = (lrs: E2eEnv['lrs']) => ({
  Authorization: `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`,
  'X-Experience-API-Version': '1.0.3',
});

/** Every statement the LRS holds for an agent (small test volumes: one page). */
export async function statementsOf(lrs: E2eEnv['lrs'], agent: object): Promise<Statement[]> {
  const res = await fetch(
    `${lrs.endpoint}statements?limit=500&agent=${encodeURIComponent(JSON.stringify(agent))}`,
    { headers: headers(lrs) },
  );
  if (res.status !== 200) throw new Error(`GET statements: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { statements: Statement[] }).statements;
}

/**
 * Wait until the LRS holds a statement matching `match` for the agent. The extension delivers on its own
 * schedule (hold, alarm, sync), so this polls the LRS — there is no event in this process to await.
 */
export async function waitForStatement(
  lrs: E2eEnv['lrs'],
  agent: object,
  match: (s: Statement) => boolean,
  timeout = 30_000,
): Promise<Statement> {
  let found: Statement | undefined;
  await expect
    .poll(
      async () => {
        found = (await statementsOf(lrs, agent)).find(match);
        return found !== undefined;
      },
      { timeout, interval: 250 },
    )
    .toBe(true);
  return found!;
}
