// My learning's API (shared/ui/record MyLearningApi) over the preload's UiApi: every call goes to main, which
// checks the sender and the payload and lets the outbox window (the single writer) answer.
import type { SkillRef } from '../../../shared/ui';
import type { MyLearningApi } from '../../../shared/ui/record';
import type { UiApi } from '../../core/contract';

/** Only `id` and `name` cross to main (its validator accepts exactly those keys). */
const refs = (skills: readonly SkillRef[]): SkillRef[] => skills.map(({ id, name }) => ({ id, name }));

export function myLearningApi(ui: UiApi): MyLearningApi {
  return {
    async load(query, limit) {
      const view = await ui.recordView({ query, limit });
      return {
        items: view.items,
        next: view.next,
        tally: view.tally,
        ...(view.preparing ? { preparing: view.preparing } : {}),
        ...(view.opening !== undefined ? { opening: view.opening } : {}),
        destinations: view.destinations,
        allowCustomSkills: view.allowCustomSkills,
        customSkillBaseIri: view.customSkillBaseIri,
        frameworksStamp: view.frameworksStamp,
      };
    },
    more: (query, after) => ui.recordPage({ query, after }),
    frameworks: () => ui.skillFrameworks(),
    update: (id, skills, reflection) => ui.updateItem({ id, skills: refs(skills), reflection }),
    comment: (id, reflection, addSkills) => ui.commentItem({ id, reflection, addSkills: refs(addSkills) }),
    remove: (id) => ui.deleteItem(id),
    resend: (id) => ui.resendItem(id),
    exportRecord: (format) => ui.exportRecord(format),
  };
}
