// Time per skill per week: one row of bars per skill (a bar per week), then the same figures as a table, so the
// chart is a picture for those who can see it and the table is the data for everyone (and screen readers).
// The figures are shared/insights' (equal split of an item's time between its skills), from the outbox's running
// totals (tallyChart) or counted from items (timePerSkillPerWeek): the chart only draws them.

import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { UNTAGGED, type TimePerSkill } from '../../insights';
import { formatMinutes } from '../format';
import { t } from '../i18n';

export interface SkillChartProps {
  /** Time per skill per week, and how many items it comes from. */
  data: TimePerSkill & { items: number };
  /** Most recent weeks shown (older ones still count in the totals). */
  maxWeeks?: number;
  /** Skills drawn; the rest are in the table. */
  maxSkills?: number;
}

const weekLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const minutes = (seconds: number) => Math.round(seconds / 60);
const time = (seconds: number) => formatMinutes(minutes(seconds));

const LABEL_W = 150;
const COL_W = 44;
const BAR_W = 26;
const ROW_H = 34;
const TOTAL_W = 80;
const AXIS_H = 22;

export function SkillChart({ data, maxWeeks = 8, maxSkills = 8 }: SkillChartProps): JSX.Element {
  const id = useId();
  const weeks = data.weeks.slice(-maxWeeks);
  const skills = data.skills.filter((s) => s.seconds > 0);
  const itemCount = data.items;
  if (skills.length === 0) {
    return <p class="tn-hint">{t('insights.empty')}</p>;
  }
  const name = (s: { id: string; name: string }) => (s.id === UNTAGGED ? t('insights.untagged') : s.name);
  const drawn = skills.slice(0, maxSkills);
  const max = Math.max(1, ...drawn.flatMap((s) => weeks.map((w) => w.seconds[s.id] ?? 0)));
  const width = LABEL_W + weeks.length * COL_W + TOTAL_W;
  const height = drawn.length * ROW_H + AXIS_H;
  return (
    <div class="tn-chart">
      <p class="tn-chart-summary">
        {t('insights.summary', { time: time(data.totalSeconds), count: itemCount })}
      </p>
      <svg
        class="tn-chart-svg"
        role="img"
        aria-labelledby={`${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        <desc id={`${id}-desc`}>{t('insights.chart')}</desc>
        {drawn.map((skill, row) => {
          const y = row * ROW_H;
          return (
            <g key={skill.id}>
              <text class="tn-chart-label" x={0} y={y + ROW_H / 2 + 4}>
                {truncate(name(skill), 22)}
              </text>
              {weeks.map((w, col) => {
                const value = w.seconds[skill.id] ?? 0;
                const h = value > 0 ? Math.max(2, (value / max) * (ROW_H - 8)) : 0;
                return (
                  <rect
                    key={w.start}
                    class="tn-chart-bar"
                    x={LABEL_W + col * COL_W + (COL_W - BAR_W) / 2}
                    y={y + ROW_H - 4 - h}
                    width={BAR_W}
                    height={h}
                  >
                    <title>
                      {t('insights.bar', {
                        skill: name(skill),
                        date: weekLabel.format(w.start),
                        time: time(value),
                      })}
                    </title>
                  </rect>
                );
              })}
              <line
                class="tn-chart-base"
                x1={LABEL_W}
                x2={LABEL_W + weeks.length * COL_W}
                y1={y + ROW_H - 4}
                y2={y + ROW_H - 4}
              />
              <text class="tn-chart-total" x={width} y={y + ROW_H / 2 + 4} text-anchor="end">
                {time(skill.seconds)}
              </text>
            </g>
          );
        })}
        {weeks.map((w, col) => (
          <text
            key={w.start}
            class="tn-chart-axis"
            x={LABEL_W + col * COL_W + COL_W / 2}
            y={height - 6}
            text-anchor="middle"
          >
            {weekLabel.format(w.start)}
          </text>
        ))}
      </svg>
      <div class="tn-table-wrap">
        <table class="tn-table">
          <caption>{t('insights.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('insights.skill')}</th>
              {weeks.map((w) => (
                <th key={w.start} scope="col">
                  <span aria-hidden="true">{weekLabel.format(w.start)}</span>
                  <span class="tn-visually-hidden">
                    {t('insights.week', { date: weekLabel.format(w.start) })}
                  </span>
                </th>
              ))}
              <th scope="col">{t('insights.total')}</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((s) => (
              <tr key={s.id}>
                <th scope="row">{name(s)}</th>
                {weeks.map((w) => (
                  <td key={w.start}>{minutes(w.seconds[s.id] ?? 0)}</td>
                ))}
                <td>{minutes(s.seconds)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('insights.total')}</th>
              {weeks.map((w) => (
                <td key={w.start}>{minutes(w.total)}</td>
              ))}
              <td>{minutes(data.totalSeconds)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="tn-hint">{t('insights.hint')}</p>
    </div>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
