// Where a framework's skills come from (docs/policy.md `skills.frameworks`): listed inline in the policy, or
// downloaded from a URL in one of the formats below and kept for offline use (remote.ts).

import type { SkillFramework } from './types';

/**
 * `esco-csv`: a CSV with the columns `conceptUri`, `preferredLabel` and optionally `altLabels`, `description`
 * (as ESCO exports it; esco-csv.ts). `case-json`: a 1EdTech CASE 1.0/1.1 CFPackage (case-json.ts).
 */
export const FRAMEWORK_FORMATS = ['esco-csv', 'case-json'] as const;
export type FrameworkFormat = (typeof FRAMEWORK_FORMATS)[number];

/** A framework the policy names by URL: its skills are downloaded, parsed and cached. */
export interface RemoteFrameworkSource {
  id: string;
  name: string;
  url: string;
  format: FrameworkFormat;
  /** The admin's attribution; ESCO's own sentence is added when the file holds ESCO skills. */
  attribution?: string;
}

/** A framework as resolved settings hold it: its skills already, or where to get them. */
export type FrameworkSource = SkillFramework | RemoteFrameworkSource;

export function isRemoteSource(source: FrameworkSource): source is RemoteFrameworkSource {
  return 'url' in source && typeof source.url === 'string';
}
