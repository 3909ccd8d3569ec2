// skills.frameworks[]: a framework is given inline (`skills`) or by `url` + `format` (docs/policy.md § Shape).
import { describe, expect, it } from 'vitest';
import { resolveSettings } from './layer';
import { toManagedStorageSchema } from './managed-schema';
import { validatePolicy } from './validate';

const ESCO_URL = 'https://skills.acme.example/esco/transversal.csv';

function frameworksOf(entries: unknown[]) {
  const { document, issues } = validatePolicy({ skills: { frameworks: entries } });
  return { frameworks: document.skills?.frameworks, messages: issues.map((issue) => issue.message) };
}

describe('skills.frameworks by URL', () => {
  it('accepts a URL framework in each format, with an attribution', () => {
    const entries = [
      { id: 'esco', name: 'ESCO transversal', url: ESCO_URL, format: 'esco-csv' },
      {
        id: 'state',
        name: 'State standards',
        url: 'https://case.example.org/ims/case/v1p0/CFPackages/c5e1a0f2',
        format: 'case-json',
        attribution: 'Standards © Example State, CC BY 4.0.',
      },
    ];
    expect(frameworksOf(entries)).toEqual({ frameworks: entries, messages: [] });
  });

  it('still accepts an inline framework', () => {
    const inline = { id: 'acme', name: 'Acme', skills: [{ id: 'https://s.example/1', name: 'One' }] };
    expect(frameworksOf([inline])).toEqual({ frameworks: [inline], messages: [] });
  });

  it.each([
    [
      'both skills and url',
      { id: 'f', name: 'F', skills: [], url: ESCO_URL, format: 'esco-csv' },
      'skills.frameworks[0]: expected either skills, or url and format, got skills, url, format',
    ],
    [
      'a url without format',
      { id: 'f', name: 'F', url: ESCO_URL },
      'skills.frameworks[0]: expected either skills, or url and format, got url',
    ],
    [
      'a format without url',
      { id: 'f', name: 'F', format: 'case-json' },
      'skills.frameworks[0]: expected either skills, or url and format, got format',
    ],
    [
      'a format with inline skills',
      { id: 'f', name: 'F', skills: [], format: 'esco-csv' },
      'skills.frameworks[0]: expected either skills, or url and format, got skills, format',
    ],
    [
      'an unknown format',
      { id: 'f', name: 'F', url: ESCO_URL, format: 'xlsx' },
      'skills.frameworks[0].format: expected one of "esco-csv", "case-json", got "xlsx"',
    ],
    [
      'a URL that is not http(s)',
      { id: 'f', name: 'F', url: 'file:///etc/skills.csv', format: 'esco-csv' },
      'skills.frameworks[0].url: expected an absolute http(s) URL',
    ],
    [
      'a relative URL',
      { id: 'f', name: 'F', url: 'skills.csv', format: 'esco-csv' },
      'skills.frameworks[0].url: expected an absolute http(s) URL',
    ],
    ['no name', { id: 'f', url: ESCO_URL, format: 'esco-csv' }, 'skills.frameworks[0].name: missing'],
  ])('drops the whole entry for %s, saying why', (_case, entry, message) => {
    const { frameworks, messages } = frameworksOf([entry]);
    expect(frameworks).toEqual([]);
    expect(messages[0]).toContain(message);
    expect(messages[messages.length - 1]).toBe(
      'skills.frameworks[0]: this entry (id "f") was ignored because of the problem above',
    );
  });

  it('resolves URL frameworks as sources to download, next to inline ones', () => {
    const { document } = validatePolicy({
      skills: { frameworks: [{ id: 'esco', name: 'ESCO', url: ESCO_URL, format: 'esco-csv' }] },
      recommended: { skills: { frameworks: [{ id: 'mine', name: 'Mine', skills: [] }] } },
    });
    expect(resolveSettings({ enforced: document }).settings.skills.frameworks).toEqual([
      { id: 'esco', name: 'ESCO', url: ESCO_URL, format: 'esco-csv' },
      { id: 'mine', name: 'Mine', skills: [] },
    ]);
  });

  it('declares url and format to Chrome and tells admins the rule', () => {
    const framework = toManagedStorageSchema().properties?.skills?.properties?.frameworks?.items;
    expect(framework?.properties?.url?.type).toBe('string');
    expect(framework?.properties?.format?.type).toBe('string');
    expect(framework?.description).toContain('Give either skills, or url and format.');
    expect(framework?.properties?.format?.description).toContain('"esco-csv"');
  });
});
