import type { LrsUnderTest } from './lrs-under-test';

/** What reading back needs of an LRS. */
type LrsAccess = Pick<LrsUnderTest, 'endpoint' | 'username' | 'password'>;

const auth = (lrs: LrsAccess) => `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`;

/**
 * Every statement the LRS holds for one agent (following `more` links), as the LRS returns them. One page of up to
 * 5,000: Learning Locker's `more` cursor compares uuid-v1 ids as strings, whose first field (the low 32 bits of
 * the time) wraps every 7 min 9 s, so a read paged across a wrap leaves out everything stored after it (the LRS
 * still holds them by id). It has no upper limit on a page; ADL's LRS caps the page and its `more` links are sound.
 */
export async function statementsFor(lrs: LrsAccess, agent: object): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  const first = `${lrs.endpoint}statements?limit=5000&ascending=true&agent=${encodeURIComponent(JSON.stringify(agent))}`;
  let url: string | undefined = first;
  while (url) {
    const res = await fetch(url, {
      headers: { Authorization: auth(lrs), 'X-Experience-API-Version': '1.0.3' },
    });
    if (res.status !== 200) throw new Error(`GET statements: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { statements: Array<Record<string, unknown>>; more?: string };
    out.push(...page.statements);
    if (!page.more) break;
    // Learning Locker's `more` link spells the agent as "[object Object]": keep our query, take its cursor.
    const more = new URL(page.more, lrs.endpoint);
    const cursor = more.searchParams.get('cursor');
    url =
      cursor && /object Object/.test(page.more)
        ? `${first}&cursor=${encodeURIComponent(cursor)}`
        : more.toString();
  }
  return out;
}

/** One statement by id, or undefined on 404 (voided statements included via voidedStatementId). */
export async function statementById(
  lrs: LrsAccess,
  id: string,
  voided = false,
): Promise<Record<string, unknown> | undefined> {
  const param = voided ? 'voidedStatementId' : 'statementId';
  const res = await fetch(`${lrs.endpoint}statements?${param}=${id}`, {
    headers: { Authorization: auth(lrs), 'X-Experience-API-Version': '1.0.3' },
  });
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET statement ${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
