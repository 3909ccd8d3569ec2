/**
 * What the skill pickers search (the quick log's and My learning's): the settings' frameworks as loaded
 * (inline and downloaded, frameworks.ts), then the starter set; and the quick-log form's setup.
 */
import type { ResolvedSettings } from '../../shared/policy';
import { pickerFrameworks, type FrameworkStore } from '../../shared/learner/frameworks';
import type { QuickLogSetup, SkillFrameworksView } from './contract';

type SkillSettings = ResolvedSettings['settings']['skills'];

export class SkillPickers {
  constructor(
    private readonly source: FrameworkStore,
    private readonly skillSettings: () => SkillSettings,
  ) {}

  quickLogSetup(): QuickLogSetup {
    const skills = this.skillSettings();
    return {
      frameworks: this.frameworks(skills).frameworks,
      allowCustomSkills: skills.allowCustom,
      customSkillBaseIri: skills.customBaseIri,
    };
  }

  /** The frameworks the skill pickers search, stamped so a page reloads them only when they change. */
  frameworks(skills: SkillSettings = this.skillSettings()): SkillFrameworksView {
    const { frameworks, stamp } = this.source.snapshot(skills);
    return pickerFrameworks(frameworks, stamp);
  }
}
