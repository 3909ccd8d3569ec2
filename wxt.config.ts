import { defineConfig } from 'wxt';
import { CHROME_PUBLIC_KEY, GECKO_ID } from './extension/identity';
import pkg from './package.json' with { type: 'json' };

// The browser extension (Chrome/Edge MV3, Firefox MV3). Sources live in extension/; shared/ is bundled in.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  publicDir: 'extension/public',
  // Explicit imports everywhere: the code reads the same in and out of WXT.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Trailnote',
    description: 'Keeps a record of what you learn as you browse — articles, talks, podcasts — in your LRS.',
    version: pkg.version,
    // `idle`: a PDF in the browser's viewer counts only while the learner is at the machine (background/pdf.ts).
    // `unlimitedStorage`: the outbox (the learner's record, unsent statements) must not hit a quota or be evicted.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'tabs', 'idle'],
    // Content scripts run in every frame of http(s) pages; the background reaches any configured LRS.
    host_permissions: ['http://*/*', 'https://*/*'],
    // Never in private windows (docs/policy.md): the browser will not even offer to enable it there.
    incognito: 'not_allowed',
    // No web page and no other extension may message us.
    ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [] as string[] } }),
    storage: { managed_schema: 'managed_schema.json' },
    // The capture script (extension/entrypoints/capture.ts), in every frame of http(s) pages. Declared here and
    // built as an unlisted script, so it runs without the wrapper defineContentScript adds (see that file).
    content_scripts: [
      {
        matches: ['http://*/*', 'https://*/*'],
        all_frames: true,
        run_at: 'document_idle',
        js: ['capture.js'],
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // What is read of pages (titles, addresses, time spent) goes to the LRS the learner or admin set up.
              data_collection_permissions: { required: ['browsingActivity'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { key: CHROME_PUBLIC_KEY }),
    action: { default_title: 'Trailnote' },
  }),
});
