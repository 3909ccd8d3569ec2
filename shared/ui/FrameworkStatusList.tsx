// The skill frameworks the settings name (docs/policy.md `skills.frameworks`): where each comes from (inline, or a
// URL and its format) and how it loaded, worded from the loader's status codes (shared/skills/remote.ts
// FrameworkStatus). Shown by the extension's options page and the desktop's settings window. Styles:
// ./frameworks.css.

import type { JSX } from 'preact';
import type { FrameworkStatus } from '../skills/remote';
import { t } from './i18n';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** One framework's status in words: the state picks the message, the details fill it. */
export function frameworkStatusText(status: FrameworkStatus): string {
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

function sourceText(status: FrameworkStatus): string {
  if (!status.url) return t('options.frameworks.inline');
  const format = status.format ? t(`options.frameworks.format.${status.format}`) : '?';
  return t('options.frameworks.url', { url: status.url, format });
}

export interface FrameworkStatusListProps {
  statuses: readonly FrameworkStatus[];
  /** The id of the heading that names the list. */
  labelledBy: string;
}

export function FrameworkStatusList({ statuses, labelledBy }: FrameworkStatusListProps): JSX.Element {
  if (statuses.length === 0) return <p class="tn-hint">{t('options.frameworks.none')}</p>;
  return (
    <ul class="tn-framework-list" aria-labelledby={labelledBy}>
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
  );
}
