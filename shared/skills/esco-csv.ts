// Turns an ESCO skills CSV export (or any CSV with the same column names, e.g. an organisation's own
// framework) into a SkillFramework. Bad rows are skipped and reported rather than failing the whole file,
// so one broken line in an admin's file does not take every skill away from the learners.

import { parseCsv } from './csv';
import { ESCO_ATTRIBUTION, isEscoIri } from './esco';
import { isHttpIri } from './iri';
import {
  MAX_FRAMEWORK_SKILLS,
  reportProblems,
  type FrameworkParseResult,
  type ParseLimits,
} from './parse-result';
import { collapseWhitespace, normalizeLabel } from './text';
import type { Skill, SkillFramework } from './types';

/** Each problem starts with `line N:` (or names the skills left out beyond the limit). */
export type EscoCsvResult = FrameworkParseResult;

const COLUMN = {
  uri: 'concepturi',
  label: 'preferredlabel',
  altLabels: 'altlabels',
  description: 'description',
} as const;

// ESCO separates alternative labels with " | " in some exports and with line breaks in others. A pipe is a
// separator only with whitespace (or the field's edge) on both sides, so "a |  | b" has an empty item
// (dropped) rather than a label "| b", and a pipe inside a word would survive.
const ALT_LABEL_SEPARATOR = /(?:^|\s)\|(?=\s|$)|[\r\n]+/;

/** Alternative labels: trimmed, without blanks, repeats, or copies of the preferred label. */
export function splitAltLabels(raw: string, preferredLabel: string): string[] {
  const seen = new Set([normalizeLabel(preferredLabel)]);
  const labels: string[] = [];
  for (const part of raw.split(ALT_LABEL_SEPARATOR)) {
    const label = collapseWhitespace(part);
    const key = normalizeLabel(label);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    labels.push(label);
  }
  return labels;
}

/**
 * Parses a skills CSV whose header names the columns `conceptUri`, `preferredLabel` and optionally
 * `altLabels` and `description` (any order, case-insensitive, other columns ignored).
 */
export function parseEscoCsv(
  text: string,
  meta: { id: string; name: string },
  limits: ParseLimits = {},
): EscoCsvResult {
  const maxSkills = limits.maxSkills ?? MAX_FRAMEWORK_SKILLS;
  let dropped = 0;
  const csv = parseCsv(text);
  const problems = [...csv.problems];
  const framework: SkillFramework = { id: meta.id, name: meta.name, skills: [] };
  const [header, ...rows] = csv.records;
  if (!header) {
    problems.push('line 1: the file has no header row');
    return { framework, problems: reportProblems(problems) };
  }

  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const uriColumn = columns.indexOf(COLUMN.uri);
  const labelColumn = columns.indexOf(COLUMN.label);
  const altColumn = columns.indexOf(COLUMN.altLabels);
  const descriptionColumn = columns.indexOf(COLUMN.description);
  if (uriColumn < 0 || labelColumn < 0) {
    const missing = [uriColumn < 0 ? 'conceptUri' : '', labelColumn < 0 ? 'preferredLabel' : ''].filter(
      Boolean,
    );
    problems.push(`line ${header.line}: missing column ${missing.join(' and ')}`);
    return { framework, problems: reportProblems(problems) };
  }

  const firstLineOf = new Map<string, number>();
  for (const { fields, line } of rows) {
    // More fields than the header means an unquoted comma shifted the row: its columns cannot be trusted.
    // Fewer is tolerated (some tools drop trailing empty fields); missing fields read as empty.
    if (fields.length > columns.length) {
      problems.push(`line ${line}: ${fields.length} fields but the header has ${columns.length}`);
      continue;
    }
    const uri = (fields[uriColumn] ?? '').trim();
    const name = collapseWhitespace(fields[labelColumn] ?? '');
    if (uri === '') {
      problems.push(`line ${line}: missing conceptUri`);
      continue;
    }
    if (!isHttpIri(uri)) {
      problems.push(`line ${line}: conceptUri "${uri}" is not an absolute http(s) IRI`);
      continue;
    }
    if (name === '') {
      problems.push(`line ${line}: missing preferredLabel for ${uri}`);
      continue;
    }
    const firstLine = firstLineOf.get(uri);
    if (firstLine !== undefined) {
      problems.push(`line ${line}: duplicate conceptUri ${uri} (first on line ${firstLine})`);
      continue;
    }
    if (framework.skills.length >= maxSkills) {
      dropped++;
      continue;
    }
    firstLineOf.set(uri, line);

    const skill: Skill = { id: uri, name, frameworkId: meta.id };
    const altNames = altColumn < 0 ? [] : splitAltLabels(fields[altColumn] ?? '', name);
    if (altNames.length > 0) skill.altNames = altNames;
    const description = descriptionColumn < 0 ? '' : collapseWhitespace(fields[descriptionColumn] ?? '');
    if (description !== '') skill.description = description;
    framework.skills.push(skill);
  }

  // ESCO's licence requires the attribution wherever its labels are shown, even for a single skill.
  if (framework.skills.some((skill) => isEscoIri(skill.id))) framework.attribution = ESCO_ATTRIBUTION;
  return { framework, problems: reportProblems(problems, dropped, maxSkills) };
}
