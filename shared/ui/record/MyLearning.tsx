// "My learning" (issue 4 part 4; issue 5 "open My learning"): the learner's record as a timeline grouped by day,
// with filters (kind, skill, dates, status), time per skill per week, exports (xAPI JSON exactly as sent, CSV),
// and per-item tagging, reflecting and deleting. Shared by the extension's page and the desktop window:
// everything the page does goes through the injected MyLearningApi, and it keeps no state of its own (every
// action is followed by a fresh `load`). At any size (issue 11 point 2): the timeline comes page by page, a
// filter asks the app for its newest page (shared/record/query.ts), and the chart and filter menus come from the
// outbox's running totals (shared/insights/tally.ts), never from the whole record.

import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { tallyChart, tallyFacets, type WeekTally } from '../../insights';
import type {
  ExportFormat,
  RecordCursor,
  RecordItemView,
  RecordPage,
  RecordQuery,
  RecordResult,
  RecordStatus,
} from '../../record';
import { MAX_RECORD_PAGE } from '../../learner/limits';
import { RECORD_PAGE, RECORD_STATUSES } from '../../record';
import { ESCO_ATTRIBUTION, isEscoIri } from '../../skills/esco';
import type { SkillIndex } from '../../skills/search';
import { Attribution, attributionsFor } from '../Attribution';
import { DestinationStatus, type DestinationStatusItem } from '../DestinationStatus';
import { t } from '../i18n';
import { kindLabel } from '../KindIcon';
import type { SkillRef } from '../SkillPicker';
import { groupByDay, NO_FILTER, queryOf, type RecordFilter } from './filter';
import { RecordEntry } from './RecordEntry';
import { SkillChart } from './SkillChart';
import { useSkillFrameworks, type SkillFrameworksView } from './useSkillFrameworks';

/**
 * The attributions owed for these skills' labels: their frameworks' (attributionsFor), and ESCO's for ESCO
 * skills whose framework is not loaded any more (a record outlives policy changes).
 */
function labelAttributions(
  skillIds: readonly string[],
  index: SkillIndex,
  attributions: Readonly<Record<string, string>>,
): string[] {
  const texts = attributionsFor(skillIds, index, attributions);
  if (skillIds.some(isEscoIri) && !texts.some((text) => text.includes(ESCO_ATTRIBUTION))) {
    texts.push(ESCO_ATTRIBUTION);
  }
  return texts;
}

/** What the page shows besides the frameworks (fetched apart: they can be megabytes). */
export interface MyLearningState {
  /** The newest page of the query, newest first. */
  items: RecordItemView[];
  /** Where the next (older) page starts; absent: nothing older matches. */
  next?: RecordCursor;
  /** The record's running totals: the chart, the filter menus and the counts. */
  tally: WeekTally[];
  /**
   * Items of a database an older version left that are not yet prepared (shared/outbox/fill.ts): the timeline and
   * the totals leave them out until they are. Absent: none.
   */
  preparing?: number;
  /**
   * The outbox is still opening (an older version's upgrade, shared/outbox/opening.ts): this message is shown alone
   * and the page asks again. Absent: open.
   */
  opening?: string;
  /** Undefined: the page has no destination status to show. */
  destinations?: DestinationStatusItem[];
  allowCustomSkills: boolean;
  customSkillBaseIri: string;
  /** Changes whenever the frameworks do. */
  frameworksStamp: string;
}

export type RecordActionResult = RecordResult;

/** How the page reaches its app (the extension's background, the desktop's main process). */
export interface MyLearningApi {
  /** The newest `limit` items matching the query, with the tally and what the page shows besides. */
  load(query: RecordQuery, limit: number): Promise<MyLearningState>;
  /** The next page of the query: items older than `after`. */
  more(query: RecordQuery, after: RecordCursor): Promise<RecordPage>;
  /** Stable across renders (the frameworks hook depends on it); called unbound. */
  frameworks: () => Promise<SkillFrameworksView>;
  /** Unsent: the full skills and reflection (the statement is rebuilt). */
  update(id: string, skills: SkillRef[], reflection: string): Promise<RecordActionResult>;
  /** Sent: what is added (a `commented` statement). */
  comment(id: string, reflection: string, addSkills: SkillRef[]): Promise<RecordActionResult>;
  /** Unsent: discarded; sent: `voided`. */
  remove(id: string): Promise<RecordActionResult>;
  /** Refused by an LRS: back in the queue (an app without it shows no "Send again"). */
  resend?(id: string): Promise<RecordActionResult>;
  /** Export and hand the file to the learner; `cancelled` when they chose not to save it. */
  exportRecord(format: ExportFormat): Promise<RecordActionResult & { cancelled?: boolean }>;
}

export interface MyLearningProps {
  api: MyLearningApi;
  clock?: () => number;
  /** Bumped by the app when the record changed elsewhere (a sync finished): the page loads it again. */
  refreshKey?: number;
}

const dayFormat = new Intl.DateTimeFormat('en', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** Items read at first and by each "Show older": a record of 100,000 opens as fast as one of 100. */
export const TIMELINE_PAGE = RECORD_PAGE;
/** While older items are being prepared (or the outbox is still opening), the page loads again this often. */
export const PREPARING_REFRESH_MS = 3_000;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function MyLearning({ api, clock = Date.now, refreshKey = 0 }: MyLearningProps): JSX.Element {
  const [context, setContext] = useState<MyLearningState | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [filter, setFilter] = useState<RecordFilter>(NO_FILTER);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(clock);
  const timelineHeading = useRef<HTMLHeadingElement>(null);
  const query = useMemo(() => queryOf(filter), [filter]);
  // Only the latest request's answer is drawn (filters change faster than pages come).
  const latest = useRef(0);
  const drawn = useRef<{ query?: RecordQuery; count: number }>({ count: 0 });

  /** The newest page for the current filter; as many as are drawn when it is the same filter (after an action). */
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const same = drawn.current.query === query;
      const limit = same
        ? Math.min(MAX_RECORD_PAGE, Math.max(TIMELINE_PAGE, drawn.current.count))
        : TIMELINE_PAGE;
      const state = await api.load(query, limit);
      if (ticket !== latest.current) return;
      drawn.current.query = query;
      setContext(state);
      setNow(clock());
    } catch (err) {
      if (ticket === latest.current) setError(t('error.unreachable', { message: messageOf(err) }));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [api, clock, query]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const preparing = context?.preparing ?? 0;
  const opening = context?.opening;
  useEffect(() => {
    if (preparing === 0 && opening === undefined) return undefined;
    const timer = setTimeout(() => void load(), PREPARING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [load, context, preparing, opening]);

  const showOlder = useCallback(async () => {
    const after = context?.next;
    if (!after) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const page = await api.more(query, after);
      if (ticket !== latest.current) return;
      setContext((c) => c && { ...c, items: [...c.items, ...page.items], next: page.next });
    } catch (err) {
      if (ticket === latest.current) setError(t('error.unreachable', { message: messageOf(err) }));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [api, query, context?.next]);

  const perform = useCallback(
    async (action: () => Promise<RecordActionResult>, done?: string): Promise<boolean> => {
      setError(undefined);
      setNotice('');
      let ok = false;
      try {
        const result = await action();
        ok = result.ok;
        if (!ok) setError(result.error || t('error.failed'));
        else if (done) setNotice(done);
      } catch (err) {
        setError(t('error.unreachable', { message: messageOf(err) }));
      }
      await load();
      return ok;
    },
    [load],
  );

  const onUpdate = useCallback(
    (id: string, skills: SkillRef[], reflection: string) => perform(() => api.update(id, skills, reflection)),
    [api, perform],
  );
  const onComment = useCallback(
    (id: string, reflection: string, addSkills: SkillRef[]) =>
      perform(() => api.comment(id, reflection, addSkills)),
    [api, perform],
  );
  const onDelete = useCallback(
    async (id: string, title: string) => {
      const ok = await perform(() => api.remove(id), t('record.deleted', { title }));
      if (ok) timelineHeading.current?.focus(); // the item is gone: keep the focus in the timeline
      return ok;
    },
    [api, perform],
  );
  const onResend = useCallback(
    (id: string) => perform(() => api.resend!(id), t('record.resent')),
    [api, perform],
  );
  const onExport = useCallback(
    async (format: ExportFormat) => {
      let cancelled = false;
      const ok = await perform(async () => {
        const result = await api.exportRecord(format);
        cancelled = result.cancelled === true;
        return result;
      });
      if (ok && !cancelled)
        setNotice(t('record.exported', { filename: format === 'xapi' ? 'xAPI JSON' : 'CSV' }));
    },
    [api, perform],
  );

  // Fetched once (and when the state's stamp says they changed), not with every `load`.
  const onFrameworksError = useCallback((err: unknown) => {
    setError(t('error.unreachable', { message: messageOf(err) }));
  }, []);
  const { index, attributions } = useSkillFrameworks(
    api.frameworks,
    context?.frameworksStamp,
    onFrameworksError,
  );

  const items = context?.items;
  drawn.current.count = items?.length ?? 0;
  const days = useMemo(() => groupByDay(items ?? []), [items]);
  const tally = context?.tally;
  const menus = useMemo(() => tallyFacets(tally ?? []), [tally]);
  // The chart follows the kind, skill and dates chosen (by whole weeks); the count is exact without dates or status.
  const chart = useMemo(
    () =>
      tallyChart(tally ?? [], {
        kind: query.kind,
        skill: query.skill,
        from: query.from,
        before: query.before,
      }),
    [tally, query],
  );
  const total = useMemo(
    () =>
      query.from === undefined && query.before === undefined && query.status === undefined
        ? tallyChart(tally ?? [], { kind: query.kind, skill: query.skill }).items
        : undefined,
    [tally, query],
  );
  // ESCO (CC BY 4.0) asks for its attribution wherever its labels appear: the skill menu and the chart too.
  const menuAttribution = useMemo(
    () =>
      labelAttributions(
        menus.skills.map((s) => s.id),
        index,
        attributions,
      ),
    [menus, index, attributions],
  );
  const chartAttribution = useMemo(
    () =>
      labelAttributions(
        chart.skills.map((s) => s.id),
        index,
        attributions,
      ),
    [chart, index, attributions],
  );
  const set = (patch: Partial<RecordFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div class="tn-dashboard">
      <header class="tn-dash-header">
        <h1>{t('record.title')}</h1>
        <p class="tn-hint">{t('record.intro')}</p>
      </header>

      <div class="tn-alert-area">
        <div role="alert" class={error ? 'tn-alert' : undefined}>
          {error ?? ''}
        </div>
        <p role="status" class="tn-hint">
          {notice}
        </p>
      </div>

      {opening !== undefined ? (
        <p role="status" class="tn-preparing">
          {opening}
        </p>
      ) : items === undefined ? (
        !error ? (
          <p role="status" class="tn-hint">
            {t('record.loading')}
          </p>
        ) : null
      ) : (
        <main class="tn-dash-main">
          {preparing > 0 ? (
            <p role="status" class="tn-preparing">
              {t('record.preparing', { count: preparing })}
            </p>
          ) : null}
          <section class="tn-dash-section" aria-labelledby="tn-filter-heading">
            <h2 id="tn-filter-heading">{t('record.filters')}</h2>
            <form class="tn-filters" onSubmit={(e) => e.preventDefault()}>
              <label>
                <span class="tn-label">{t('record.filter.kind')}</span>
                <select
                  class="tn-select"
                  value={filter.kind}
                  onChange={(e) => set({ kind: e.currentTarget.value })}
                >
                  <option value="">{t('record.filter.any')}</option>
                  {menus.kinds.map((k) => (
                    <option key={k} value={k}>
                      {kindLabel(k)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span class="tn-label">{t('record.filter.skill')}</span>
                <select
                  class="tn-select"
                  aria-describedby={menuAttribution.length > 0 ? 'tn-filter-attribution' : undefined}
                  value={filter.skill}
                  onChange={(e) => set({ skill: e.currentTarget.value })}
                >
                  <option value="">{t('record.filter.any')}</option>
                  {menus.skills.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span class="tn-label">{t('record.filter.from')}</span>
                <input
                  type="date"
                  class="tn-input"
                  value={filter.from}
                  onInput={(e) => set({ from: e.currentTarget.value })}
                />
              </label>
              <label>
                <span class="tn-label">{t('record.filter.to')}</span>
                <input
                  type="date"
                  class="tn-input"
                  value={filter.to}
                  onInput={(e) => set({ to: e.currentTarget.value })}
                />
              </label>
              <label>
                <span class="tn-label">{t('record.filter.status')}</span>
                <select
                  class="tn-select"
                  value={filter.status}
                  onChange={(e) => set({ status: e.currentTarget.value as RecordStatus | '' })}
                >
                  <option value="">{t('record.filter.active')}</option>
                  {RECORD_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`record.status.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" class="tn-button tn-button--quiet" onClick={() => setFilter(NO_FILTER)}>
                {t('record.filter.reset')}
              </button>
            </form>
            <Attribution texts={menuAttribution} id="tn-filter-attribution" />
            <p class="tn-hint" aria-live="polite">
              {loading
                ? t('record.loading')
                : total !== undefined
                  ? t(preparing > 0 ? 'record.countSoFar' : 'record.count', { count: total })
                  : t('record.shown', { count: items.length })}
            </p>
          </section>

          <section class="tn-dash-section" aria-labelledby="tn-insights-heading">
            <h2 id="tn-insights-heading">{t('insights.heading')}</h2>
            <SkillChart data={chart} />
            <Attribution texts={chartAttribution} />
          </section>

          <section class="tn-dash-section" aria-labelledby="tn-timeline-heading">
            <h2 id="tn-timeline-heading" ref={timelineHeading} tabIndex={-1}>
              {t('record.timeline')}
            </h2>
            {items.length === 0 && chart.items === 0 && Object.keys(query).length === 0 && preparing === 0 ? (
              <p class="tn-hint">{t('record.empty')}</p>
            ) : days.length === 0 ? (
              <p class="tn-hint">
                {context?.next
                  ? t('record.noMatchYet')
                  : preparing > 0
                    ? t('record.noMatchSoFar')
                    : t('record.noMatch')}
              </p>
            ) : (
              days.map((d) => (
                <section key={d.day} class="tn-day" aria-labelledby={`tn-day-${d.day}`}>
                  <h3 id={`tn-day-${d.day}`} class="tn-day-heading">
                    {dayFormat.format(d.day)}
                  </h3>
                  {d.items.map((item) => (
                    <RecordEntry
                      key={item.id}
                      item={item}
                      index={index}
                      allowCustomSkills={context?.allowCustomSkills}
                      customSkillBaseIri={context?.customSkillBaseIri}
                      attributions={attributions}
                      onUpdate={onUpdate}
                      onComment={onComment}
                      onDelete={onDelete}
                      onResend={api.resend ? onResend : undefined}
                    />
                  ))}
                </section>
              ))
            )}
            {context?.next ? (
              <button
                type="button"
                class="tn-button tn-button--quiet"
                disabled={loading}
                onClick={() => void showOlder()}
              >
                {t('record.older')}
              </button>
            ) : null}
          </section>

          <section class="tn-dash-section" aria-labelledby="tn-export-heading">
            <h2 id="tn-export-heading">{t('record.export')}</h2>
            <p class="tn-hint">{t('record.exportHint')}</p>
            <div class="tn-actions">
              <button type="button" class="tn-button" onClick={() => void onExport('xapi')}>
                {t('record.export.xapi')}
              </button>
              <button type="button" class="tn-button" onClick={() => void onExport('csv')}>
                {t('record.export.csv')}
              </button>
            </div>
          </section>

          {context?.destinations ? (
            <section class="tn-dash-section" aria-labelledby="tn-dash-dest">
              <h2 id="tn-dash-dest">{t('record.dest')}</h2>
              <DestinationStatus destinations={context.destinations} now={now} labelledBy="tn-dash-dest" />
            </section>
          ) : null}
        </main>
      )}
    </div>
  );
}
