import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import zones (lint/import-zones.js, wired in eslint.config.js; README § Architecture) fail when crossed:
// ESLint's own API lints small sample files placed in each zone (in memory: nothing is written) with the
// repository's config, only the zone rule running (no type information needed for it).
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'trailnote/import-zones',
  });
  await eslint.lintText('', { filePath: 'shared/zz.ts' }); // loads the config (seconds on a busy machine)
}, 60_000);

/** The zone errors for `code` placed at `file` (a path inside the repository). */
async function zoneErrors(file: string, code: string): Promise<string[]> {
  const results = await eslint.lintText(`${code}\nexport const sample = 1;\n`, { filePath: file });
  return results.flatMap((r) => r.messages).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** [sample file, import line, the zone named in the error (undefined: permitted)]. */
type Case = [string, string, string | undefined];

const CASES: Record<string, Case[]> = {
  'shared/ imports no app code and no platform API': [
    ['shared/record/zz.ts', "import { sendToBackground } from '../../extension/platform/send';", 'shared'],
    ['shared/outbox/zz.ts', "export { createDesktopApp } from '../../desktop/core/app';", 'shared'],
    ['shared/sync/zz.ts', "import { browser } from 'wxt/browser';", 'shared'],
    ['shared/ui/zz.tsx', "const m = await import('electron');", 'shared'],
    ['shared/record/zz.ts', "import { isRecord } from '../guards';", undefined],
  ],
  'shared/learner talks to storage and UI only through its ports': [
    ['shared/learner/zz.ts', "import { Dexie } from 'dexie';", 'shared/learner'],
    ['shared/learner/zz.ts', "import { SkillPicker } from '../ui/SkillPicker';", 'shared/learner'],
    ['shared/learner/zz.ts', "import { readFile } from 'node:fs/promises';", 'shared/learner'],
    ['shared/learner/zz.ts', "import { app } from 'electron';", 'shared'],
    ['shared/learner/zz.ts', "import type { SkillRef } from '../ui';", undefined],
    ['shared/learner/zz.ts', "import { buildArticleRead } from '../xapi';", undefined],
    ['shared/learner/zz.test.ts', "import { createServer } from 'node:http';", undefined], // a test's own server
  ],
  'extension/detectors import only shared/capture types and the content contract': [
    [
      'extension/detectors/zz.ts',
      "import { reduceMedia } from '../../shared/capture';",
      'extension/detectors',
    ],
    ['extension/detectors/zz.ts', "import { getLocal } from '../platform/storage';", 'extension/detectors'],
    [
      'extension/detectors/zz.ts',
      "import type { PageMessage } from '../platform/messages';",
      'extension/detectors',
    ],
    [
      'extension/detectors/zz.ts',
      "import { isProse } from '../detectors-extra/prose';",
      'extension/detectors',
    ],
    [
      'extension/detectors/zz.ts',
      "import { parseContentMessage } from '../background/validate';",
      'extension/detectors',
    ],
    ['extension/detectors/zz.ts', "import { z } from 'zod';", 'extension/detectors'],
    ['extension/detectors/zz.ts', "import type { MediaEvent } from '../../shared/capture';", undefined],
    [
      'extension/detectors/zz.ts',
      "import type { ContentMessage } from '../platform/content-messages';",
      undefined,
    ],
    ['extension/detectors/zz.ts', "import { withoutHash } from '../../shared/capture/page-url';", undefined],
    ['extension/detectors/zz.ts', "import { isProse } from './prose';", undefined],
    // Tests check the detectors' messages against the background's validator: outside the zone.
    [
      'extension/detectors/zz.test.ts',
      "import { parseContentMessage } from '../background/validate';",
      undefined,
    ],
  ],
  'desktop/core imports no Electron': [
    ['desktop/core/zz.ts', "import { app } from 'electron';", 'desktop/core'],
    ['desktop/core/zz.ts', "import type { BrowserWindow } from 'electron';", 'desktop/core'],
    ['desktop/core/zz.ts', "import { registerIpc } from '../main/ipc';", 'desktop/core'],
    ['desktop/core/zz.ts', "import { readFile } from 'node:fs/promises';", undefined],
    ['desktop/core/zz.ts', "import { isRecord } from '../../shared/guards';", undefined],
  ],
  'desktop renderers reach main only through the preload': [
    ['desktop/renderer/settings/zz.tsx', "import { ipcRenderer } from 'electron';", 'desktop/renderer'],
    [
      'desktop/renderer/settings/zz.tsx',
      "import { createDesktopApp } from '../../core/app';",
      'desktop/renderer',
    ],
    ['desktop/renderer/settings/zz.tsx', "import { registerIpc } from '../../main/ipc';", 'desktop/renderer'],
    ['desktop/renderer/zz.ts', "import { readFileSync } from 'node:fs';", 'desktop/renderer'],
    ['desktop/renderer/settings/zz.tsx', "import type { UiApi } from '../../core/contract';", undefined],
    ['desktop/renderer/settings/zz.tsx', "import { SkillPicker } from '../../../shared/ui';", undefined],
  ],
  'extension pages do not import the background': [
    [
      'extension/entrypoints/popup/zz.tsx',
      "import { popupState } from '../../background/popup-state';",
      'extension pages',
    ],
    [
      'extension/entrypoints/options/zz.tsx',
      "import type { LearnerDeps } from '../../background/learner';",
      'extension pages',
    ],
    [
      'extension/entrypoints/dashboard/zz.tsx',
      "import { pageRoutes } from '../../background/learner';",
      'extension pages',
    ],
    [
      'extension/entrypoints/dashboard/zz.tsx',
      "import { sendToBackground } from '../../platform/send';",
      undefined,
    ],
  ],
};

describe('import zones', () => {
  for (const [zone, cases] of Object.entries(CASES)) {
    it(
      zone,
      async () => {
        for (const [file, line, crossed] of cases) {
          const errors = await zoneErrors(file, line);
          if (crossed === undefined) expect(errors, `${file}: ${line}`).toEqual([]);
          else {
            expect(errors.length, `${file}: ${line}`).toBeGreaterThan(0);
            expect(errors.join('\n'), `${file}: ${line}`).toContain(`Import zone ${crossed}:`);
          }
        }
      },
      30_000,
    );
  }
});
