// The attribution line frameworks require wherever their labels are shown (ESCO is CC BY 4.0 and asks for
// "This service uses the ESCO classification of the European Commission."; shared/skills/esco.ts). The skill
// picker shows it for its own options and chips; this is for any other place that lists skill labels (a
// read-only card, a chart, a filter menu).

import type { JSX } from 'preact';
import type { SkillIndex } from '../skills/search';

const frameworkIdsByIndex = new WeakMap<SkillIndex, ReadonlyMap<string, string>>();

/** Skill IRI → framework id, built once per index (an index is shared by every card of a page). */
export function frameworkIdsOf(index: SkillIndex): ReadonlyMap<string, string> {
  let map = frameworkIdsByIndex.get(index);
  if (!map) {
    map = new Map(index.entries.map((entry) => [entry.skill.id, entry.framework.id]));
    frameworkIdsByIndex.set(index, map);
  }
  return map;
}

/**
 * The distinct attribution texts for frameworks whose labels are shown, in order: per framework id from
 * `attributions` (as the pages pass it to SkillPicker), or, without it, every attribution of the index once
 * any framework is.
 */
export function frameworkAttributions(
  frameworkIds: Iterable<string>,
  index: SkillIndex,
  attributions?: Readonly<Record<string, string>>,
): string[] {
  const texts: string[] = [];
  for (const frameworkId of frameworkIds) {
    if (!attributions) return [...index.attributions];
    const text = Object.hasOwn(attributions, frameworkId) ? attributions[frameworkId] : undefined;
    if (text && !texts.includes(text)) texts.push(text);
  }
  return texts;
}

/** As frameworkAttributions, for the frameworks of these skills (skills the index does not know add none). */
export function attributionsFor(
  skillIds: Iterable<string>,
  index: SkillIndex,
  attributions?: Readonly<Record<string, string>>,
): string[] {
  const ids = frameworkIdsOf(index);
  const frameworkIds: string[] = [];
  for (const skillId of skillIds) {
    const frameworkId = ids.get(skillId);
    if (frameworkId !== undefined) frameworkIds.push(frameworkId);
  }
  return frameworkAttributions(frameworkIds, index, attributions);
}

export interface AttributionProps {
  texts: readonly string[];
  id?: string;
}

/** Nothing when there is nothing to attribute. */
export function Attribution({ texts, id }: AttributionProps): JSX.Element | null {
  if (texts.length === 0) return null;
  return (
    <p id={id} class="tn-attribution">
      {texts.join(' ')}
    </p>
  );
}
