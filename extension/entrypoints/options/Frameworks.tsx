// The skill frameworks the settings name (POLICY.md `skills.frameworks`): where each comes from (inline, or a
// URL and its format) and how it loaded, worded here from the background's status codes
// (shared/skills/remote.ts FrameworkStatus), with a button to download the URL ones again now.

import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../shared/ui/i18n';
import type { FrameworkStatusView } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One framework's status in words: the state picks the message, the details fill it. */
export function frameworkStatusText(status: FrameworkStatusView): string {
  const count = status.skillCount;
  const date = status.fetchedAt === undefined ? '?' : dateFormat.format(status.fetchedAt);
  const reason = status.reason ?? '?';
  switch (status.state) {
    case 'inline':
      return t('options.frameworks.state.inline', { count });
    case 'downloaded':
      return status.reason
        ? t('options.frameworks.state.unsaved', { count, reason })
        : t('options.frameworks.state.downloaded', { count });
    case 'cached':
      return t('options.frameworks.state.cached', { count, date });
    case 'stale':
      return t('options.frameworks.state.stale', { count, date, reason });
    case 'failed':
      return t('options.frameworks.state.failed', { reason });
    default:
      return status.reason
        ? t('options.frameworks.state.failed', { reason })
        : t('options.frameworks.state.pending');
  }
}

function sourceText(status: FrameworkStatusView): string {
  if (!status.url) return t('options.frameworks.inline');
  const format = status.format ? t(`options.frameworks.format.${status.format}`) : '?';
  return t('options.frameworks.url', { url: status.url, format });
}

export function Frameworks({ send }: { send: SendToBackground }): JSX.Element {
  const [statuses, setStatuses] = useState<FrameworkStatusView[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    send('frameworks/status', {}).then(
      (answer) => setStatuses(answer.statuses),
      (err: unknown) => setNotice(t('error.unreachable', { message: messageOf(err) })),
    );
  }, [send]);

  async function refresh() {
    if (busy) return; // aria-disabled keeps the button focusable while it works
    setBusy(true);
    setNotice(t('options.frameworks.refreshing'));
    try {
      const answer = await send('frameworks/refresh', {});
      setStatuses(answer.statuses);
      setNotice(t('options.frameworks.refreshed'));
    } catch (err) {
      setNotice(t('error.unreachable', { message: messageOf(err) }));
    } finally {
      setBusy(false);
    }
  }

  const remote = statuses?.some((s) => s.url !== undefined) ?? false;
  return (
    <section class="tn-panel" aria-labelledby="tn-frameworks-heading">
      <h2 id="tn-frameworks-heading">{t('options.frameworks.heading')}</h2>
      <p class="tn-hint">{t('options.frameworks.intro')}</p>
      {statuses === undefined ? null : statuses.length === 0 ? (
        <p class="tn-hint">{t('options.frameworks.none')}</p>
      ) : (
        <ul class="tn-framework-list" aria-labelledby="tn-frameworks-heading">
          {statuses.map((s) => {
            const bad = s.state === 'failed' || s.state === 'stale' || s.reason !== undefined;
            return (
              <li key={s.id} class="tn-framework">
                <h3>{s.name}</h3>
                <dl class="tn-framework-facts">
                  <dt>{t('options.frameworks.source')}</dt>
                  <dd class="tn-endpoint">{sourceText(s)}</dd>
                  <dt>{t('options.frameworks.status')}</dt>
                  <dd class={`tn-framework-status ${bad ? 'tn-status--bad' : 'tn-status--ok'}`}>
                    {frameworkStatusText(s)}
                  </dd>
                </dl>
                {s.problems.length > 0 ? (
                  <p class="tn-hint">
                    {t('options.frameworks.problems', {
                      count: s.problems.length,
                      first: s.problems[0] ?? '',
                    })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {remote ? (
        <div class="tn-actions">
          <button type="button" class="tn-button" aria-disabled={busy} onClick={() => void refresh()}>
            {t('options.frameworks.refresh')}
          </button>
        </div>
      ) : null}
      <p role="status" class="tn-status">
        {notice}
      </p>
    </section>
  );
}
