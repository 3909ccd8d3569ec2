// Skills the learner invents ("Negotiating with suppliers") get an IRI under the organisation's configured
// skill base IRI, so LRS users can still query statements by skill (xapi-profile.md, Skills). The IRI is
// derived from the name alone: the same name always gives the same IRI, on every device.

import { isHttpIri } from './iri';
import { collapseWhitespace, foldText } from './text';
import type { Skill } from './types';

export const CUSTOM_FRAMEWORK_ID = 'custom';
export const MAX_SLUG_LENGTH = 80;

/** Lowercase ASCII slug: diacritics folded, every other run of characters → "-", at most 80 characters. */
export function slugify(name: string): string {
  return foldText(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, ''); // cutting at 80 may leave a trailing dash
}

/**
 * Mints a learner-defined skill. Throws when `baseIri` is not an absolute http(s) IRI (or carries a query
 * or fragment, which would swallow the slug) and when the name has no letters or digits to slug.
 */
export function mintCustomSkill(name: string, baseIri: string): Skill {
  const base = baseIri.trim();
  if (!isHttpIri(base) || /[?#]/.test(base)) {
    throw new Error(`The custom skill base IRI must be an absolute http(s) IRI without ? or #: "${baseIri}"`);
  }
  const slug = slugify(name);
  if (slug === '') throw new Error(`"${name}" has no letters or digits to make a skill IRI from`);
  return {
    id: `${base.replace(/\/+$/, '')}/${slug}`,
    name: collapseWhitespace(name),
    frameworkId: CUSTOM_FRAMEWORK_ID,
  };
}
