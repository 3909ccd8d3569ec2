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
import type { XapiAgent } from '../../shared/xapi';

const DEST = 'lrs';
const actor: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://trailnote.app/xapi', name: `bench-scale-${crypto.randomUUID()}` },
};
const SKILLS = Array.from({ length: 40 }, (_, i) => ({
  id: `https://skills.example/s/${i}`,
  name: `Skill ${i}`,
}));
const BASE = Date.parse('2024-01-01T08:00:00.000Z');

let outbox: Outbox | undefined;
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

function ob(): Outbox {
  if (!outbox) throw new Error('call open() first');
  return outbox;
}

const api = {
  open(name: string): void {
    outbox = Outbox.open(name);
  },

  /** Queue `n` more items, as a long-running capture would have left them: 10,000 per transaction (setup only). */
  async fill(n: number): Promise<number> {
    for (let done = 0; done < n; done += 10_000) {
      const chunk = Array.from({ length: Math.min(10_000, n - done) }, item);
      await ob().enqueue(chunk, Date.now(), [DEST]);
    }
    return (await ob().counts()).ready;
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

  /** One sync pass (as the alarm or a capture runs it); `force` makes it try the LRS even while backing off. */
  async pass(endpoint: string, force: boolean): Promise<number> {
    const t0 = performance.now();
    await syncPass(ob(), {
      destinations: [dest(endpoint)],
      actor: () => actor,
      maySend: true,
      force,
      now: () => Date.now(),
    });
    return performance.now() - t0;
  },

  /**
   * Drain everything into the LRS in one pass: statements per second, how many were sent, and the sizes of the
   * engine's requests (it sizes them itself: shared/sync/batch-size.ts), as "size×count" runs.
   */
  async drain(
    endpoint: string,
  ): Promise<{ sent: number; seconds: number; pending: number; batches: string }> {
    const before = (await ob().deliveryCounts(DEST)).sent;
    const sizes: number[] = [];
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'POST' && typeof init.body === 'string')
        sizes.push((init.body.match(/"verb":/g) ?? []).length);
      return fetch(input, init);
    };
    const t0 = performance.now();
    await syncPass(ob(), {
      destinations: [dest(endpoint)],
      actor: () => actor,
      maySend: true,
      force: true,
      now: () => Date.now(),
      fetch: counting,
    });
    const seconds = (performance.now() - t0) / 1000;
    const counts = await ob().deliveryCounts(DEST);
    const runs: Array<[number, number]> = [];
    for (const n of sizes) {
      const last = runs.at(-1);
      if (last && last[0] === n) last[1] += 1;
      else runs.push([n, 1]);
    }
    const batches = runs.map(([n, k]) => (k > 1 ? `${n}×${k}` : String(n))).join(' ');
    return { sent: counts.sent - before, seconds, pending: counts.pending, batches };
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

  /**
   * Where a drain's time goes, batch by batch (median ms of 20): claiming 100, the wire mark written before each
   * request, marking 100 sent, and a bare POST of 100 statements from this page to the LRS.
   */
  async probe(endpoint: string): Promise<Record<string, number>> {
    const o = ob();
    const times: Record<string, number[]> = { claim: [], wire_mark: [], mark_sent: [], post: [] };
    const time = async (key: string, fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      times[key]!.push(performance.now() - t0);
    };
    const state = (await o.getDestination(DEST))!;
    for (let i = 0; i < 20; i++) {
      const batch = await o.claim(DEST, 100, 0);
      await time('claim', () => o.claim(DEST, 100, 0, { actor, now: Date.now() }));
      await time('wire_mark', () => o.putDestination({ ...state }));
      // The same write as marking them sent (100 deliveries put back), leaving them queued for the drain.
      await time('mark_sent', () =>
        o.recordFailure(
          batch.map((c) => c.delivery),
          Date.now(),
          'probe',
        ),
      );
      const statements = Array.from({ length: 100 }, () => item().json);
      await time('post', () =>
        fetch(`${endpoint}statements`, {
          method: 'POST',
          headers: {
            'X-Experience-API-Version': '1.0.3',
            'Content-Type': 'application/json',
            Authorization: 'Basic YTpi',
          },
          body: `[${statements.join(',')}]`,
        }).then((r) => r.arrayBuffer()),
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
  },

  close(): void {
    render(null, document.getElementById('root')!);
    outbox?.close();
    outbox = undefined;
  },
};

(window as unknown as { scale: typeof api }).scale = api;
export type ScalePage = typeof api;
