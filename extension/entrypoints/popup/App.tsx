// The popup: this tab's capture state, the items waiting to be sent (tag skills, reflect, save, approve or
// discard), and how each destination is doing. It holds no state the background does not: every action is a
// message, followed by a fresh `popup/state`.

import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SkillIndex } from '../../../shared/skills/search';
import { suggestSkills } from '../../../shared/skills/suggest';
import { DestinationStatus } from '../../../shared/ui/DestinationStatus';
import { t } from '../../../shared/ui/i18n';
import { ItemCard, type ItemDraft } from '../../../shared/ui/ItemCard';
import { RefusedList } from '../../../shared/ui/RefusedList';
import type { SkillRef } from '../../../shared/ui/SkillPicker';
import type { ItemView, ManualKind, PauseChoice, PopupState } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { blockedReasonText, CaptureStatus } from './CaptureStatus';
import { CapturePage, PauseControls, SendNow } from './PopupExtras';
import { useSkillFrameworks } from './useSkillFrameworks';

/** What the popup needs from the browser, injected so tests can run it without one. */
export interface PopupApi {
  /** The id of the active tab of the current window, if any. */
  activeTabId(): Promise<number | undefined>;
  send: SendToBackground;
}

export interface AppProps {
  api: PopupApi;
  clock?: () => number;
  /** How often the capture state is fetched again while the popup is open (ms; 0: never). */
  refreshMs?: number;
}

type Result = { ok: boolean; error?: string };

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function App({ api, clock = Date.now, refreshMs = 5_000 }: AppProps): JSX.Element {
  const [state, setState] = useState<PopupState | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [now, setNow] = useState(clock);
  const tabId = useRef<number | undefined>(undefined);
  const waitingHeading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async (): Promise<void> => {
    try {
      const next = await api.send('popup/state', { tabId: tabId.current });
      setState(next);
      setNow(clock());
    } catch (err) {
      setError(t('error.unreachable', { message: messageOf(err) }));
    }
  }, [api, clock]);

  useEffect(() => {
    let stopped = false;
    void (async () => {
      try {
        tabId.current = await api.activeTabId();
      } catch {
        tabId.current = undefined; // no tab (a devtools window): the popup still shows items and destinations
      }
      if (!stopped) await load();
    })();
    const timer = refreshMs > 0 ? setInterval(() => void load(), refreshMs) : undefined;
    return () => {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    };
  }, [api, load, refreshMs]);

  /** Runs one action, reports its error, and fetches the state again whatever happened. */
  const perform = useCallback(
    async (action: () => Promise<Result>): Promise<boolean> => {
      setError(undefined);
      let ok = false;
      try {
        const result = await action();
        ok = result.ok;
        if (!ok) setError(result.error || t('error.failed'));
      } catch (err) {
        setError(t('error.unreachable', { message: messageOf(err) }));
      }
      await load();
      return ok;
    },
    [load],
  );

  const onSave = useCallback(
    (id: string, draft: ItemDraft) =>
      perform(() => api.send('item/update', { id, skills: draft.skills, reflection: draft.reflection })),
    [api, perform],
  );

  // The card goes away: the focus goes to the list's heading rather than to the page's body.
  const onGone = useCallback(
    async (action: () => Promise<Result>) => {
      const ok = await perform(action);
      if (ok) waitingHeading.current?.focus();
      return ok;
    },
    [perform],
  );
  const onDiscard = useCallback(
    (id: string) => onGone(() => api.send('item/discard', { id })),
    [api, onGone],
  );
  const onApprove = useCallback(
    (id: string) => onGone(() => api.send('item/approve', { id })),
    [api, onGone],
  );

  // RECORD's extras: pause/resume, capture this page, send now.
  const onPause = useCallback(
    (until: PauseChoice) => perform(() => api.send('capture/pause', { until })),
    [api, perform],
  );
  const onResume = useCallback(() => perform(() => api.send('capture/resume', {})), [api, perform]);
  const onSendNow = useCallback(() => perform(() => api.send('sync/now', {})), [api, perform]);
  const onResend = useCallback(
    (id?: string) => perform(() => (id ? api.send('item/resend', { id }) : api.send('refused/resend', {}))),
    [api, perform],
  );
  const onCapture = useCallback(
    async (kind: ManualKind): Promise<Result | undefined> => {
      const tab = tabId.current;
      if (tab === undefined) {
        setError(t('popup.noTab'));
        return undefined;
      }
      let answer: Result | undefined;
      await perform(async () => {
        const r = await api.send('capture/page', { tabId: tab, kind });
        answer = r;
        return r.ok || !r.reason
          ? r
          : { ok: false, error: t('capture.off', { reason: blockedReasonText(r.reason) }) };
      });
      return answer;
    },
    [api, perform],
  );

  // The frameworks come once, apart from the state refreshed every few seconds (useSkillFrameworks).
  const onFrameworksError = useCallback((err: unknown) => {
    setError(t('error.unreachable', { message: messageOf(err) }));
  }, []);
  const { index, attributions } = useSkillFrameworks(api.send, state?.frameworksStamp, onFrameworksError);

  const waiting = useMemo(
    () => [...(state?.waiting ?? [])].sort((a, b) => b.createdAt - a.createdAt),
    [state?.waiting],
  );

  return (
    <div class="tn-popup">
      <header class="tn-popup-header">
        <h1>{t('popup.title')}</h1>
      </header>

      <div class="tn-alert-area">
        <div role="alert" class={error ? 'tn-alert' : undefined}>
          {error ?? ''}
        </div>
        {state?.storageFull ? <p class="tn-alert">{state.storageFull}</p> : null}
        {error ? (
          <div class="tn-actions">
            <button type="button" class="tn-button" onClick={() => setError(undefined)}>
              {t('popup.dismiss')}
            </button>
            {!state ? (
              <button
                type="button"
                class="tn-button"
                onClick={() => {
                  setError(undefined);
                  void load();
                }}
              >
                {t('popup.retry')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>

      {!state ? (
        !error ? (
          <p role="status" class="tn-hint">
            {t('popup.loading')}
          </p>
        ) : null
      ) : state.opening !== undefined ? (
        <p role="status" class="tn-hint">
          {state.opening}
        </p>
      ) : (
        <>
          <section class="tn-section" aria-labelledby="tn-page-heading">
            <h2 id="tn-page-heading">{t('popup.thisPage')}</h2>
            <CaptureStatus
              capturing={state.capturing}
              blockedReason={state.blockedReason}
              pausedUntil={state.pausedUntil}
              now={now}
            />
            <PauseControls
              paused={state.pausedUntil !== undefined && state.pausedUntil > now}
              onPause={onPause}
              onResume={onResume}
            />
            {tabId.current !== undefined && state.blockedReason !== 'not-http' ? (
              <CapturePage onCapture={onCapture} />
            ) : null}
          </section>

          <section class="tn-section" aria-labelledby="tn-waiting-heading">
            <h2 id="tn-waiting-heading" ref={waitingHeading} tabIndex={-1}>
              {t('popup.waiting')}
              {waiting.length > 0 ? ` (${waiting.length})` : ''}
            </h2>
            {waiting.length === 0 ? (
              <p class="tn-hint">{t('popup.noneWaiting')}</p>
            ) : (
              waiting.map((item) => (
                <WaitingItem
                  key={item.id}
                  item={item}
                  now={now}
                  index={index}
                  state={state}
                  attributions={attributions}
                  onSave={onSave}
                  onDiscard={onDiscard}
                  onApprove={onApprove}
                />
              ))
            )}
          </section>

          {state.refused ? (
            <RefusedList refused={state.refused} onResend={onResend} headingId="tn-refused-heading" />
          ) : null}

          <section class="tn-section" aria-labelledby="tn-dest-heading">
            <h2 id="tn-dest-heading">{t('dest.heading')}</h2>
            <DestinationStatus destinations={state.destinations} now={now} labelledBy="tn-dest-heading" />
            {state.destinations.length > 0 ? <SendNow onSend={onSendNow} /> : null}
          </section>
        </>
      )}

      <nav class="tn-popup-links" aria-label={t('popup.links')}>
        <a href="/dashboard.html" target="_blank" rel="noopener">
          {t('popup.myLearning')}
        </a>
        <a href="/options.html" target="_blank" rel="noopener">
          {t('popup.settings')}
        </a>
      </nav>
    </div>
  );
}

interface WaitingItemProps {
  item: ItemView;
  now: number;
  index: SkillIndex;
  state: PopupState;
  attributions: Readonly<Record<string, string>>;
  onSave: (id: string, draft: ItemDraft) => Promise<boolean>;
  onDiscard: (id: string) => Promise<boolean>;
  onApprove: (id: string) => Promise<boolean>;
}

function WaitingItem({ item, index, state, ...rest }: WaitingItemProps): JSX.Element {
  const suggestions = useMemo(
    (): SkillRef[] =>
      suggestSkills(index, { title: item.title }).map((m) => ({ id: m.skill.id, name: m.skill.name })),
    [index, item.title],
  );
  return (
    <ItemCard
      item={item}
      index={index}
      suggestions={suggestions}
      allowCustomSkills={state.allowCustomSkills}
      customSkillBaseIri={state.customSkillBaseIri}
      {...rest}
    />
  );
}
