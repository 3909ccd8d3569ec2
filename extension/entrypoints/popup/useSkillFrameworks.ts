// The popup's and My learning's skill frameworks: the shared hook (shared/ui/record/useSkillFrameworks.ts)
// fetching with `skills/frameworks`, again only when `popup/state`'s `frameworksStamp` says they changed.

import { useCallback } from 'preact/hooks';
import {
  useSkillFrameworks as useSharedSkillFrameworks,
  type SkillFrameworks,
} from '../../../shared/ui/record/useSkillFrameworks';
import type { SendToBackground } from '../../platform/send';

export type { SkillFrameworks };

export function useSkillFrameworks(
  send: SendToBackground,
  stamp: string | undefined,
  onError: (error: unknown) => void,
): SkillFrameworks {
  const fetchFrameworks = useCallback(() => send('skills/frameworks', {}), [send]);
  return useSharedSkillFrameworks(fetchFrameworks, stamp, onError);
}
