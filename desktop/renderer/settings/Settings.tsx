// The settings/status window (issue 5, parts 1 and 5): what is waiting, each destination's state (paused ones
// with why, e.g. refusing statements with the LRS's message), items an LRS refused (send one or all again), the
// organisation policy and its problems, the pause, who the learner is, capture settings (enforced ones shown
// locked, "set by your organisation"), the learner's own LRS, and held items to tag.
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { isUntilResumed } from '../../../shared/learner/pause';
import { createSkillIndex, STARTER_FRAMEWORK } from '../../../shared/skills';
import { DestinationStatus, FrameworkStatusList, ItemCard, RefusedList, t } from '../../../shared/ui';
import { EarlierRecord } from '../../../shared/ui/record/EarlierRecord';
import { SettingsForm, type SectionProps } from './SettingsForm';
import type { StatusView, UiApi } from '../../core/contract';

const timeFormat = new Intl.DateTimeFormat('en', { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** While the outbox is still opening, the status is asked again this often. */
const OPENING_REFRESH_MS = 3_000;

export function Settings({ api }: { api: UiApi }): JSX.Element {
  const [view, setView] = useState<StatusView>();
  const [failure, setFailure] = useState('');
  const reload = useCallback(() => {
    api.status().then(setView, (error: unknown) => setFailure(String(error)));
  }, [api]);
  useEffect(() => {
    reload();
    return api.onStatusChanged(reload);
  }, [api, reload]);

  // Opened from a held item's notification (#item=<id>): show the items.
  const hasView = view !== undefined;
  useEffect(() => {
    if (hasView && window.location.hash.startsWith('#item'))
      document.getElementById('items')?.scrollIntoView();
  }, [hasView]);

  // Still opening (an older version's upgrade): the message alone, asked again until the outbox is open.
  const opening = view?.opening;
  useEffect(() => {
    if (opening === undefined) return undefined;
    const timer = setTimeout(reload, OPENING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [opening, view, reload]);

  if (!view || opening !== undefined)
    return (
      <main class="tn-root dt-page">
        {failure ? <p class="dt-alert">{failure}</p> : <p role="status">{opening ?? t('popup.loading')}</p>}
      </main>
    );
  return (
    <main class="tn-root dt-page">
      <h1>{t('settings.title')}</h1>
      <StatusSection api={api} view={view} reload={reload} />
      <PolicySection view={view} />
      <section aria-labelledby="frameworks-heading">
        <h2 id="frameworks-heading">{t('options.frameworks.heading')}</h2>
        <p class="tn-hint">{t('options.frameworks.intro')}</p>
        <FrameworkStatusList statuses={view.frameworks} labelledBy="frameworks-heading" />
      </section>
      <Items api={api} view={view} reload={reload} />
      <SettingsForm api={api} view={view} reload={reload} />
    </main>
  );
}

/** The learner's choice to send a destination what was captured before it was set up (shared/ui/record). */
function EarlierFor({ api, id, name }: { api: UiApi; id: string; name: string }): JSX.Element {
  const load = useCallback(() => api.earlierRecord(id), [api, id]);
  const send = useCallback(() => api.sendEarlierRecord(id), [api, id]);
  return <EarlierRecord name={name} load={load} send={send} />;
}

function StatusSection({ api, view, reload }: SectionProps): JSX.Element {
  const [resendError, setResendError] = useState('');
  const resend = useCallback(
    async (id?: string) => {
      const result = await (id === undefined ? api.resendRefused() : api.resendItem(id));
      setResendError(result.ok ? '' : (result.error ?? t('error.failed')));
      reload();
    },
    [api, reload],
  );
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t('settings.status')}</h2>
      {view.storageFull ? (
        <p role="alert" class="dt-alert">
          {view.storageFull}
        </p>
      ) : null}
      <p>{t('settings.waiting', { count: view.waiting })}</p>
      <div class="tn-actions">
        <button type="button" class="tn-button" onClick={() => void api.sendNow()}>
          {t('settings.sendNow')}
        </button>
      </div>
      <h2 id="dest-heading">{t('dest.heading')}</h2>
      <DestinationStatus destinations={view.destinations} now={view.now} labelledBy="dest-heading" />
      {view.destinations.map((d) => (
        <EarlierFor key={d.id} api={api} id={d.id} name={d.name} />
      ))}
      {view.refused ? (
        <RefusedList refused={view.refused} onResend={resend} headingId="refused-heading" />
      ) : null}
      {resendError ? (
        <p role="alert" class="dt-alert">
          {resendError}
        </p>
      ) : null}
      <h2>{t('settings.pause')}</h2>
      {view.pausedUntil === undefined ? (
        <div class="tn-actions">
          <button type="button" class="tn-button" onClick={() => void api.pause('hour')}>
            {t('settings.pause.hour')}
          </button>
          <button type="button" class="tn-button" onClick={() => void api.pause('tomorrow')}>
            {t('settings.pause.tomorrow')}
          </button>
          <button type="button" class="tn-button" onClick={() => void api.pause('resumed')}>
            {t('settings.pause.resumed')}
          </button>
        </div>
      ) : (
        <>
          <p>
            {isUntilResumed(view.pausedUntil)
              ? t('settings.pausedIndefinitely')
              : t('settings.pausedUntil', { time: timeFormat.format(view.pausedUntil) })}
          </p>
          <button type="button" class="tn-button" onClick={() => void api.pause('resume')}>
            {t('settings.resume')}
          </button>
        </>
      )}
      <h2>{t('settings.media')}</h2>
      <p class="tn-hint">{view.mediaStatus}</p>
    </section>
  );
}

function PolicySection({ view }: { view: StatusView }): JSX.Element {
  const issues = [...view.policy.issues, ...view.policy.userIssues];
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t('settings.policy')}</h2>
      <p>
        {view.policy.source
          ? t('settings.policyOk', { source: view.policy.source })
          : t('settings.policyNone')}
      </p>
      {issues.length > 0 ? (
        <>
          <p class="dt-alert" role="status">
            {t('settings.policyProblems', { count: issues.length })}
          </p>
          <ul class="dt-issues">
            {issues.map((issue, i) => (
              <li key={i}>{issue.source ? `${issue.source}: ${issue.message}` : issue.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Items({ api, view, reload }: SectionProps): JSX.Element | null {
  const index = useMemo(() => createSkillIndex([STARTER_FRAMEWORK]), []);
  if (view.items.length === 0) return null;
  const done = (result: { ok: boolean }) => {
    reload();
    return result.ok;
  };
  return (
    <section id="items" aria-labelledby="items-heading">
      <h2 id="items-heading">{t('popup.waiting')}</h2>
      {view.items.map((item) => (
        <ItemCard
          key={item.id}
          item={item}
          now={view.now}
          index={index}
          onSave={async (id, draft) =>
            done(await api.updateItem({ id, skills: draft.skills, reflection: draft.reflection }))
          }
          onDiscard={async (id) => done(await api.discardItem(id))}
          onApprove={async (id) => done(await api.approveItem(id))}
        />
      ))}
    </section>
  );
}
