// Skills the learner invents ("Negotiating with suppliers") get an IRI under the organisation's configured
// skill base IRI, so LRS users can still query statements by skill (docs/xapi-profile.md, Skills). The IRI is
// derived from the name alone: the same name always gives the same IRI, on every device.

import { slugify } from '../xapi/iri';
import { isHttpIri } from './iri';
import { collapseWhitespace } from './text';
import type { Skill } from './types';

export const CUSTOM_FRAMEWORK_ID = 'custom';
/**
 * One slug rule for every IRI Trailnote mints (shared/xapi/iri.ts): lower case, diacritics folded, letters of
 * any script kept (IRIs are Unicode), every other run of characters → "-", at most 80 characters.
 */
export { slugify };

/**
 * Mints a learner-defined skill. Throws when `baseIri` is not an absolute http(s) IRI (or carries a query
 * or fragment, which would swallow the slug) and when the name has no letters or digits to slug.
 */
export function mintCustomSkill(name: string, baseIri: string): Skill {
  const base = baseIri.trim();
  if (!isHttpIri(base) || /[?#]/.test(base)) {
    throw new Error(`The custom skill base IRI must be an absolute http(s) IRI without ? or #: "${baseIri}"`);
  }
  if (!/[\p{L}\p{N}]/u.test(name))
    throw new Error(`"${name}" has no letters or digits to make a skill IRI from`);
  const slug = slugify(name);
  return {
    id: `${base.replace(/\/+$/, '')}/${slug}`,
    name: collapseWhitespace(name),
    frameworkId: CUSTOM_FRAMEWORK_ID,
  };
}
