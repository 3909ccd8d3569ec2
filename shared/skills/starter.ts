// The framework every Trailnote install has without any policy: a few dozen ESCO skills chosen for informal
// workplace learning (selection and rebuild: scripts/curate-esco.ts).

import data from './starter-esco.json' with { type: 'json' };
import { ESCO_ATTRIBUTION } from './esco';
import type { Skill, SkillFramework } from './types';

export { ESCO_ATTRIBUTION };

export const STARTER_FRAMEWORK_ID = 'esco-starter';

const skills: Skill[] = data.skills.map((skill) =>
  Object.freeze({
    ...skill,
    altNames: Object.freeze([...skill.altNames]) as string[],
    frameworkId: STARTER_FRAMEWORK_ID,
  }),
);

/** Frozen: it is shared by every caller, and one caller editing it would change it for all the others. */
export const STARTER_FRAMEWORK: SkillFramework = Object.freeze({
  id: STARTER_FRAMEWORK_ID,
  name: 'ESCO starter skills',
  attribution: ESCO_ATTRIBUTION,
  skills: Object.freeze(skills) as Skill[],
});
