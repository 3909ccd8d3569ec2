/**
 * The page side of `npm run bench:scale` (bench/scale.bench.ts): the shared outbox, sync pass and My learning,
 * bundled as they are in the apps and run in Chromium with its real IndexedDB. The driver calls `window.scale`.
 */
import { render } from 'preact';
import '../../shared/ui/theme.css';
import '../../shared/ui/record/record.css';
import { Outbox, type NewItem } from '../../shared/outbox';
import { queryRecord, RECORD_PAGE } from '../../shared/record';
import { syncPass, type DestinationConfig } from '../../shared/sync';
import { MyLearning, type MyLearningApi } from '../../shared/ui/record';
import { statementForVersion, type XapiAgent } from '../../shared/xapi';

const DEST = 'lrs';
/**
 * The learner's install account, named after the outbox it was first open()ed with and the same each time: a
 * drain in a reopened browser, or of a copy, finds every statement already stamped with it, as the extension's
 * would (a new one would restamp every statement).
 */
let actor: XapiAgent = { objectType: 'Agent', account: { homePage: 'https://trailnote.app/xapi', name: '' } };
const SKILLS = Array.from({ length: 40 }, (_, i) => ({
  id: `https://skills.example/s/${i}`,
  name: `Skill ${i}`,
}));
const BASE = Date.parse('2024-01-01T08:00:00.000Z');

let outbox: Outbox | undefined;
/** A second outbox that stays at the smallest backlog: its pass is timed beside each level's (the driver). */
let reference: Outbox | undefined;
let made = 0;

/** A captured article as the extension queues it: its frozen statement and what the learner sees. */
function item(): NewItem {
  const i = made++;
  const id = crypto.randomUUID();
  const url = `https://articles.example/post/${i}`;
  const statement = {
    id,
    actor,
    verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
    object: {
      objectType: 'Activity',
      id: url,
      definition: { type: 'http://activitystrea.ms/schema/1.0/article', name: { en: `Article ${i}` } },
    },
    result: { duration: `PT${(i % 50) + 1}M`, completion: true },
    // Two years of learning: one item every ~10 minutes of daytime.
    timestamp: new Date(BASE + i * 630_000).toISOString(),
  };
  return {
    id,
    json: JSON.stringify(statement),
    meta: {
      kind: 'article',
      title: `Article ${i}`,
      url,
      source: 'extension',
      skills: [SKILLS[i % SKILLS.length]!],
      details: { engagedSeconds: 60 * ((i % 50) + 1) },
    },
  };
}

function dest(endpoint: string): DestinationConfig {
  return {
    id: DEST,
    endpoint,
    credentials: { kind: 'basic', username: 'a', password: 'b' },
    xapiVersion: '1.0.3',
  };
}

async function fillOutbox(o: Outbox, n: number): Promise<number> {
  for (let done = 0; done < n; done += 10_000) {
    const chunk = Array.from({ length: Math.min(10_000, n - done) }, item);
    await o.enqueue(chunk, Date.now(), [DEST]);
  }
  return (await o.counts()).ready;
}

function ob(): Outbox {
  if (!outbox) throw new Error('call open() first');
  return outbox;
}

export interface DrainResult {
  sent: number;
  pending: number;
  seconds: number;
  requests: number;
  /** Statements in each request, in order. */
  sizes: number[];
  batches: string;
  bytes: number;
  sha256: string;
  wire_ms: number;
  between_requests_ms: number;
  gap_median_ms: number;
  gap_p95_ms: number;
  outbox_calls: Record<string, { calls: number; ms: number; median_ms: number; p95_ms: number }>;
}

const quantile = (xs: number[], q: number) =>
  xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const median = (xs: number[]) => quantile(xs, 0.5);
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Times the outbox's async methods `names` until `restore()`: calls, total, median and p95 ms of each, from the
 * call to settled (waits in IndexedDB's queue included).
 */
function timeCalls(o: Outbox, names: readonly string[]) {
  const target = o as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const spent: Record<string, number[]> = {};
  for (const name of names) {
    const original = target[name]!;
    const times: number[] = (spent[name] = []);
    target[name] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await original.apply(o, args);
      } finally {
        times.push(performance.now() - t0);
      }
    };
  }
  return {
    restore: () => names.forEach((name) => delete target[name]),
    spent: () =>
      Object.fromEntries(
        Object.entries(spent).map(([k, v]) => [
          k,
          {
            calls: v.length,
            ms: Math.round(v.reduce((a, b) => a + b, 0)),
            median_ms: round1(median(v)),
            p95_ms: round1(quantile(v, 0.95)),
          },
        ]),
      ),
  };
}

const api = {
  /** Open the outbox `name`; `learner`: the outbox the learner's account is named after (a copy's original). */
  open(name: string, learner = name): void {
    outbox = Outbox.open(name);
    actor = {
      objectType: 'Agent',
      account: { homePage: 'https://trailnote.app/xapi', name: `bench-${learner}` },
    };
  },

  /** Open the reference outbox `name` (beside the one open()ed) and queue `n` items in it. */
  async openReference(name: string, n: number): Promise<number> {
    reference = Outbox.open(name);
    return fillOutbox(reference, n);
  },

  /** Queue `n` more items, as a long-running capture would have left them: 10,000 per transaction (setup only). */
  fill(n: number): Promise<number> {
    return fillOutbox(ob(), n);
  },

  /**
   * Queue every item of the open outbox, as it is (id, statement, what the learner sees), in a new outbox `name`:
   * a second drain of the very same statements. Returns how many.
   */
  async copyTo(name: string): Promise<number> {
    const copy = Outbox.open(name);
    try {
      for (let after = 0; ;) {
        const items = await ob().after(after, 10_000);
        if (items.length === 0) break;
        await copy.enqueue(
          items.map(({ id, json, meta }) => ({ id, json, meta })),
          Date.now(),
          [DEST],
        );
        after = items.at(-1)!.seq;
      }
      return (await copy.counts()).ready;
    } finally {
      copy.close();
    }
  },

  /** One capture at a time, as the background queues them: each enqueue's latency in ms. */
  async enqueueLatency(k: number): Promise<number[]> {
    const times: number[] = [];
    for (let j = 0; j < k; j++) {
      const one = item();
      const t0 = performance.now();
      await ob().enqueue(one, Date.now(), [DEST]);
      times.push(performance.now() - t0);
    }
    return times;
  },

  /**
   * One sync pass (as the alarm or a capture runs it); `force` makes it try the LRS even while backing off. On the
   * reference outbox (openReference) when `onReference`.
   */
  async pass(endpoint: string, force: boolean, onReference = false): Promise<number> {
    const o = onReference ? reference : ob();
    if (!o) throw new Error('call openReference() first');
    const t0 = performance.now();
    await syncPass(o, {
      destinations: [dest(endpoint)],
      actor: () => actor,
      maySend: true,
      force,
      now: () => Date.now(),
    });
    return performance.now() - t0;
  },

  /**
   * Drain everything into the LRS in one pass, as the extension's alarm would once the LRS is back. Besides the
   * rate, where the time went: each POST's time on the wire (sent → answer read) against the time between
   * requests (the engine's own work not hidden behind a request), the outbox calls' time (they overlap the
   * requests), the sizes the engine chose (shared/sync/batch-size.ts) as "size×count" runs, and a SHA-256 of
   * every body sent, so the bulk reference can prove it posts the same bytes.
   */
  async drain(endpoint: string): Promise<DrainResult> {
    const o = ob();
    const before = (await o.deliveryCounts(DEST)).sent;
    const posts: Array<{ n: number; start: number; end: number }> = [];
    const bodies: string[] = [];
    const timed: typeof fetch = async (input, init) => {
      if (init?.method !== 'POST' || typeof init.body !== 'string') return fetch(input, init);
      const start = performance.now();
      const res = await fetch(input, init);
      const text = await res.text();
      posts.push({ n: (init.body.match(/"verb":/g) ?? []).length, start, end: performance.now() });
      bodies.push(init.body);
      return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
    const calls = timeCalls(o, ['claim', 'markSent', 'putDestination']);
    const t0 = performance.now();
    try {
      await syncPass(o, {
        destinations: [dest(endpoint)],
        actor: () => actor,
        maySend: true,
        force: true,
        now: () => Date.now(),
        fetch: timed,
      });
    } finally {
      calls.restore();
    }
    const ms = performance.now() - t0;
    const counts = await o.deliveryCounts(DEST);
    const wire = posts.reduce((sum, p) => sum + p.end - p.start, 0);
    const gaps = posts.slice(1).map((p, i) => p.start - posts[i]!.end);
    const runs: Array<[number, number]> = [];
    for (const { n } of posts) {
      const last = runs.at(-1);
      if (last && last[0] === n) last[1] += 1;
      else runs.push([n, 1]);
    }
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(bodies.join('\n')));
    return {
      sent: counts.sent - before,
      pending: counts.pending,
      seconds: ms / 1000,
      requests: posts.length,
      sizes: posts.map((p) => p.n),
      batches: runs.map(([n, k]) => (k > 1 ? `${n}×${k}` : String(n))).join(' '),
      bytes: bodies.reduce((sum, b) => sum + b.length, 0),
      sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
      wire_ms: Math.round(wire),
      between_requests_ms: Math.round(ms - wire),
      gap_median_ms: round1(median(gaps)),
      gap_p95_ms: round1(quantile(gaps, 0.95)),
      outbox_calls: calls.spent(),
    };
  },

  /**
   * The outbox's side of a drain alone, for its CPU (the driver reads Chromium's around each call): `rounds`
   * claims of `size` in queue order as the engine makes them (reads only: the drain sends them after). The sent
   * marks are not repeated here: a mark changes what the drain then sends; the drain's outbox_calls time them.
   * Returns the ms and how many rows.
   */
  async outboxWork(rounds: number, size: number): Promise<{ ms: number; rows: number }> {
    const o = ob();
    const t0 = performance.now();
    let after = 0;
    let rows = 0;
    for (let i = 0; i < rounds; i++) {
      const batch = await o.claim(DEST, size, after, { actor, now: Date.now() });
      if (batch.length === 0) break;
      after = batch.at(-1)!.delivery.seq;
      rows += batch.length;
    }
    return { ms: performance.now() - t0, rows };
  },

  /**
   * The statements the drain sent, in queue order, exactly as the engine put them on the wire (the frozen JSON
   * in the form of xAPI 1.0.3, shared/xapi/versions.ts): the bulk reference posts these.
   */
  async sentStatements(afterSeq: number, limit: number): Promise<{ jsons: string[]; last: number }> {
    const items = await ob().after(afterSeq, limit);
    return {
      jsons: items.map((i) => statementForVersion(i.json, '1.0.3')),
      last: items.at(-1)?.seq ?? afterSeq,
    };
  },

  /**
   * My learning opened on the record, then used, each from the learner's action to the screen drawn (the DOM
   * changed and a frame painted): opening (the first page; the chart and filter menus from the running totals),
   * the next page ("Show older items"), a skill filter, a kind filter, and a status filter that matches nothing
   * (the worst case: a bounded walk, shared/record/query.ts). The extension's page also passes each answer
   * through one runtime message; a JSON round trip stands in for that here.
   */
  async firstRender(): Promise<{
    ms: number;
    entries: number;
    chartMs: number;
    nextPageMs: number;
    filterSkillMs: number;
    filterKindMs: number;
    filterStatusMs: number;
  }> {
    const root = document.getElementById('root')!;
    render(null, root);
    const wire = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    const pageApi: MyLearningApi = {
      async load(query, limit) {
        const [page, tally] = await Promise.all([queryRecord(ob(), [DEST], query, limit), ob().tally()]);
        return wire({
          ...page,
          tally,
          destinations: [],
          allowCustomSkills: false,
          customSkillBaseIri: '',
          frameworksStamp: 'bench',
        });
      },
      more: async (query, after) => wire(await queryRecord(ob(), [DEST], query, RECORD_PAGE, { after })),
      frameworks: () => Promise.resolve({ stamp: 'bench', frameworks: [] }),
      update: () => Promise.resolve({ ok: true }),
      comment: () => Promise.resolve({ ok: true }),
      remove: () => Promise.resolve({ ok: true }),
      exportRecord: () => Promise.resolve({ ok: true }),
    };
    /** Resolves once `done()` holds (checked on every DOM change), then a frame painted. */
    const until = async (done: () => boolean) => {
      if (!done()) {
        await new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (done()) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
        });
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    };
    const live = () => root.querySelector('.tn-dash-section [aria-live]')?.textContent ?? '';
    const entries = () => root.querySelectorAll('.tn-entry').length;
    /** Choose in a filter menu and wait for the page to load and draw what it asked for. */
    const choose = async (menu: number, value: string) => {
      const select = root.querySelectorAll<HTMLSelectElement>('.tn-filters select')[menu]!;
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => live().includes('Loading'));
      await until(() => !live().includes('Loading'));
      return performance.now() - t0;
    };

    const t0 = performance.now();
    render(<MyLearning api={pageApi} />, root);
    await until(() => root.querySelector('.tn-day') !== null);
    const ms = performance.now() - t0;
    const first = entries();
    await until(
      () =>
        root.querySelector('.tn-chart') !== null &&
        (root.querySelectorAll('.tn-filters select')[1]?.querySelectorAll('option').length ?? 0) > 1,
    );
    const chartMs = performance.now() - t0;

    const older = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Show older items');
    const t1 = performance.now();
    older?.click();
    await until(() => entries() > first);
    const nextPageMs = older ? performance.now() - t1 : NaN;

    const filterSkillMs = await choose(1, SKILLS[7]!.id);
    await choose(1, '');
    const filterKindMs = await choose(0, 'article');
    await choose(0, '');
    const filterStatusMs = await choose(2, 'sent');
    return { ms, entries: first, chartMs, nextPageMs, filterSkillMs, filterKindMs, filterStatusMs };
  },

  close(): void {
    render(null, document.getElementById('root')!);
    outbox?.close();
    reference?.close();
    outbox = reference = undefined;
  },
};

(window as unknown as { scale: typeof api }).scale = api;
export type ScalePage = typeof api;

/** What an unwatched drain reports to the driver's server (POST /phase/end). */
export type UnwatchedDrain = { result: DrainResult } | { error: string };

/**
 * Opened as `?drain=<endpoint>&db=<name>[&learner=<name>]` (open()) in a Chromium no debugger is attached to (the driver's
 * launchUnwatched): drain that outbox as `drain` does, between a GET of /phase/start (the driver answers once it
 * has read the CPU counters) and a POST of /phase/end with the result.
 */
async function unwatchedDrain(endpoint: string, db: string, learner?: string): Promise<void> {
  let report: UnwatchedDrain;
  try {
    api.open(db, learner);
    await ob().counts(); // opened before the phase starts
    await fetch('/phase/start');
    report = { result: await api.drain(endpoint) };
  } catch (e) {
    report = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  api.close();
  await fetch('/phase/end', { method: 'POST', body: JSON.stringify(report) });
}

const query = new URLSearchParams(location.search);
const drainTo = query.get('drain');
if (drainTo) void unwatchedDrain(drainTo, query.get('db') ?? '', query.get('learner') ?? undefined);
