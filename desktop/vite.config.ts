/**
 * Builds the desktop app into desktop/dist (what electron-builder packages):
 *   vite build -c desktop/vite.config.ts                 renderer pages → desktop/dist/renderer
 *   vite build -c desktop/vite.config.ts --mode main     main process   → desktop/dist/main/index.js (ESM)
 *   vite build -c desktop/vite.config.ts --mode preload  preload        → desktop/dist/preload/index.cjs
 * `electron` stays external (Electron provides it); everything else is bundled, so the package needs no
 * node_modules (dbus-next included). The preload is one CommonJS file: sandboxed preloads cannot load others.
 */
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const here = import.meta.dirname;
const dist = resolve(here, 'dist');
// dbus-next requires these optional packages inside try/catch (X11 bus address lookup, abstract sockets).
const optionalDbusPackages = ['x11', 'usocket', 'abstract-socket'];
const nodeExternals = [
  'electron',
  ...optionalDbusPackages,
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];
const jsx = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } };

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'main' || mode === 'preload') {
    const main = mode === 'main';
    return {
      configFile: false,
      publicDir: false,
      oxc: jsx,
      build: {
        outDir: resolve(dist, mode),
        emptyOutDir: true,
        target: 'node22',
        minify: false,
        sourcemap: true,
        ssr: resolve(here, main ? 'main/index.ts' : 'preload/index.ts'),
        rollupOptions: {
          external: nodeExternals,
          output: main
            ? { format: 'es', entryFileNames: 'index.js' }
            : { format: 'cjs', entryFileNames: 'index.cjs', codeSplitting: false },
        },
      },
      ssr: { noExternal: true, external: ['electron', ...optionalDbusPackages] },
    } as UserConfig;
  }
  return {
    root: resolve(here, 'renderer'),
    base: './',
    publicDir: false,
    oxc: jsx,
    build: {
      outDir: resolve(dist, 'renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
      // One bundle per page, no inline scripts or styles: the pages' CSP allows only 'self'.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: {
          'quick-log': resolve(here, 'renderer/quick-log.html'),
          settings: resolve(here, 'renderer/settings.html'),
          'my-learning': resolve(here, 'renderer/my-learning.html'),
          outbox: resolve(here, 'renderer/outbox.html'),
        },
      },
    },
  };
});
