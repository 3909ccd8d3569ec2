// Invalid keys in the organisation's policy and in the learner's own settings (docs/policy.md: an invalid document
// never stops capture; invalid keys are ignored and named in a clear message on the options page).

import type { JSX } from 'preact';
import { t } from '../../../shared/ui/i18n';
import type { OptionsState } from '../../platform/messages';

export function Issues({ issues }: { issues: OptionsState['issues'] }): JSX.Element | null {
  if (issues.length === 0) return null;
  const groups = [
    { from: 'organisation', heading: t('options.issues.organisation') },
    { from: 'learner', heading: t('options.issues.learner') },
  ] as const;
  return (
    <section class="tn-panel tn-issues" aria-labelledby="tn-issues-heading">
      <h2 id="tn-issues-heading">{t('options.issues.heading', { count: issues.length })}</h2>
      <p>{t('options.issues.intro')}</p>
      {groups.map(({ from, heading }) => {
        const list = issues.filter((issue) => issue.from === from);
        if (list.length === 0) return null;
        return (
          <div key={from} class="tn-issue-group">
            <h3 id={`tn-issues-${from}`}>{heading}</h3>
            <ul class="tn-issue-list" aria-labelledby={`tn-issues-${from}`}>
              {list.map((issue, i) => (
                <li key={`${issue.path}-${i}`}>
                  <code>{issue.path || t('options.issues.document')}</code> {withoutPath(issue)}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** Messages start with their path (shared/policy); the path is already shown in code type beside them. */
function withoutPath(issue: { path: string; message: string }): string {
  const prefix = `${issue.path || 'policy document'}: `;
  return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}
