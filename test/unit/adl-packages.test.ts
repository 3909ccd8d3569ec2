import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADL_DEBIAN_PACKAGES, adlDir } from '../support/lrs-adl';

// CI installs Debian packages in one place (scripts/test.sh); ADL's start.sh would otherwise install its own.
describe("ADL's LRS Debian packages", () => {
  it('are all in scripts/test.sh APT_PACKAGES', () => {
    const script = readFileSync('scripts/test.sh', 'utf8');
    const listed = new Set(
      [...script.matchAll(/APT_PACKAGES\+?=\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(/\s+/).filter(Boolean)),
    );
    expect(ADL_DEBIAN_PACKAGES.filter((p) => !listed.has(p))).toEqual([]);
  });

  const startSh = join(adlDir(), 'start.sh');
  it.skipIf(!existsSync(startSh))(
    existsSync(startSh)
      ? "match the list in ADL's start.sh"
      : `match the list in ADL's start.sh — cannot run here: ${startSh} is missing`,
    () => {
      const m = /PACKAGES=\(([^)]*)\)/.exec(readFileSync(startSh, 'utf8'));
      expect([...ADL_DEBIAN_PACKAGES].sort()).toEqual(m![1]!.split(/\s+/).filter(Boolean).sort());
    },
  );
});
