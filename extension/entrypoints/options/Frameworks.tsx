// The skill frameworks the settings name (docs/policy.md `skills.frameworks`): where each comes from (inline, or a
// URL and its format) and how it loaded, worded here from the background's status codes
// (shared/skills/remote.ts FrameworkStatus; the list is shared/ui's, the desktop shows it too), with a button
// to download the URL ones again now.

import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FrameworkStatusList } from '../../../shared/ui/FrameworkStatusList';
import { t } from '../../../shared/ui/i18n';
import type { FrameworkStatusView } from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
      {statuses === undefined ? null : (
        <FrameworkStatusList statuses={statuses} labelledBy="tn-frameworks-heading" />
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
